/**
 * What a container's process does over virtual time, as plain data plus step functions the
 * kubelet drives: servers listen at once, scripts run in the shell interpreter, agnhost and
 * the drill images fail on schedule, stress allocates memory that a limit may OOM-kill.
 */

import type { DrillKind, ImageEntry, ProgramSpec, ServerFlavour } from './images';
import { writeLog, flushLog } from './log';
import {
  initialFileSystem,
  nginxServe,
  serverStartFails,
  startupLog,
  type HttpOutcome,
  type HttpRequest,
} from './servers';
import { execInContainer, resolveExecutable, type ExecOptions, type ExecResult } from './shell/exec';
import { startProcess, stepProcess, type Process } from './shell/process';
import { parseValue } from '../../api/quantity';

export interface ContainerInput {
  image: ImageEntry;
  /** Pod spec `command` and `args` (undefined = image default). */
  command?: string[];
  args?: string[];
  /** The container's environment as the kubelet computes it (HOSTNAME, KUBERNETES_*, spec env). */
  env: Record<string, string>;
  hostname: string;
  memoryLimitBytes?: number;
  /** Files from volumes (e.g. a hostPath /etc/machine-id). */
  files?: Record<string, string>;
}

/** The model of the program PID 1 runs. */
export type Program =
  | { kind: 'shell' }
  | { kind: 'server'; flavour: ServerFlavour; ports: number[] }
  | { kind: 'agnhost'; sub: string; ports: number[] }
  | { kind: 'stress'; memBytes: number; cpus: number }
  | { kind: 'pause' }
  | { kind: 'drill'; drill: DrillKind; afterMs: number; code: number; rateBytesPerSec: number }
  | { kind: 'exit'; code: number };

export type ExitReason = 'Completed' | 'Error' | 'OOMKilled';

export interface Container {
  image: string;
  version?: string;
  argv: string[];
  program: Program;
  /** The image's userland; `none` means `kubectl exec -- sh` fails as on distroless. */
  userland: ImageEntry['userland'];
  /** PID 1: holds the file system, environment and log even when it is not a script. */
  proc: Process;
  startedAtMs: number;
  memoryLimitBytes?: number;
  exit: { code: number; reason: ExitReason; atMs: number } | null;
}

export type CreateResult =
  | { ok: true; container: Container }
  | { ok: false; reason: 'StartError' | 'CreateContainerError'; message: string; exitCode: number };

export type ContainerStep =
  { state: 'running'; wakeAt: number | null } | { state: 'exited'; code: number; reason: ExitReason };

const WRAPPERS_WITH_SEPARATOR = new Set(['tini', '/tini']);

/** The argv the runtime execs: Kubernetes' command/args rules over the image's ENTRYPOINT/CMD. */
export function resolveArgv(image: ImageEntry, command?: string[], args?: string[]): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return [...image.entrypoint, ...(args ?? image.cmd)];
}

function programOf(image: ImageEntry, name: string): ProgramSpec | undefined {
  return image.programs[name] ?? image.programs[name.slice(name.lastIndexOf('/') + 1)];
}

/** runc's message when argv[0] does not exist in the image (container state StartError, exit 128). */
export function startErrorMessage(name: string): string {
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
}

export function createContainer(input: ContainerInput, nowMs: number): CreateResult {
  const { image } = input;
  let argv = resolveArgv(image, input.command, input.args);
  if (argv.length === 0)
    return {
      ok: false,
      reason: 'CreateContainerError',
      message: 'failed to generate container spec: no command specified',
      exitCode: 128,
    };
  // Entry-point wrappers end in `exec "$@"`: look through them to the real program.
  while (argv.length > 0 && programOf(image, argv[0])?.kind === 'wrapper') {
    argv = argv.slice(WRAPPERS_WITH_SEPARATOR.has(argv[0]) && argv[1] === '--' ? 2 : 1);
  }
  if (argv.length === 0)
    return {
      ok: false,
      reason: 'CreateContainerError',
      message: 'failed to generate container spec: no command specified',
      exitCode: 128,
    };
  const programs = Object.keys(image.programs);
  const target = { userland: image.userland, programs };
  const kind = resolveExecutable(target, argv[0]);
  if (kind === undefined)
    return { ok: false, reason: 'StartError', message: startErrorMessage(argv[0]), exitCode: 128 };
  const env = { ...image.env, ...input.env };
  const spec = programOf(image, argv[0]);
  const flavour = spec?.kind === 'server' ? spec.flavour : undefined;
  const fs = initialFileSystem(flavour, input.hostname, input.files ?? {}, nowMs);
  const userland = image.userland === 'none' ? 'busybox' : image.userland;
  const isScript = kind === 'shell' || kind === 'utility';
  const proc = startProcess(isScript ? argv : [], env, fs, {
    nowMs,
    hostname: input.hostname,
    userland,
    programs,
  });
  const c: Container = {
    image: image.ref,
    argv,
    program: isScript ? { kind: 'shell' } : programFor(image, argv, env),
    userland: image.userland,
    proc,
    startedAtMs: nowMs,
    exit: null,
  };
  if (image.version !== undefined) c.version = image.version;
  if (input.memoryLimitBytes !== undefined) c.memoryLimitBytes = input.memoryLimitBytes;
  if (!isScript) begin(c, nowMs);
  return { ok: true, container: c };
}

