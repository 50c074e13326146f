import { describe, expect, it } from 'vitest';
import { createFileSystem, stat } from '../fs';
import { formatLog } from '../log';
import { execInContainer } from './exec';
import { startProcess, stepProcess, type Process } from './process';

function run(
  script: string,
  env: Record<string, string> = {},
  userland: 'busybox' | 'gnu' = 'busybox',
): { p: Process; out: string } {
  const p = startProcess(['sh', '-c', script], { HOSTNAME: 'pod-1', ...env }, createFileSystem(), {
    nowMs: 0,
    userland,
  });
  stepProcess(p, 10_000_000);
  return { p, out: formatLog(p.log) };
}

describe('sh interpreter', () => {
  it('runs lists, and/or, variables and quoting', () => {
    expect(run('A=1; B="x  y"; echo $A "$B" \'$A\' ${C:-dflt}; false && echo no || echo yes').out).toBe(
      '1 x  y $A dflt\nyes\n',
    );
    expect(run('echo a # comment\necho b').out).toBe('a\nb\n');
  });

  it('loops, branches and arithmetic', () => {
    expect(run('i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done').out).toBe('0\n1\n2\n');
    expect(run('for x in a b; do if [ "$x" = a ]; then echo A; else echo other; fi; done').out).toBe(
      'A\nother\n',
    );
    expect(run('until true; do echo never; done; echo done').out).toBe('done\n');
    expect(run('case web-1 in web-*) echo web;; *) echo x;; esac').out).toBe('web\n');
  });

  it('files: redirects, cat, rm, mkdir -p, ls, test', () => {
    const { out } = run(
      'mkdir -p /data/a; echo one > /data/a/f; echo two >> /data/a/f; cat /data/a/f; ls /data/a; [ -f /data/a/f ] && echo file; rm -r /data; test -d /data || echo gone; touch /x/y',
    );
    expect(out).toBe('one\ntwo\nf\nfile\ngone\ntouch: /x/y: No such file or directory\n');
  });

  it('prints busybox and dash errors for unknown commands', () => {
    const bb = run('foo; echo $?');
    expect(bb.out).toBe('sh: foo: not found\n127\n');
    expect(bb.p.log.lines[0].stream).toBe('stderr');
    expect(run('foo', {}, 'gnu').out).toBe('sh: 1: foo: not found\n');
    expect(run('foo').p.exitCode).toBe(127);
  });

  it('exit, subshells, trap, env, printenv, hostname, date', () => {
    expect(run('trap "echo bye" TERM; (exit 3); echo $?; exit 4').p.exitCode).toBe(4);
    expect(run('hostname; printenv GREETING; date').out).toBe('pod-1\nThu Jan  1 00:00:00 UTC 1970\n');
    expect(run('printenv GREETING', { GREETING: 'hi' }).out).toBe('hi\n');
    expect(run('X=1 env | grep X=').out).toBe('X=1\n');
  });

  it('command substitution and pipes', () => {
    expect(run('echo "n=$(echo 5 | wc -l)"; seq 3 | tail -n 1').out).toBe('n=1\n3\n');
  });

  it('reports syntax errors with status 2', () => {
    const r = run('if true; then echo x');
    expect(r.p.exitCode).toBe(2);
    expect(r.out).toContain('syntax error');
  });

  it('suspends on sleep and resumes at the sleep end, however late it is stepped', () => {
    const p = startProcess(
      ['/bin/sh', '-c', 'echo start; sleep 5; echo mid; sleep 5; echo end'],
      {},
      createFileSystem(),
      { nowMs: 1000 },
    );
    expect(stepProcess(p, 1000)).toEqual({ state: 'running', wakeAt: 6000 });
    expect(stepProcess(p, 100_000)).toEqual({ state: 'exited', code: 0 });
    expect(p.log.lines.map((l) => [l.t, l.text])).toEqual([
      [1000, 'start'],
      [6000, 'mid'],
      [11000, 'end'],
    ]);
  });

  it('lets busy loops advance virtual time instead of hanging', () => {
    const p = startProcess(['sh', '-c', 'while true; do :; done'], {}, createFileSystem(), { nowMs: 0 });
    const r = stepProcess(p, 0);
    expect(r.state).toBe('running');
  });

  it('sleeps forever with sleep infinity', () => {
    const p = startProcess(['sh', '-c', 'sleep infinity'], {}, createFileSystem(), { nowMs: 0 });
    expect(stepProcess(p, 1e12)).toEqual({ state: 'running', wakeAt: null });
  });

  it('is plain data: a JSON round trip resumes identically', () => {
    const script = 'i=0; while true; do echo "$i: $(date +%s)"; i=$((i+1)); sleep 1; done';
    const a = startProcess(['sh', '-c', script], {}, createFileSystem(), { nowMs: 0 });
    stepProcess(a, 2500);
    const b = JSON.parse(JSON.stringify(a)) as Process;
    stepProcess(a, 5000);
    stepProcess(b, 5000);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(formatLog(a.log)).toBe('0: 0\n1: 1\n2: 2\n3: 3\n4: 4\n5: 5\n');
  });
});

describe('exec in container', () => {
  it('shares the file system with PID 1 and uses busybox texts', () => {
    const fs = createFileSystem();
    const target = { fs, env: { HOSTNAME: 'p' }, hostname: 'p', userland: 'busybox' as const, programs: [] };
    expect(execInContainer(target, ['cat', '/tmp/healthy'], 0)).toMatchObject({
      exitCode: 1,
      output: "cat: can't open '/tmp/healthy': No such file or directory\n",
    });
    execInContainer(target, ['sh', '-c', 'echo hi > /tmp/healthy'], 0);
    expect(stat(fs, '/tmp/healthy')).toBeDefined();
    expect(execInContainer(target, ['cat', '/tmp/healthy'], 0)).toMatchObject({
      exitCode: 0,
      stdout: 'hi\n',
    });
    expect(execInContainer(target, ['sleep', '5'], 0, { timeoutMs: 1000 }).timedOut).toBe(true);
    expect(execInContainer({ ...target, userland: 'none' }, ['sh'], 0).error).toContain(
      'executable file not found in $PATH',
    );
  });
});
