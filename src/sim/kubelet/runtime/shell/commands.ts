/**
 * The utilities a container's userland provides to scripts and `kubectl exec`: the common
 * BusyBox applets / coreutils, each a pure function of its arguments, stdin, the
 * process's variables and its file system. `sleep` returns a duration instead of
 * blocking, so the interpreter can suspend.
 */

import {
  listDir,
  mkdir,
  normalizePath,
  readFile,
  remove,
  stat,
  touch,
  writeFile,
  basename,
  dirname,
} from '../fs';
import type { Messages } from './messages';
import type { Process } from './process';
import { BUSYBOX_NETWORK } from './network-tools';
import { runTest } from './test-command';

export interface CommandContext {
  proc: Process;
  name: string;
  args: string[];
  stdin: string | null;
  out(text: string): void;
  /** Writes one line to stderr (newline added). */
  err(line: string): void;
  msgs: Messages;
  nowMs: number;
}

/** An exit status, or a request to sleep (null = forever) and then exit 0. */
export type CommandResult = number | { sleepMs: number | null };

type Command = (ctx: CommandContext) => CommandResult;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Parses `sleep` arguments (`30`, `0.5`, `1m`, `infinity`); null = forever, undefined = invalid. */
export function parseSleep(arg: string): number | null | undefined {
  if (arg === 'infinity' || arg === 'inf') return null;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Math.round(Number(m[1]) * mult);
}

/** `date` with no format prints `Mon Jan  2 15:04:05 UTC 2006` (containers run in UTC). */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const fields: Record<string, string> = {
    Y: String(d.getUTCFullYear()),
    m: p2(d.getUTCMonth() + 1),
    d: p2(d.getUTCDate()),
    e: String(d.getUTCDate()).padStart(2, ' '),
    H: p2(d.getUTCHours()),
    M: p2(d.getUTCMinutes()),
    S: p2(d.getUTCSeconds()),
    s: String(Math.floor(ms / 1000)),
    a: DAYS[d.getUTCDay()],
    b: MONTHS[d.getUTCMonth()],
    Z: 'UTC',
    z: '+0000',
    N: String((ms % 1000) * 1_000_000).padStart(9, '0'),
    '%': '%',
  };
  fields.T = `${fields.H}:${fields.M}:${fields.S}`;
  fields.F = `${fields.Y}-${fields.m}-${fields.d}`;
  const fmt = format ?? '%a %b %e %H:%M:%S %Z %Y';
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => fields[c] ?? all);
}

function echoEscapes(s: string): { text: string; stop: boolean } {
  let stop = false;
  const text = s.replace(/\\(0[0-7]{0,3}|[abcefnrtv\\])/g, (_m, c: string) => {
    if (c === 'c') {
      stop = true;
      return '';
    }
    if (c.startsWith('0')) return String.fromCharCode(Number.parseInt(c.slice(1) || '0', 8));
    return { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }[c] ?? c;
  });
  return { text, stop };
}

const echo: Command = (ctx) => {
  let newline = true;
  let escapes = ctx.proc.userland === 'gnu' && ctx.proc.shellName === 'sh'; // dash's echo always interprets
  let args = ctx.args;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = echoEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  ctx.out(newline ? `${text}\n` : text);
  return 0;
};

const printf: Command = (ctx) => {
  if (ctx.args.length === 0) {
    ctx.err('printf: usage: printf format [arguments]');
    return 2;
  }
  const [fmt, ...rest] = ctx.args;
  let args = rest;
  let out = '';
  do {
    let used = 0;
    out += fmt.replace(
      /%([-0 ]?\d*)([sdiucx%])|\\(.)/g,
      (_m, width: string | undefined, conv: string | undefined, esc: string | undefined) => {
        if (esc !== undefined) return { n: '\n', t: '\t', '\\': '\\', r: '\r' }[esc] ?? `\\${esc}`;
        if (conv === '%') return '%';
        const a = args[used++] ?? '';
        let s =
          conv === 's' || conv === 'c'
            ? conv === 'c'
              ? a.slice(0, 1)
              : a
            : conv === 'x'
              ? (Number.parseInt(a, 10) || 0).toString(16)
              : String(Number.parseInt(a, 10) || 0);
        const w = Number.parseInt((width ?? '').replace(/^[-0 ]/, ''), 10);
        if (!Number.isNaN(w))
          s = width?.startsWith('-') ? s.padEnd(w) : s.padStart(w, width?.startsWith('0') ? '0' : ' ');
        return s;
      },
    );
    args = args.slice(used);
    if (used === 0) break;
  } while (args.length > 0);
  ctx.out(out);
  return 0;
};