function flag(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === name || a === `-${name}` || a === `--${name}`) return argv[i + 1];
    const m = new RegExp(`^--?${name}=(.*)$`).exec(a);
    if (m) return m[1];
  }
  return undefined;
}

function programFor(image: ImageEntry, argv: string[], env: Record<string, string>): Program {
  const spec = programOf(image, argv[0]);
  const ports = image.ports.filter((p) => p.protocol === 'TCP').map((p) => p.port);
  switch (spec?.kind) {
    case 'server':
      return {
        kind: 'server',
        flavour: spec.flavour,
        ports: spec.flavour === 'hello-app' && env.PORT ? [Number(env.PORT)] : ports,
      };
    case 'agnhost': {
      const sub = argv[1] ?? 'pause';
      const port = Number(flag(argv, 'port') ?? flag(argv, 'http-port') ?? 8080);
      return { kind: 'agnhost', sub, ports: sub === 'pause' ? [] : [port] };
    }
    case 'stress': {
      // polinux: `--vm N --vm-bytes 150M`; vish: `-mem-total 150Mi`.
      const size = flag(argv, 'vm-bytes') ?? flag(argv, 'mem-total') ?? '0';
      const vms = Number(flag(argv, 'vm') ?? 1);
      const bytes = parseStressSize(size) * (flag(argv, 'vm-bytes') ? vms : 1);
      return { kind: 'stress', memBytes: bytes, cpus: Number(flag(argv, 'cpus') ?? flag(argv, 'cpu') ?? 0) };
    }
    case 'drill':
      return {
        kind: 'drill',
        drill: spec.drill,
        afterMs: Number(flag(argv, 'after') ?? (spec.drill === 'slow-ready' ? 60 : 30)) * 1000,
        code: Number(flag(argv, 'code') ?? 1),
        rateBytesPerSec: Number(flag(argv, 'rate') ?? 10) * 2 ** 20,
      };
    case 'pause':
      return { kind: 'pause' };
    default:
      return { kind: 'exit', code: 0 };
  }
}

/** stress's sizes: `150M` means MiB (it multiplies by 1024), as do Kubernetes-style `150Mi`. */
function parseStressSize(s: string): number {
  const m = /^(\d+)([bBkKmMgG])$/.exec(s);
  if (m)
    return (
      Number(m[1]) * { b: 1, k: 1024, m: 2 ** 20, g: 2 ** 30 }[m[2].toLowerCase() as 'b' | 'k' | 'm' | 'g']
    );
  return parseValue(s) ?? 0;
}

function log(c: Container, stream: 'stdout' | 'stderr', line: string, t: number): void {
  writeLog(c.proc.log, stream, `${line}\n`, t);
}

/** Startup output of a non-script program. */
function begin(c: Container, nowMs: number): void {
  const p = c.program;
  if (p.kind === 'server')
    for (const [s, line] of startupLog(p.flavour, c.version, nowMs, c.proc.env)) log(c, s, line, nowMs);
  if (p.kind === 'agnhost' && p.sub !== 'pause') {
    if (p.sub === 'netexec')
      log(
        c,
        'stderr',
        `I0101 00:00:00.000000       1 log.go:245] Started HTTP server on port ${p.ports[0]}`,
        nowMs,
      );
  }
  if (p.kind === 'stress' && p.memBytes > 0 && c.argv.some((a) => a.includes('vm')))
    log(c, 'stdout', 'stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd', nowMs);
}

