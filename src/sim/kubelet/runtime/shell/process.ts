/**
 * A resumable sh interpreter. A running script is plain data (its syntax tree plus a stack
 * of frames), never a JS closure or generator, so `sleep 600` suspends by returning a wake
 * time and a snapshot of the cluster can carry every process mid-script. The caller drives
 * virtual time: `stepProcess(proc, now)` runs until the script blocks past `now` or exits.
 */

import type {
  AndOrNode,
  ForNode,
  IfNode,
  ListNode,
  Node,
  PipelineNode,
  Redirect,
  SimpleNode,
  WhileNode,
  Word,
} from './ast';
import { literalWord, parseScript } from './parser';
import { expandToString, expandWord, type ExpandContext } from './expand';
import { BUSYBOX_ONLY, COMMANDS, type CommandContext } from './commands';
import type { PodNetwork } from './network';
import { NETWORK_PROGRAMS } from './network-tools';
import { messagesFor, type Messages, type ShellName, type Userland } from './messages';
import { normalizePath, readFile, stat, writeFile, type FileSystem } from '../fs';
import { createLog, flushLog, writeLog, type ContainerLog } from '../log';

type Saved = { vars: Record<string, string>; exported: string[]; cwd: string; positional: string[] };

/** One activation on the interpreter's stack; `i`/`phase` say how far the node has run. */
export type Frame =
  | { k: 'list'; node: ListNode; i: number }
  | { k: 'andor'; node: AndOrNode; i: number }
  | { k: 'pipe'; node: PipelineNode; i: number; input: string }
  | { k: 'io'; capture: boolean; stdin: string | null; out: string }
  | { k: 'simple'; node: SimpleNode; started: boolean; exitAfter: boolean }
  | { k: 'if'; node: IfNode; i: number; phase: 'cond' | 'test' | 'body' }
  | { k: 'while'; node: WhileNode; phase: 'cond' | 'test' | 'body'; bodyStatus: number }
  | { k: 'for'; node: ForNode; values: string[]; i: number }
  | { k: 'sub'; saved: Saved };

export interface Process {
  argv: string[];
  userland: Userland;
  shellName: ShellName;
  /** The environment the process started with (what `kubectl exec` inherits). */
  env: Record<string, string>;
  vars: Record<string, string>;
  exported: string[];
  arg0: string;
  positional: string[];
  cwd: string;
  hostname: string;
  pid: number;
  fs: FileSystem;
  log: ContainerLog;
  /** Executables the image provides besides its userland; running one hands the process over. */
  programs: string[];
  startedAtMs: number;
  /** Virtual time the script has reached (a sleep's end, not the time step was called). */
  clockMs: number;
  frames: Frame[];
  status: number;
  /** Wake time while sleeping; null with `sleeping` means forever. */
  wakeAt: number | null;
  sleeping: boolean;
  exitCode: number | null;
  /** Set when the script ran an image program (e.g. `nginx`): the caller now runs that. */
  handoff: string[] | null;
  /** The pod's network, for `kubectl exec` processes only (see PodNetwork). */
  net?: PodNetwork;
}

export type StepResult =
  | { state: 'running'; wakeAt: number | null }
  | { state: 'exited'; code: number }
  | { state: 'handoff'; argv: string[] };

export interface StartOptions {
  nowMs?: number;
  hostname?: string;
  userland?: Userland;
  programs?: string[];
  log?: ContainerLog;
  pid?: number;
  cwd?: string;
  net?: PodNetwork;
}

/** Commands run without a frame change before the interpreter lets virtual time advance 1 ms. */
export const MAX_OPS_PER_MS = 20_000;

const SHELLS = new Set(['sh', 'ash', 'dash', 'bash']);

