/**
 * Command-line parsing as kubectl does it: a POSIX-shell-like split of a typed line (the browser
 * terminal has no shell in front of kubectl), then spf13/pflag's rules for flags — interspersed
 * flags, `--name=value` and `--name value`, shorthand clusters (`-it`, `-oyaml`, `-n=ns`), and `--`.
 */

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** Value when the flag is absent; a bool's `NoOptDefVal` is always "true". */
  default?: string | boolean | number | string[];
  /** pflag's NoOptDefVal: a string flag that may be given bare (`--dry-run` means `unchanged`). */
  noOptDefault?: string;
}

export type FlagValue = string | boolean | number | string[];

export class UsageError extends Error {}

/** Splits a typed line into words: quotes, backslash escapes, no expansion. */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new UsageError('unterminated quoted string');
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1])) {
          cur += line[i + 1];
          i += 2;
        } else cur += line[i++];
      }
      if (i >= line.length) throw new UsageError('unterminated quoted string');
      i++;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      if (line[i + 1] !== '\n') cur += line[i + 1];
      i += 2;
      inWord = true;
    } else if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

export interface Parsed {
  flags: Map<string, FlagValue>;
  /** Flags the user actually gave (pflag's `Changed`). */
  changed: Set<string>;
  args: string[];
  /** Index in `args` where `--` was seen, or -1 (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
}

function defaultOf(spec: FlagSpec): FlagValue {
  if (spec.default !== undefined) return spec.default;
  switch (spec.type) {
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'stringArray':
    case 'stringSlice':
      return [];
    default:
      return '';
  }
}

/** Go's strconv.ParseInt error text, as pflag wraps it. */
function parseIntValue(raw: string, flagName: string): number {
  if (!/^[+-]?\d+$/.test(raw))
    throw new UsageError(
      `invalid argument "${raw}" for "${flagName}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    );
  return Number(raw);
}

function parseBoolValue(raw: string, flagName: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  throw new UsageError(
    `invalid argument "${raw}" for "${flagName}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
  );
}

/** pflag's stringSlice reads its value as one CSV record. */
function splitCsv(raw: string): string[] {
  if (raw === '') return [];
  return raw.split(',');
}

function flagLabel(spec: FlagSpec): string {
  return spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
}

function setValue(p: Parsed, spec: FlagSpec, raw: string): void {
  const label = flagLabel(spec);
  let v: FlagValue;
  switch (spec.type) {
    case 'bool':
      v = parseBoolValue(raw, label);
      break;
    case 'int':
      v = parseIntValue(raw, label);
      break;
    case 'stringArray': {
      const prev = p.changed.has(spec.name) ? (p.flags.get(spec.name) as string[]) : [];
      v = [...prev, raw];
      break;
    }
    case 'stringSlice': {
      const prev = p.changed.has(spec.name) ? (p.flags.get(spec.name) as string[]) : [];
      v = [...prev, ...splitCsv(raw)];
      break;
    }
    default:
      v = raw;
  }
  p.flags.set(spec.name, v);
  p.changed.add(spec.name);
}

/** Parses `argv` against `specs` with pflag's rules; throws UsageError with pflag's message. */
export function parseFlags(argv: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const p: Parsed = { flags: new Map(), changed: new Set(), args: [], argsLenAtDash: -1 };
  for (const s of specs) p.flags.set(s.name, defaultOf(s));
  let i = 0;
  while (i < argv.length) {
    const a = argv[i++];
    if (a === '--') {
      p.argsLenAtDash = p.args.length;
      p.args.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq >= 0 ? body.slice(0, eq) : body;
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(p, spec, body.slice(eq + 1));
      else if (spec.type === 'bool') setValue(p, spec, 'true');
      else if (spec.noOptDefault !== undefined) setValue(p, spec, spec.noOptDefault);
      else if (i < argv.length) setValue(p, spec, argv[i++]);
      else throw new UsageError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let rest = a.slice(1);
      while (rest.length > 0) {
        const c = rest[0];
        const spec = byShort.get(c);
        if (!spec) throw new UsageError(`unknown shorthand flag: '${c}' in ${a}`);
        const after = rest.slice(1);
        if (after.startsWith('=')) {
          setValue(p, spec, after.slice(1));
          rest = '';
        } else if (spec.type === 'bool') {
          setValue(p, spec, 'true');
          rest = after;
        } else if (after.length > 0) {
          setValue(p, spec, after);
          rest = '';
        } else if (spec.noOptDefault !== undefined) {
          setValue(p, spec, spec.noOptDefault);
          rest = '';
        } else if (i < argv.length) {
          setValue(p, spec, argv[i++]);
          rest = '';
        } else throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
      }
      continue;
    }
    p.args.push(a);
  }
  return p;
}

/** kubectl's persistent flags, accepted by every command. */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'cluster', type: 'string' },
  { name: 'user', type: 'string' },
  { name: 'as', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'as-uid', type: 'string' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'server', short: 's', type: 'string' },
  { name: 'token', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'insecure-skip-tls-verify', type: 'bool' },
  { name: 'certificate-authority', type: 'string' },
  { name: 'client-certificate', type: 'string' },
  { name: 'client-key', type: 'string' },
  { name: 'tls-server-name', type: 'string' },
  { name: 'cache-dir', type: 'string' },
  { name: 'match-server-version', type: 'bool' },
  { name: 'disable-compression', type: 'bool' },
  { name: 'warnings-as-errors', type: 'bool' },
  { name: 'username', type: 'string' },
  { name: 'password', type: 'string' },
  { name: 'profile', type: 'string', default: 'none' },
  { name: 'profile-output', type: 'string', default: 'profile.pprof' },
  { name: 'log-flush-frequency', type: 'string', default: '5s' },
];

/** Typed accessors over a Parsed result. */
export class Flags {
  constructor(readonly parsed: Parsed) {}
  str(name: string): string {
    const v = this.parsed.flags.get(name);
    return typeof v === 'string' ? v : '';
  }
  bool(name: string): boolean {
    return this.parsed.flags.get(name) === true;
  }
  int(name: string): number {
    const v = this.parsed.flags.get(name);
    return typeof v === 'number' ? v : 0;
  }
  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : [];
  }
  changed(name: string): boolean {
    return this.parsed.changed.has(name);
  }
  get args(): string[] {
    return this.parsed.args;
  }
}
