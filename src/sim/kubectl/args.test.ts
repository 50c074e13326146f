import { describe, expect, it } from 'vitest';
import { parseFlags, splitLine, UsageError, type FlagSpec } from './args';

const specs: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'replicas', type: 'int' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged' },
];

describe('splitLine', () => {
  it('splits on blanks and honours quotes and escapes', () => {
    expect(splitLine(`get pods -o jsonpath='{.items[*].metadata.name}'`)).toEqual([
      'get',
      'pods',
      '-o',
      'jsonpath={.items[*].metadata.name}',
    ]);
    expect(splitLine(`patch deploy x -p "{\\"a\\":1}"`)).toEqual(['patch', 'deploy', 'x', '-p', '{"a":1}']);
    expect(splitLine(`label pod a b\\ c=d ''`)).toEqual(['label', 'pod', 'a', 'b c=d', '']);
  });
  it('rejects an unterminated quote', () => {
    expect(() => splitLine(`get 'pods`)).toThrow(UsageError);
  });
});

describe('parseFlags (pflag rules)', () => {
  it('takes --flag=value, --flag value and interspersed flags', () => {
    const p = parseFlags(['get', '--namespace=a', 'pods', '--output', 'yaml'], specs);
    expect(p.args).toEqual(['get', 'pods']);
    expect(p.flags.get('namespace')).toBe('a');
    expect(p.flags.get('output')).toBe('yaml');
  });
  it('takes glued and = shorthand values', () => {
    expect(parseFlags(['-oyaml'], specs).flags.get('output')).toBe('yaml');
    expect(parseFlags(['-n=kube-system'], specs).flags.get('namespace')).toBe('kube-system');
    expect(parseFlags(['-n', 'x'], specs).flags.get('namespace')).toBe('x');
  });
  it('combines boolean shorthands', () => {
    const p = parseFlags(['-it', 'pod'], specs);
    expect(p.flags.get('stdin')).toBe(true);
    expect(p.flags.get('tty')).toBe(true);
    expect(p.args).toEqual(['pod']);
  });
  it('splits string slices on commas and repeats string arrays', () => {
    expect(parseFlags(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml'], specs).flags.get('filename')).toEqual([
      'a.yaml',
      'b.yaml',
      'c.yaml',
    ]);
    expect(parseFlags(['--as-group=a,b', '--as-group', 'c'], specs).flags.get('as-group')).toEqual([
      'a,b',
      'c',
    ]);
  });
  it('records where -- was and keeps what follows as arguments', () => {
    const p = parseFlags(['pod', '-i', '--', 'ls', '-l'], specs);
    expect(p.args).toEqual(['pod', 'ls', '-l']);
    expect(p.argsLenAtDash).toBe(1);
  });
  it('gives a bare --dry-run its no-option default', () => {
    expect(parseFlags(['--dry-run'], specs).flags.get('dry-run')).toBe('unchanged');
    expect(parseFlags(['--dry-run=client'], specs).flags.get('dry-run')).toBe('client');
  });
  it("fails with pflag's messages", () => {
    expect(() => parseFlags(['--foo'], specs)).toThrow('unknown flag: --foo');
    expect(() => parseFlags(['-x'], specs)).toThrow("unknown shorthand flag: 'x' in -x");
    expect(() => parseFlags(['-n'], specs)).toThrow("flag needs an argument: 'n' in -n");
    expect(() => parseFlags(['--namespace'], specs)).toThrow('flag needs an argument: --namespace');
    expect(() => parseFlags(['--replicas=x'], specs)).toThrow(
      'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax',
    );
  });
});