/** Virtual time at which memory use crosses the limit, if it ever does. */
function oomAt(c: Container): number | undefined {
  const limit = c.memoryLimitBytes;
  if (limit === undefined) return undefined;
  const p = c.program;
  // stress allocates its whole --vm-bytes within the first moments of running.
  if (p.kind === 'stress' && p.memBytes > limit) return c.startedAtMs + 500;
  if (p.kind === 'drill' && p.drill === 'memory-leak')
    return c.startedAtMs + Math.ceil(((limit - BASE_MEMORY) / p.rateBytesPerSec) * 1000);
  return undefined;
}

const BASE_MEMORY = 2 * 2 ** 20;

/** Resident memory at `nowMs` (for `kubectl top` and OOM decisions). */
export function memoryUsageBytes(c: Container, nowMs: number): number {
  if (c.exit) return 0;
  const p = c.program;
  const t = Math.max(0, nowMs - c.startedAtMs);
  if (p.kind === 'stress') return BASE_MEMORY + (t >= 500 ? p.memBytes : 0);
  if (p.kind === 'drill' && p.drill === 'memory-leak')
    return BASE_MEMORY + Math.floor((p.rateBytesPerSec * t) / 1000);
  if (p.kind === 'server')
    return (
      {
        nginx: 3,
        httpd: 8,
        redis: 4,
        postgres: 30,
        mysql: 380,
        memcached: 2,
        'hello-app': 3,
        'gb-frontend': 12,
        goproxy: 2,
        coredns: 14,
        'kube-proxy': 16,
        fluentd: 90,
      }[p.flavour] *
      2 ** 20
    );
  return BASE_MEMORY / 2;
}

function setExit(c: Container, code: number, reason: ExitReason, atMs: number): ContainerStep {
  c.exit = { code, reason, atMs };
  flushLog(c.proc.log, atMs);
  return { state: 'exited', code, reason };
}

/** Advances the container to `nowMs`. Returns when it next needs stepping, or how it ended. */
export function stepContainer(c: Container, nowMs: number): ContainerStep {
  if (c.exit) return { state: 'exited', code: c.exit.code, reason: c.exit.reason };
  const oom = oomAt(c);
  if (oom !== undefined && nowMs >= oom) return setExit(c, 137, 'OOMKilled', oom);
  const p = c.program;
  switch (p.kind) {
    case 'shell': {
      const r = stepProcess(c.proc, nowMs);
      if (r.state === 'running') return r;
      if (r.state === 'exited')
        return setExit(c, r.code, r.code === 0 ? 'Completed' : 'Error', c.proc.clockMs);
      // The script ran an image program (say `nginx -g 'daemon off;'`): it takes over PID 1.
      c.argv = r.argv;
      c.proc.handoff = null;
      c.proc.frames = [];
      c.program = programFor(imageStub(c), r.argv, c.proc.vars);
      begin(c, c.proc.clockMs);
      return stepContainer(c, nowMs);
    }
    case 'exit':
      return setExit(c, p.code, p.code === 0 ? 'Completed' : 'Error', c.startedAtMs);
    case 'server':
      if (serverStartFails(p.flavour, c.proc.env)) return setExit(c, 1, 'Error', c.startedAtMs);
      return { state: 'running', wakeAt: oom ?? null };
    case 'drill':
      if (p.drill === 'crash') {
        const at = c.startedAtMs + p.afterMs;
        if (nowMs >= at) {
          log(
            c,
            'stderr',
            `crash: exiting with code ${p.code} after ${p.afterMs / 1000}s, as configured`,
            at,
          );
          return setExit(c, p.code, p.code === 0 ? 'Completed' : 'Error', at);
        }
        return { state: 'running', wakeAt: at };
      }
      return { state: 'running', wakeAt: oom ?? null };
    default:
      return { state: 'running', wakeAt: oom ?? null };
  }
}