const sleep: Command = (ctx) => {
  if (ctx.args.length === 0) {
    ctx.err(
      ctx.proc.userland === 'busybox'
        ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...'
        : "sleep: missing operand\nTry 'sleep --help' for more information.",
    );
    return 1;
  }
  let total = 0;
  for (const a of ctx.args) {
    const ms = parseSleep(a);
    if (ms === undefined) {
      ctx.err(ctx.msgs.invalidSleep(a));
      return 1;
    }
    if (ms === null) return { sleepMs: null };
    total += ms;
  }
  return { sleepMs: total };
};

function splitFlags(args: string[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') done = true;
    else if (!done && a.length > 1 && a.startsWith('-')) for (const f of a.slice(1)) flags.add(f);
    else operands.push(a);
  }
  return { flags, operands };
}

const cat: Command = (ctx) => {
  const { operands } = splitFlags(ctx.args);
  if (operands.length === 0) {
    ctx.out(ctx.stdin ?? '');
    return 0;
  }
  let status = 0;
  for (const f of operands) {
    if (f === '-') {
      ctx.out(ctx.stdin ?? '');
      continue;
    }
    const r = readFile(ctx.proc.fs, normalizePath(f, ctx.proc.cwd));
    if (r.ok) ctx.out(r.content);
    else {
      ctx.err(ctx.msgs.cat(f, r.error));
      status = 1;
    }
  }
  return status;
};

const touchCmd: Command = (ctx) => {
  let status = 0;
  for (const f of splitFlags(ctx.args).operands) {
    const e = touch(ctx.proc.fs, normalizePath(f, ctx.proc.cwd), ctx.nowMs);
    if (e) {
      ctx.err(ctx.msgs.touch(f, e));
      status = 1;
    }
  }
  return status;
};

const rm: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const f of operands) {
    const e = remove(ctx.proc.fs, normalizePath(f, ctx.proc.cwd), recursive);
    if (e && !(e === 'ENOENT' && force)) {
      ctx.err(ctx.msgs.rm(f, e));
      status = 1;
    }
  }
  return status;
};

const mkdirCmd: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  let status = 0;
  for (const f of operands) {
    const e = mkdir(ctx.proc.fs, normalizePath(f, ctx.proc.cwd), ctx.nowMs, flags.has('p'));
    if (e) {
      ctx.err(ctx.msgs.mkdir(f, e));
      status = 1;
    }
  }
  return status;
};

const ls: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  const targets = operands.length > 0 ? operands : ['.'];
  const all = flags.has('a');
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const e = stat(ctx.proc.fs, normalizePath(t, ctx.proc.cwd));
    if (!e) {
      ctx.err(ctx.msgs.ls(t));
      status = ctx.proc.userland === 'gnu' ? 2 : 1;
    } else if (e.type === 'dir' && !flags.has('d')) dirs.push(t);
    else files.push(t);
  }
  // stdout is not a terminal in a container, so ls prints one name per line.
  const lines: string[] = [...files];
  for (const d of dirs) {
    if (targets.length > 1) lines.push(`${lines.length > 0 ? '\n' : ''}${d}:`);
    const names = listDir(ctx.proc.fs, normalizePath(d, ctx.proc.cwd)).filter(
      (n) => all || !n.startsWith('.'),
    );
    lines.push(...(all ? ['.', '..', ...names] : names));
  }
  if (lines.length > 0) ctx.out(`${lines.join('\n')}\n`);
  return status;
};

const dateCmd: Command = (ctx) => {
  const fmt = ctx.args.find((a) => a.startsWith('+'));
  ctx.out(`${formatDate(ctx.nowMs, fmt?.slice(1))}\n`);
  return 0;
};

