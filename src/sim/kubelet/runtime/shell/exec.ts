/**
 * `kubectl exec` and exec probes: a second process in the container's namespaces. It shares
 * the container's file system (so `cat /tmp/healthy` sees what PID 1 wrote) and starts from
 * the container's environment, and runs to completion at once: its sleeps advance a private
 * clock whose total is reported as the duration, for probe timeouts.
 */

import type { FileSystem } from '../fs';
import { createLog } from '../log';
import { BUSYBOX_ONLY, COMMANDS } from './commands';
import type { Userland } from './messages';
import type { PodNetwork } from './network';
import { NETWORK_PROGRAMS } from './network-tools';
import { isShell, startProcess, stepProcess } from './process';

export interface ExecTarget {
  fs: FileSystem;
  env: Record<string, string>;
  hostname: string;
  /** `none` for images without a shell or utilities (distroless, scratch). */
  userland: Userland | 'none';
  /** Executables the image adds (its servers and tools). */
  programs: string[];
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as written (what a probe's output and `kubectl exec` show). */
  output: string;
  /** Virtual time the command took (its sleeps). */
  durationMs: number;
  /** True when it was still running at the timeout. */
  timedOut: boolean;
  /** A runtime-level failure (the executable does not exist): the command never started. */
  error?: string;
}

export type ExecutableKind = 'shell' | 'utility' | 'program';

const BIN_DIRS = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** What `name` is in this image, or undefined if exec would fail with "not found in $PATH". */
export function resolveExecutable(
  target: Pick<ExecTarget, 'userland' | 'programs'>,
  name: string,
): ExecutableKind | undefined {
  const slash = name.lastIndexOf('/');
  const base = name.slice(slash + 1);
  // Network clients the image ships (curl) run as commands and exit; they never become PID 1's program.
  if (Object.hasOwn(NETWORK_PROGRAMS, base) && target.programs.some((p) => p === name || p === base))
    return 'utility';
  if (target.programs.includes(name)) return 'program';
  if (slash >= 0 && !BIN_DIRS.includes(name.slice(0, slash) || '/'))
    return target.programs.includes(base) ? 'program' : undefined;
  if (target.programs.includes(base)) return 'program';
  if (target.userland === 'none') return undefined;
  if (isShell(base)) return base === 'bash' && target.userland === 'busybox' ? undefined : 'shell';
  if (base in COMMANDS || (target.userland === 'busybox' && base in BUSYBOX_ONLY)) return 'utility';
  return undefined;
}

/** containerd/runc's text when the executable is missing, as `kubectl exec` and probe events show it. */
export function execNotFoundMessage(name: string): string {
  return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
}

export interface ExecOptions {
  timeoutMs?: number;
  /** What `kubectl exec -i` sent; undefined = no stdin (reads see EOF). */
  stdin?: string;
  /** The pod's network, so curl and wget reach other pods. */
  net?: PodNetwork;
}

/** `sh` with nothing to run reads its script from stdin (`echo 'ls' | kubectl exec -i pod -- sh`). */
function scriptFromStdin(argv: string[], stdin: string | undefined): string[] {
  if (stdin === undefined || !isShell(argv[0] ?? '')) return argv;
  const flags = argv.slice(1);
  if (!flags.every((a) => /^-[euxis]+$/.test(a))) return argv;
  const kept = flags.map((a) => a.replace(/[is]/g, '')).filter((a) => a !== '-');
  return [argv[0], ...kept, '-c', stdin];
}

export function execInContainer(
  target: ExecTarget,
  argvIn: string[],
  nowMs: number,
  opts: ExecOptions = {},
): ExecResult {
  const argv = scriptFromStdin(argvIn, opts.stdin);
  const timeoutMs = opts.timeoutMs ?? 3_600_000;
  const name = argv[0] ?? '';
  const kind = resolveExecutable(target, name);
  if (kind === undefined || target.userland === 'none') {
    if (kind === 'program')
      return { exitCode: 0, stdout: '', stderr: '', output: '', durationMs: 0, timedOut: false };
    const error = execNotFoundMessage(name);
    return { exitCode: 126, stdout: '', stderr: error, output: error, durationMs: 0, timedOut: false, error };
  }
  // Image programs (e.g. `nginx -v`) are not modelled under exec: they succeed silently.
  if (kind === 'program')
    return { exitCode: 0, stdout: '', stderr: '', output: '', durationMs: 0, timedOut: false };
  const log = createLog();
  const proc = startProcess(argv, target.env, target.fs, {
    nowMs,
    hostname: target.hostname,
    userland: target.userland,
    // Only the network clients: an exec'd script cannot hand itself over to a server program.
    programs: target.programs.filter((p) => Object.hasOwn(NETWORK_PROGRAMS, p.slice(p.lastIndexOf('/') + 1))),
    log,
    pid: 7,
    ...(opts.net ? { net: opts.net } : {}),
  });
  if (opts.stdin !== undefined) proc.frames.unshift({ k: 'io', capture: false, stdin: opts.stdin, out: '' });
  let result = stepProcess(proc, nowMs);
  while (result.state === 'running' && result.wakeAt !== null && result.wakeAt - nowMs <= timeoutMs) {
    result = stepProcess(proc, result.wakeAt);
  }
  const stdout =
    log.lines
      .filter((l) => l.stream === 'stdout')
      .map((l) => `${l.text}\n`)
      .join('') + log.partial.stdout;
  const stderr =
    log.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => `${l.text}\n`)
      .join('') + log.partial.stderr;
  const output = log.lines.map((l) => `${l.text}\n`).join('') + log.partial.stdout + log.partial.stderr;
  if (result.state === 'exited')
    return {
      exitCode: result.code,
      stdout,
      stderr,
      output,
      durationMs: proc.clockMs - nowMs,
      timedOut: false,
    };
  return { exitCode: 137, stdout, stderr, output, durationMs: timeoutMs, timedOut: true };
}