export function isShell(name: string): boolean {
  return SHELLS.has(baseName(name));
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/**
 * Starts argv as PID-1-style process. `sh -c SCRIPT [arg0 args…]` interprets SCRIPT; any other
 * argv runs as one command with literal words (exactly what the runtime would exec).
 */
export function startProcess(
  argv: string[],
  env: Record<string, string>,
  fs: FileSystem,
  opts: StartOptions = {},
): Process {
  const now = opts.nowMs ?? 0;
  const vars: Record<string, string> = { ...env };
  const exported = Object.keys(env);
  if (vars.PATH === undefined) vars.PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  if (vars.HOME === undefined) vars.HOME = '/root';
  const proc: Process = {
    argv: [...argv],
    userland: opts.userland ?? 'busybox',
    shellName: baseName(argv[0] ?? 'sh') === 'bash' ? 'bash' : 'sh',
    env: { ...env },
    vars,
    exported,
    arg0: argv[0] ?? 'sh',
    positional: [],
    cwd: opts.cwd ?? '/',
    hostname: opts.hostname ?? env.HOSTNAME ?? 'localhost',
    pid: opts.pid ?? 1,
    fs,
    log: opts.log ?? createLog(),
    programs: opts.programs ?? [],
    startedAtMs: now,
    clockMs: now,
    frames: [],
    status: 0,
    wakeAt: null,
    sleeping: false,
    exitCode: null,
    handoff: null,
  };
  if (opts.net) proc.net = opts.net;
  if (argv.length > 0 && isShell(argv[0])) {
    const script = shellScript(proc, argv);
    if (script === undefined) return proc;
    const parsed = parseScript(script);
    if (!parsed.ok) {
      writeLog(
        proc.log,
        'stderr',
        `${proc.shellName === 'bash' ? 'bash: -c: line 1' : proc.userland === 'gnu' ? 'sh: 1' : 'sh'}: ${parsed.error}\n`,
        now,
      );
      finish(proc, 2);
      return proc;
    }
    proc.frames.push({ k: 'list', node: parsed.script, i: 0 });
  } else if (argv.length > 0) {
    const node: SimpleNode = { type: 'simple', assigns: [], words: argv.map(literalWord), redirs: [] };
    proc.frames.push({ k: 'simple', node, started: false, exitAfter: false });
  }
  return proc;
}

/** The script text for `sh [-c script [arg0 args…] | file args…]`; undefined if it already exited. */
function shellScript(proc: Process, argv: string[]): string | undefined {
  let i = 1;
  while (i < argv.length && /^-[eux]+$/.test(argv[i])) i++;
  if (argv[i] === '-c') {
    proc.arg0 = argv[i + 2] ?? argv[0];
    proc.positional = argv.slice(i + 3);
    return argv[i + 1] ?? '';
  }
  if (i >= argv.length) return ''; // no stdin in a container: the shell reads EOF and exits 0
  const file = argv[i];
  proc.arg0 = file;
  proc.positional = argv.slice(i + 1);
  const r = readFile(proc.fs, normalizePath(file, proc.cwd));
  if (!r.ok) {
    const msg =
      proc.userland === 'busybox'
        ? `sh: can't open '${file}': No such file or directory`
        : `${proc.shellName}: 0: cannot open ${file}: No such file`;
    writeLog(proc.log, 'stderr', `${msg}\n`, proc.clockMs);
    finish(proc, 2);
    return undefined;
  }
  return r.content;
}

/** Runs the process up to `nowMs`. Idempotent for a time already reached. */
export function stepProcess(proc: Process, nowMs: number): StepResult {
  let ops = 0;
  for (;;) {
    if (proc.exitCode !== null) return { state: 'exited', code: proc.exitCode };
    if (proc.handoff) return { state: 'handoff', argv: proc.handoff };
    if (proc.sleeping) {
      if (proc.wakeAt === null || proc.wakeAt > nowMs) return { state: 'running', wakeAt: proc.wakeAt };
      proc.clockMs = proc.wakeAt;
      proc.wakeAt = null;
      proc.sleeping = false;
    }
    if (proc.frames.length === 0) {
      finish(proc, proc.status);
      continue;
    }
    if (++ops > MAX_OPS_PER_MS) {
      // A loop that never sleeps would spin forever; let virtual time move so the cluster does too.
      proc.sleeping = true;
      proc.wakeAt = proc.clockMs + 1;
      ops = 0;
      continue;
    }
    stepFrame(proc, false);
  }
}

function finish(proc: Process, code: number): void {
  proc.frames = [];
  proc.exitCode = code;
  proc.sleeping = false;
  proc.wakeAt = null;
  flushLog(proc.log, proc.clockMs);
}

/** Time at which the process will next do something, or null (exited or waiting forever). */
export function nextWake(proc: Process): number | null {
  return proc.exitCode === null && proc.sleeping ? proc.wakeAt : null;
}

// ---- the frame machine ----

function push(proc: Process, node: Node): void {
  switch (node.type) {
    case 'list':
      proc.frames.push({ k: 'list', node, i: 0 });
      return;
    case 'andor':
      proc.frames.push({ k: 'andor', node, i: 0 });
      return;
    case 'pipeline':
      proc.frames.push({ k: 'pipe', node, i: 0, input: '' });
      return;
    case 'simple':
      proc.frames.push({ k: 'simple', node, started: false, exitAfter: false });
      return;
    case 'if':
      proc.frames.push({ k: 'if', node, i: 0, phase: 'cond' });
      return;
    case 'while':
      proc.frames.push({ k: 'while', node, phase: 'cond', bodyStatus: 0 });
      return;
    case 'for': {
      const ctx = expandContext(proc);
      const values = node.items ? node.items.flatMap((w) => expandWord(w, ctx)) : [...proc.positional];
      proc.frames.push({ k: 'for', node, values, i: 0 });
      return;
    }
    case 'case': {
      const ctx = expandContext(proc);
      const subject = expandToString(node.subject, ctx);
      const arm = node.arms.find((a) =>
        a.patterns.some((p) => casePattern(expandToString(p, ctx)).test(subject)),
      );
      if (arm) push(proc, arm.body);
      else proc.status = 0;
      return;
    }
    case 'group':
      if (node.subshell) proc.frames.push({ k: 'sub', saved: save(proc) });
      push(proc, node.body);
      return;
  }
}

function casePattern(p: string): RegExp {
  const src = p
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${src}$`);
}

function save(proc: Process): Saved {
  return {
    vars: { ...proc.vars },
    exported: [...proc.exported],
    cwd: proc.cwd,
    positional: [...proc.positional],
  };
}

function restore(proc: Process, s: Saved): void {
  proc.vars = s.vars;
  proc.exported = s.exported;
  proc.cwd = s.cwd;
  proc.positional = s.positional;
}

/** Advances the top frame by one move. `sync` is true inside `$(…)`, where sleeps take no time. */
function stepFrame(proc: Process, sync: boolean): void {
  const f = proc.frames[proc.frames.length - 1];
  switch (f.k) {
    case 'list':
      if (f.i < f.node.items.length) push(proc, f.node.items[f.i++]);
      else proc.frames.pop();
      return;
    case 'andor': {
      if (f.i === 0) {
        f.i = 1;
        push(proc, f.node.first);
        return;
      }
      const next = f.node.rest[f.i - 1];
      if (!next) {
        proc.frames.pop();
        return;
      }
      f.i++;
      if ((next.op === '&&') === (proc.status === 0)) push(proc, next.node);
      return;
    }
    case 'pipe': {
      const cmds = f.node.cmds;
      if (cmds.length === 1 && f.i === 0) {
        f.i = 1;
        push(proc, cmds[0]);
        return;
      }
      if (f.i < cmds.length) {
        const last = f.i === cmds.length - 1;
        proc.frames.push({ k: 'io', capture: !last, stdin: f.i === 0 ? null : f.input, out: '' });
        push(proc, cmds[f.i++]);
        return;
      }
      if (f.node.negate) proc.status = proc.status === 0 ? 1 : 0;
      proc.frames.pop();
      return;
    }
    case 'io': {
      proc.frames.pop();
      const parent = proc.frames[proc.frames.length - 1];
      if (f.capture && parent?.k === 'pipe') parent.input = f.out;
      return;
    }
    case 'simple': {
      if (f.started) {
        proc.frames.pop();
        if (f.exitAfter) exitShell(proc, proc.status);
        return;
      }
      f.started = true;
      const slept = execSimple(proc, f);
      if (slept && sync) {
        proc.sleeping = false;
        proc.wakeAt = null;
      }
      return;
    }
    case 'if':
      if (f.phase === 'cond') {
        f.phase = 'test';
        push(proc, f.node.clauses[f.i].cond);
      } else if (f.phase === 'test') {
        if (proc.status === 0) {
          f.phase = 'body';
          push(proc, f.node.clauses[f.i].body);
        } else if (++f.i < f.node.clauses.length) f.phase = 'cond';
        else {
          f.phase = 'body';
          if (f.node.elseBody) push(proc, f.node.elseBody);
          else proc.status = 0;
        }
      } else proc.frames.pop();
      return;
    case 'while':
      if (f.phase === 'cond') {
        f.phase = 'test';
        push(proc, f.node.cond);
      } else if (f.phase === 'test') {
        if ((proc.status === 0) !== f.node.until) {
          f.phase = 'body';
          push(proc, f.node.body);
        } else {
          proc.status = f.bodyStatus;
          proc.frames.pop();
        }
      } else {
        f.bodyStatus = proc.status;
        f.phase = 'cond';
      }
      return;
    case 'for':
      if (f.i < f.values.length) {
        proc.vars[f.node.name] = f.values[f.i++];
        push(proc, f.node.body);
      } else {
        if (f.values.length === 0) proc.status = 0;
        proc.frames.pop();
      }
      return;
    case 'sub':
      proc.frames.pop();
      restore(proc, f.saved);
      return;
  }
}

/** `exit`: leaves the innermost subshell, or ends the process. */
function exitShell(proc: Process, code: number): void {
  while (proc.frames.length > 0) {
    const f = proc.frames.pop();
    if (f?.k === 'sub') {
      restore(proc, f.saved);
      proc.status = code;
      return;
    }
  }
  finish(proc, code);
}

function loopControl(proc: Process, kind: 'break' | 'continue'): void {
  let idx = proc.frames.length - 1;
  while (idx >= 0 && proc.frames[idx].k !== 'while' && proc.frames[idx].k !== 'for') {
    if (proc.frames[idx].k === 'sub') return;
    idx--;
  }
  if (idx < 0) return;
  proc.frames.length = kind === 'break' ? idx : idx + 1;
  const loop = proc.frames[idx];
  if (kind === 'continue' && loop?.k === 'while') loop.phase = 'cond';
  proc.status = 0;
}

// ---- simple commands ----

type Target =
  | { t: 'fd1' }
  | { t: 'fd2' }
  | { t: 'log'; stream: 'stdout' | 'stderr' }
  | { t: 'file'; path: string }
  | { t: 'null' };

function expandContext(proc: Process): ExpandContext {
  return {
    lookup: (name) => lookup(proc, name),
    assign: (name, value) => {
      proc.vars[name] = value;
    },
    substitute: (script) => substitute(proc, script),
    fs: proc.fs,
    cwd: proc.cwd,
  };
}

function lookup(proc: Process, name: string): string | undefined {
  switch (name) {
    case '?':
      return String(proc.status);
    case '$':
      return String(proc.pid);
    case '#':
      return String(proc.positional.length);
    case '0':
      return proc.arg0;
    case '@':
    case '*':
      return proc.positional.join(' ');
    case '!':
    case '-':
      return '';
  }
  if (/^\d+$/.test(name)) return proc.positional[Number(name) - 1];
  return proc.vars[name];
}

/** `$(…)`: runs to completion inside a subshell, collecting stdout; sleeps inside take no time. */
function substitute(proc: Process, script: ListNode): string {
  const savedFrames = proc.frames;
  const io: Frame = { k: 'io', capture: true, stdin: null, out: '' };
  proc.frames = [{ k: 'sub', saved: save(proc) }, io];
  push(proc, script);
  let ops = 0;
  while (proc.frames.length > 0 && proc.exitCode === null && ops++ < MAX_OPS_PER_MS) {
    if (proc.handoff) {
      proc.handoff = null;
      break;
    }
    stepFrame(proc, true);
  }
  const status = proc.status;
  proc.frames = savedFrames;
  proc.status = status;
  return io.out;
}

function sinkOf(proc: Process): { t: 'io'; frame: Extract<Frame, { k: 'io' }> } | { t: 'log' } {
  for (let i = proc.frames.length - 1; i >= 0; i--) {
    const f = proc.frames[i];
    if (f.k === 'io' && f.capture) return { t: 'io', frame: f };
  }
  return { t: 'log' };
}

function stdinOf(proc: Process): string | null {
  for (let i = proc.frames.length - 1; i >= 0; i--) {
    const f = proc.frames[i];
    if (f.k === 'io') return f.stdin;
  }
  return null;
}

function write(proc: Process, target: Target, text: string): void {
  if (text === '') return;
  switch (target.t) {
    case 'fd1': {
      const sink = sinkOf(proc);
      if (sink.t === 'io') sink.frame.out += text;
      else writeLog(proc.log, 'stdout', text, proc.clockMs);
      return;
    }
    case 'fd2':
      writeLog(proc.log, 'stderr', text, proc.clockMs);
      return;
    case 'log':
      writeLog(proc.log, target.stream, text, proc.clockMs);
      return;
    case 'file':
      writeFile(proc.fs, target.path, text, proc.clockMs, true);
      return;
    case 'null':
      return;
  }
}

function messages(proc: Process): Messages {
  return messagesFor(proc.userland, proc.shellName);
}

/** Opens redirections in order; returns the fd table or an error already reported. */
function openRedirects(
  proc: Process,
  redirs: Redirect[],
  ctx: ExpandContext,
): { out: Record<number, Target>; stdin?: string } | undefined {
  const out: Record<number, Target> = { 1: { t: 'fd1' }, 2: { t: 'fd2' } };
  let stdin: string | undefined;
  for (const r of redirs) {
    const target = expandToString(r.target, ctx);
    if (r.op === '>&') {
      const src = out[Number(target)];
      if (src) out[r.fd] = src;
      continue;
    }
    if (r.op === '<') {
      const rf = readFile(proc.fs, normalizePath(target, proc.cwd));
      if (!rf.ok) {
        write(
          proc,
          { t: 'fd2' },
          `${proc.userland === 'busybox' ? `sh: can't open '${target}'` : `sh: 1: cannot open ${target}`}: No such file or directory\n`,
        );
        return undefined;
      }
      stdin = rf.content;
      continue;
    }
    const special: Record<string, Target | undefined> = {
      '/dev/null': { t: 'null' },
      '/dev/stdout': out[1],
      '/dev/stderr': out[2],
      '/proc/1/fd/1': { t: 'log', stream: 'stdout' },
      '/proc/1/fd/2': { t: 'log', stream: 'stderr' },
    };
    const sp = special[target];
    if (sp) {
      out[r.fd] = sp;
      continue;
    }
    const path = normalizePath(target, proc.cwd);
    const existing = stat(proc.fs, path);
    const err =
      existing?.type === 'dir' ? 'EISDIR' : writeFile(proc.fs, path, '', proc.clockMs, r.op === '>>');
    if (err) {
      write(proc, { t: 'fd2' }, `${messages(proc).cannotCreate(target, err)}\n`);
      return undefined;
    }
    out[r.fd] = { t: 'file', path };
  }
  return stdin === undefined ? { out } : { out, stdin };
}

const SPECIAL = new Set([
  'exit',
  'exec',
  'cd',
  'export',
  'unset',
  'set',
  'trap',
  'shift',
  'break',
  'continue',
  'eval',
  ':',
  'read',
  'wait',
  'return',
  'local',
  'ulimit',
  'umask',
  'source',
  '.',
]);

/** Runs one simple command; returns true if it started a sleep. */
function execSimple(proc: Process, frame: Extract<Frame, { k: 'simple' }>): boolean {
  const node = frame.node;
  const ctx = expandContext(proc);
  const argv = node.words.flatMap((w: Word) => expandWord(w, ctx));
  const assigns = node.assigns.map((a) => [a.name, expandToString(a.value, ctx)] as const);
  const io = openRedirects(proc, node.redirs, ctx);
  if (!io) {
    proc.status = 1;
    return false;
  }
  if (argv.length === 0) {
    for (const [k, v] of assigns) proc.vars[k] = v;
    // Status is that of the last command substitution, if any ran; else 0.
    if (!node.assigns.some((a) => a.value.parts.some((p) => p.k === 'cmdsub'))) proc.status = 0;
    return false;
  }
  let name = argv[0];
  let args = argv.slice(1);
  if (name === 'exec') {
    if (args.length === 0) {
      proc.status = 0;
      return false;
    }
    frame.exitAfter = true;
    name = args[0];
    args = args.slice(1);
  }
  if (SPECIAL.has(name)) {
    proc.status = runSpecial(proc, name, args, io.out);
    return false;
  }
  // `NAME=value cmd` sets NAME for cmd only.
  const before = assigns.map(([k]) => [k, proc.vars[k], proc.exported.includes(k)] as const);
  for (const [k, v] of assigns) {
    proc.vars[k] = v;
    if (!proc.exported.includes(k)) proc.exported.push(k);
  }
  try {
    const base = name.includes('/') ? baseName(name) : name;
    const cmd =
      COMMANDS[base] ??
      (proc.userland === 'busybox' ? BUSYBOX_ONLY[base] : undefined) ??
      (proc.programs.includes(base) || proc.programs.includes(name) ? NETWORK_PROGRAMS[base] : undefined);
    const located =
      !name.includes('/') ||
      ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin'].includes(
        name.slice(0, name.lastIndexOf('/')),
      );
    if (cmd && located) {
      const cctx: CommandContext = {
        proc,
        name: base,
        args,
        stdin: io.stdin ?? stdinOf(proc),
        out: (text) => write(proc, io.out[1], text),
        err: (line) => write(proc, io.out[2], `${line}\n`),
        msgs: messages(proc),
        nowMs: proc.clockMs,
      };
      const r = cmd(cctx);
      if (typeof r === 'number') {
        proc.status = r;
        return false;
      }
      proc.status = 0;
      proc.sleeping = true;
      proc.wakeAt = r.sleepMs === null ? null : proc.clockMs + r.sleepMs;
      return true;
    }
    if (proc.programs.includes(base) || proc.programs.includes(name)) {
      proc.handoff = [name, ...args];
      return false;
    }
    write(proc, io.out[2], `${messages(proc).notFound(name)}\n`);
    proc.status = 127;
    return false;
  } finally {
    for (const [k, v, wasExported] of before) {
      if (v === undefined) delete proc.vars[k];
      else proc.vars[k] = v;
      if (!wasExported) proc.exported = proc.exported.filter((x) => x !== k);
    }
  }
}

function runSpecial(proc: Process, name: string, args: string[], out: Record<number, Target>): number {
  const err = (line: string): void => write(proc, out[2], `${line}\n`);
  switch (name) {
    case ':':
    case 'set':
    case 'trap': // signals are not delivered to scripts; a trap is accepted and never runs
    case 'wait':
    case 'ulimit':
    case 'umask':
    case 'local':
      return 0;
    case 'exit': {
      const code = args.length > 0 ? Number.parseInt(args[0], 10) & 255 : proc.status;
      exitShell(proc, Number.isNaN(code) ? 2 : code);
      return Number.isNaN(code) ? 2 : code;
    }
    case 'return':
      return args.length > 0 ? Number.parseInt(args[0], 10) & 255 : proc.status;
    case 'cd': {
      const target = normalizePath(args[0] ?? proc.vars.HOME ?? '/', proc.cwd);
      if (stat(proc.fs, target)?.type !== 'dir') {
        err(messages(proc).cd(args[0] ?? ''));
        return proc.userland === 'busybox' ? 1 : 2;
      }
      proc.cwd = target;
      proc.vars.PWD = target;
      return 0;
    }
    case 'export':
      for (const a of args) {
        const eq = a.indexOf('=');
        const k = eq >= 0 ? a.slice(0, eq) : a;
        if (eq >= 0) proc.vars[k] = a.slice(eq + 1);
        if (!proc.exported.includes(k)) proc.exported.push(k);
      }
      return 0;
    case 'unset':
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        delete proc.vars[a];
        proc.exported = proc.exported.filter((x) => x !== a);
      }
      return 0;
    case 'shift': {
      const n = args.length > 0 ? Number.parseInt(args[0], 10) : 1;
      if (n > proc.positional.length) return 1;
      proc.positional = proc.positional.slice(n);
      return 0;
    }
    case 'break':
    case 'continue':
      loopControl(proc, name);
      return 0;
    case 'eval': {
      const parsed = parseScript(args.join(' '));
      if (!parsed.ok) {
        err(`sh: ${parsed.error}`);
        return 2;
      }
      push(proc, parsed.script);
      return 0;
    }
    case 'read': {
      const input = stdinOf(proc);
      if (input === null || input === '') return 1;
      const nl = input.indexOf('\n');
      const line = nl >= 0 ? input.slice(0, nl) : input;
      const names = args.filter((a) => !a.startsWith('-'));
      const fields = line.trim().split(/[ \t]+/);
      names.forEach((n, i) => {
        proc.vars[n] = i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '');
      });
      // Consume the line from the stage's stdin so `while read` loops advance.
      for (let i = proc.frames.length - 1; i >= 0; i--) {
        const f = proc.frames[i];
        if (f.k === 'io') {
          f.stdin = nl >= 0 ? input.slice(nl + 1) : '';
          break;
        }
      }
      return 0;
    }
    case 'source':
    case '.': {
      const r = readFile(proc.fs, normalizePath(args[0] ?? '', proc.cwd));
      if (!r.ok) {
        err(`sh: .: can't open '${args[0] ?? ''}'`);
        return 2;
      }
      const parsed = parseScript(r.content);
      if (!parsed.ok) {
        err(`sh: ${parsed.error}`);
        return 2;
      }
      push(proc, parsed.script);
      return 0;
    }
  }
  return 0;
}