const printenv: Command = (ctx) => {
  const env = exportedEnv(ctx.proc);
  if (ctx.args.length === 0) {
    ctx.out(
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  }
  let status = 0;
  for (const name of ctx.args) {
    if (name in env) ctx.out(`${env[name]}\n`);
    else status = 1;
  }
  return status;
};

const env: Command = (ctx) => {
  ctx.out(
    Object.entries(exportedEnv(ctx.proc))
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  return 0;
};

/** Exported variables in insertion order (the container env first, as the runtime sets it). */
export function exportedEnv(proc: Process): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of proc.exported) if (proc.vars[name] !== undefined) out[name] = proc.vars[name];
  return out;
}

function lines(text: string): string[] {
  const ls = text.split('\n');
  if (ls[ls.length - 1] === '') ls.pop();
  return ls;
}

function readInputs(ctx: CommandContext, operands: string[]): { text: string; status: number } {
  if (operands.length === 0) return { text: ctx.stdin ?? '', status: 0 };
  let text = '';
  let status = 0;
  for (const f of operands) {
    const r = readFile(ctx.proc.fs, normalizePath(f, ctx.proc.cwd));
    if (r.ok) text += r.content;
    else {
      ctx.err(`${ctx.name}: ${f}: ${r.error === 'EISDIR' ? 'Is a directory' : 'No such file or directory'}`);
      status = 1;
    }
  }
  return { text, status };
}

function countArg(args: string[], def: number): { n: number; rest: string[] } {
  const rest: string[] = [];
  let n = def;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') n = Number.parseInt(args[++i] ?? `${def}`, 10);
    else if (/^-n?\d+$/.test(a)) n = Number.parseInt(a.replace(/^-n?/, ''), 10);
    else rest.push(a);
  }
  return { n, rest };
}

const head: Command = (ctx) => {
  const { n, rest } = countArg(ctx.args, 10);
  const r = readInputs(ctx, rest);
  const ls = lines(r.text).slice(0, n);
  if (ls.length) ctx.out(`${ls.join('\n')}\n`);
  return r.status;
};

const tail: Command = (ctx) => {
  const { n, rest } = countArg(
    ctx.args.filter((a) => a !== '-f'),
    10,
  );
  const r = readInputs(ctx, rest);
  const ls = n === 0 ? [] : lines(r.text).slice(-n);
  if (ls.length) ctx.out(`${ls.join('\n')}\n`);
  return r.status;
};

const wc: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  const r = readInputs(ctx, operands);
  const l = (r.text.match(/\n/g) ?? []).length;
  const w = r.text.split(/\s+/).filter(Boolean).length;
  const c = r.text.length;
  const parts =
    flags.size === 0
      ? [l, w, c]
      : [
          flags.has('l') ? l : undefined,
          flags.has('w') ? w : undefined,
          flags.has('c') ? c : undefined,
        ].filter((x) => x !== undefined);
  const text = parts.length === 1 ? String(parts[0]) : parts.map((x) => String(x).padStart(7)).join(' ');
  ctx.out(`${text}${operands.length === 1 ? ` ${operands[0]}` : ''}\n`);
  return r.status;
};

const grep: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  if (operands.length === 0) {
    ctx.err('Usage: grep [OPTIONS] PATTERN [FILE]...');
    return 2;
  }
  const [pattern, ...files] = operands;
  let re: RegExp;
  try {
    re = new RegExp(
      flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern,
      flags.has('i') ? 'i' : '',
    );
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const r = readInputs(ctx, files);
  const matched = lines(r.text).filter((l) => re.test(l) !== flags.has('v'));
  if (flags.has('c')) ctx.out(`${matched.length}\n`);
  else if (!flags.has('q') && matched.length) ctx.out(`${matched.join('\n')}\n`);
  return r.status !== 0 ? 2 : matched.length > 0 ? 0 : 1;
};