/** After a handoff only the program table matters; rebuild it from what the process knows. */
function imageStub(c: Container): ImageEntry {
  const programs: Record<string, ProgramSpec> = {};
  const flavourOf: Record<string, ProgramSpec> = {
    nginx: { kind: 'server', flavour: 'nginx' },
    httpd: { kind: 'server', flavour: 'httpd' },
    'httpd-foreground': { kind: 'server', flavour: 'httpd' },
    'redis-server': { kind: 'server', flavour: 'redis' },
    postgres: { kind: 'server', flavour: 'postgres' },
    mysqld: { kind: 'server', flavour: 'mysql' },
    memcached: { kind: 'server', flavour: 'memcached' },
    '/agnhost': { kind: 'agnhost' },
    agnhost: { kind: 'agnhost' },
    stress: { kind: 'stress', variant: 'polinux' },
    '/pause': { kind: 'pause' },
  };
  for (const name of c.proc.programs)
    programs[name] = flavourOf[name] ?? flavourOf[name.slice(name.lastIndexOf('/') + 1)] ?? { kind: 'pause' };
  const defaultPorts: Record<string, number> = {
    nginx: 80,
    httpd: 80,
    'httpd-foreground': 80,
    'redis-server': 6379,
    postgres: 5432,
    mysqld: 3306,
    memcached: 11211,
  };
  const port = defaultPorts[c.argv[0].slice(c.argv[0].lastIndexOf('/') + 1)];
  return {
    ref: c.image,
    digest: '',
    sizeBytes: 0,
    entrypoint: [],
    cmd: [],
    env: {},
    ports: port ? [{ port, protocol: 'TCP' }] : [],
    behaviour: 'server',
    userland: c.proc.userland,
    programs,
    ...(c.version ? { version: c.version } : {}),
  };
}

/** TCP ports accepting connections at `nowMs`. */
export function listeningPorts(c: Container, nowMs: number): number[] {
  if (c.exit || nowMs < c.startedAtMs) return [];
  const p = c.program;
  if (p.kind === 'server') return serverStartFails(p.flavour, c.proc.env) ? [] : p.ports;
  if (p.kind === 'agnhost') return p.ports;
  if (p.kind === 'drill' && p.drill !== 'memory-leak') return [8080];
  return [];
}

/** Whether the process has stopped answering (a hung process still completes TCP handshakes). */
function hung(c: Container, nowMs: number): boolean {
  return (
    c.program.kind === 'drill' && c.program.drill === 'hang' && nowMs >= c.startedAtMs + c.program.afterMs
  );
}

/** An HTTP request reaching the container at `nowMs`; servers log it as they really do. */
export function handleHttp(c: Container, req: HttpRequest, nowMs: number): HttpOutcome {
  if (!listeningPorts(c, nowMs).includes(req.port)) return { kind: 'refused' };
  if (hung(c, nowMs)) return { kind: 'timeout' };
  const p = c.program;
  const path = req.path.split('?')[0];
  const query = new URLSearchParams(req.path.includes('?') ? req.path.slice(req.path.indexOf('?') + 1) : '');
  const elapsedS = (nowMs - c.startedAtMs) / 1000;
  const ok = (body: string, status = 200): HttpOutcome => ({ kind: 'response', status, body });
  if (p.kind === 'server') {
    switch (p.flavour) {
      case 'nginx': {
        const r = nginxServe(c.proc.fs, c.version ?? '', req, nowMs);
        log(c, 'stdout', r.log, nowMs);
        return ok(r.body, r.status);
      }
      case 'httpd': {
        const body =
          path === '/' || path === '/index.html'
            ? '<html><body><h1>It works!</h1></body></html>\n'
            : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
        const status = body.includes('It works') ? 200 : 404;
        log(
          c,
          'stdout',
          `${req.clientIp ?? '10.244.0.1'} - - [${new Date(nowMs).toUTCString()}] "${req.method ?? 'GET'} ${req.path} HTTP/1.1" ${status} ${body.length}`,
          nowMs,
        );
        return ok(body, status);
      }
      case 'hello-app':
        log(
          c,
          'stderr',
          `${new Date(nowMs).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} Serving request: ${path}`,
          nowMs,
        );
        return ok(`Hello, world!\nVersion: ${c.version ?? '1.0.0'}\nHostname: ${c.proc.hostname}\n`);
      case 'gb-frontend':
        return ok(
          '<html ng-app="redis">\n  <head>\n    <title>Guestbook</title>\n  </head>\n  <body>\n    <h2>Guestbook</h2>\n  </body>\n</html>\n',
        );
      case 'kube-proxy':
        return path === '/healthz'
          ? ok('{"lastUpdated": "", "currentTime": ""}')
          : ok('404 page not found\n', 404);
      case 'coredns':
        return path === '/health' ? ok('OK') : path === '/ready' ? ok('OK') : ok('404 page not found\n', 404);
      default:
        // redis, postgres, mysql, memcached speak their own protocols, not HTTP.
        return { kind: 'malformed' };
    }
  }
  if (p.kind === 'agnhost') {
    if (p.sub === 'liveness') {
      // Upstream: alive for 10 s, then 500 with the elapsed seconds.
      if (path === '/healthz') return elapsedS > 10 ? ok(`error: ${elapsedS}`, 500) : ok('ok');
      if (path === '/started') return ok(`${elapsedS}s`);
      return ok('404 page not found\n', 404);
    }
    if (p.sub === 'netexec') {
      if (path === '/hostname') return ok(c.proc.hostname);
      if (path === '/echo') return ok(query.get('msg') ?? '');
      if (path === '/healthz') return ok('');
      if (path === '/exit') return ok('');
      return ok(`NOW: ${new Date(nowMs).toISOString()}`);
    }
    if (p.sub === 'serve-hostname') return ok(c.proc.hostname);
    return ok('404 page not found\n', 404);
  }
  if (p.kind === 'drill') {
    const starting = p.drill === 'slow-ready' && nowMs < c.startedAtMs + p.afterMs;
    if (starting && (path === '/ready' || path === '/healthz')) return ok('starting\n', 503);
    return ok(`ok from ${c.proc.hostname}\n`);
  }
  return { kind: 'refused' };
}

export type ProbeSpec =
  | {
      kind: 'httpGet';
      port: number;
      path?: string;
      headers?: Record<string, string>;
      scheme?: 'HTTP' | 'HTTPS';
    }
  | { kind: 'tcpSocket'; port: number }
  | { kind: 'exec'; command: string[] };

export interface ProbeOutcome {
  result: 'success' | 'failure';
  /** The text the kubelet puts after `Liveness probe failed: ` in the event. */
  output: string;
}

/** One probe attempt from the kubelet on the container's node. */
export function probe(
  c: Container,
  spec: ProbeSpec,
  nowMs: number,
  opts: { podIP: string; timeoutSeconds?: number; kubeletVersion?: string },
): ProbeOutcome {
  const ip = opts.podIP;
  const timeoutS = opts.timeoutSeconds ?? 1;
  switch (spec.kind) {
    case 'httpGet': {
      const path = spec.path ?? '/';
      const url = `${(spec.scheme ?? 'HTTP').toLowerCase()}://${ip}:${spec.port}${path}`;
      const headers = {
        'User-Agent': `kube-probe/${opts.kubeletVersion ?? '1.32'}`,
        Accept: '*/*',
        ...(spec.headers ?? {}),
      };
      const r = handleHttp(c, { path, port: spec.port, headers, clientIp: nodeIP(ip) }, nowMs);
      if (r.kind === 'refused')
        return {
          result: 'failure',
          output: `Get "${url}": dial tcp ${ip}:${spec.port}: connect: connection refused`,
        };
      if (r.kind === 'timeout')
        return {
          result: 'failure',
          output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
        };
      if (r.kind === 'malformed')
        return {
          result: 'failure',
          output: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response`,
        };
      if (r.status >= 200 && r.status < 400) return { result: 'success', output: '' };
      return { result: 'failure', output: `HTTP probe failed with statuscode: ${r.status}` };
    }
    case 'tcpSocket':
      if (listeningPorts(c, nowMs).includes(spec.port)) return { result: 'success', output: '' };
      return { result: 'failure', output: `dial tcp ${ip}:${spec.port}: connect: connection refused` };
    case 'exec': {
      const r = exec(c, spec.command, nowMs, timeoutS * 1000);
      if (r.timedOut)
        return {
          result: 'failure',
          output: `command timed out: "${spec.command.join(' ')}" timed out after ${timeoutS}s`,
        };
      return { result: r.exitCode === 0 ? 'success' : 'failure', output: r.output.replace(/\n$/, '') };
    }
  }
}

/** Kubelet probes come from the node; in a pod CIDR that is the .1 of the pod's /24. */
function nodeIP(podIP: string): string {
  const parts = podIP.split('.');
  return parts.length === 4 ? `${parts[0]}.${parts[1]}.${parts[2]}.1` : podIP;
}

/** `kubectl exec` (and exec probes): runs argv against the container's file system and env. */
export function exec(
  c: Container,
  argv: string[],
  nowMs: number,
  timeoutMs?: number,
  io: Pick<ExecOptions, 'stdin' | 'net'> = {},
): ExecResult {
  const target = {
    fs: c.proc.fs,
    env: c.proc.env,
    hostname: c.proc.hostname,
    userland: c.userland,
    programs: c.proc.programs,
  };
  return execInContainer(target, argv, nowMs, timeoutMs === undefined ? io : { ...io, timeoutMs });
}