const seq: Command = (ctx) => {
  const nums = ctx.args.map((a) => Number(a));
  const [first, step, last] =
    nums.length === 1
      ? [1, 1, nums[0]]
      : nums.length === 2
        ? [nums[0], 1, nums[1]]
        : [nums[0], nums[1], nums[2]];
  if ([first, step, last].some((n) => Number.isNaN(n)) || step === 0) return 1;
  const out: string[] = [];
  for (let x = first; step > 0 ? x <= last : x >= last; x += step) {
    out.push(String(x));
    if (out.length > 100_000) break;
  }
  if (out.length) ctx.out(`${out.join('\n')}\n`);
  return 0;
};

const tee: Command = (ctx) => {
  const { flags, operands } = splitFlags(ctx.args);
  const text = ctx.stdin ?? '';
  for (const f of operands)
    writeFile(ctx.proc.fs, normalizePath(f, ctx.proc.cwd), text, ctx.nowMs, flags.has('a'));
  ctx.out(text);
  return 0;
};

const cpOrMv =
  (move: boolean): Command =>
  (ctx) => {
    const { operands } = splitFlags(ctx.args);
    if (operands.length < 2) {
      ctx.err(`${ctx.name}: missing file operand`);
      return 1;
    }
    const dest = operands[operands.length - 1];
    let status = 0;
    for (const src of operands.slice(0, -1)) {
      const r = readFile(ctx.proc.fs, normalizePath(src, ctx.proc.cwd));
      if (!r.ok) {
        ctx.err(
          ctx.proc.userland === 'busybox'
            ? `${ctx.name}: can't stat '${src}': No such file or directory`
            : `${ctx.name}: cannot stat '${src}': No such file or directory`,
        );
        status = 1;
        continue;
      }
      const d = stat(ctx.proc.fs, normalizePath(dest, ctx.proc.cwd));
      const target =
        d?.type === 'dir'
          ? `${normalizePath(dest, ctx.proc.cwd)}/${basename(src)}`
          : normalizePath(dest, ctx.proc.cwd);
      writeFile(ctx.proc.fs, target, r.content, ctx.nowMs);
      if (move) remove(ctx.proc.fs, normalizePath(src, ctx.proc.cwd), false);
    }
    return status;
  };

const simple =
  (text: (ctx: CommandContext) => string): Command =>
  (ctx) => {
    ctx.out(`${text(ctx)}\n`);
    return 0;
  };

const unsupportedNetwork: Command = (ctx) => {
  // KubeSim's packets travel between pods in the cluster model, not from inside scripts.
  ctx.err(`${ctx.name}: network access from scripts is not simulated in KubeSim`);
  return 1;
};

/** Utilities both userlands provide. */
export const COMMANDS: Record<string, Command> = {
  echo,
  printf,
  sleep,
  cat,
  touch: touchCmd,
  rm,
  mkdir: mkdirCmd,
  ls,
  date: dateCmd,
  env,
  printenv,
  head,
  tail,
  wc,
  grep,
  seq,
  tee,
  cp: cpOrMv(false),
  mv: cpOrMv(true),
  test: (ctx) => runTest(ctx, false),
  '[': (ctx) => runTest(ctx, true),
  true: () => 0,
  false: () => 1,
  hostname: simple((ctx) => ctx.proc.hostname),
  pwd: simple((ctx) => ctx.proc.cwd),
  whoami: simple(() => 'root'),
  id: simple((ctx) =>
    ctx.proc.userland === 'busybox'
      ? 'uid=0(root) gid=0(root) groups=0(root),10(wheel)'
      : 'uid=0(root) gid=0(root) groups=0(root)',
  ),
  uname: simple((ctx) =>
    ctx.args.includes('-a')
      ? `Linux ${ctx.proc.hostname} 6.8.0-kubesim #1 SMP x86_64 GNU/Linux`
      : ctx.args.includes('-r')
        ? '6.8.0-kubesim'
        : 'Linux',
  ),
  nproc: simple(() => '2'),
  basename: simple((ctx) => basename(ctx.args[0] ?? '')),
  dirname: simple((ctx) => dirname(ctx.args[0] ?? '.')),
  kill: () => 0,
};

/** Extra BusyBox applets. */
export const BUSYBOX_ONLY: Record<string, Command> = {
  ...BUSYBOX_NETWORK,
  nc: unsupportedNetwork,
  ping: unsupportedNetwork,
};
