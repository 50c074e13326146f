/**
 * Hosts one cluster for the UI: answers requests, mirrors watched collections, drives virtual time
 * event by event, and sends what happened as one batch per frame. No DOM and no `self` here, so the
 * same host runs in the Web Worker and in a unit test.
 *
 * Time travel. Every input from the UI (API requests, node-shell commands) goes into a log with the
 * position it arrived at: how many engine events had run and the virtual time. A cluster is
 * deterministic (same seed + same inputs ⇒ same events), so any earlier moment is reached again by
 * booting a fresh cluster from the same seed and replaying the log up to that position. After a
 * rewind, the inputs that came later stay in the log and are applied again as time passes them
 * (a new input there starts a new branch and drops them).
 */
import type { HttpRequest, HttpResponse } from '../sim/apiserver/http';
import type { TraceRecord } from '../sim/engine/trace';
import type {
  BatchMessage,
  ClockCommand,
  ClockState,
  ExecOutcome,
  FlowState,
  KubeObject,
  TimelineMarker,
  TimelineState,
  UiToWorker,
  WatchDelta,
  WatchMessage,
  WorkerToUi,
} from './protocol';
import { FRAME_MS, MAX_TICK_WALL_MS, MAX_TRACE_PER_BATCH, MAX_WATCH_PER_BATCH } from './protocol';

/** What the host needs of a cluster (`createCluster` in `src/sim/cluster.ts` provides it). */
export interface HostedCluster {
  handle(req: HttpRequest): HttpResponse;
  /** Mirrored so that `GET /simulator/v1/clock` agrees with the host, which owns them. */
  speed: number;
  paused: boolean;
  readonly engine: {
    readonly now: number;
    readonly epochMs: number;
    /** Runs the next due event at or before `limit`; false when there is none. */
    step(limit?: number): boolean;
    nextEventAt(): number | undefined;
    /** Runs everything due within `ms` and leaves the clock exactly `ms` later. */
    advance(ms: number): void;
    readonly trace: {
      subscribe(listener: (r: TraceRecord) => void): () => void;
      /** Records with seq greater than `seq` (what happened before the host subscribed). */
      since(seq: number): TraceRecord[];
      readonly lastSeq: number;
    };
  };
}

export interface ClusterOptions {
  seed: number;
  nodes: number;
  adminToken: string;
}

export type CreateCluster = (opts: ClusterOptions) => HostedCluster;

export interface HostEnv {
  post(msg: WorkerToUi): void;
  createCluster: CreateCluster;
  /** Wall clock in milliseconds (performance.now in the worker). */
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** A secret for the admin kubeconfig of this tab. */
  token(): string;
}

const DEFAULT_SEED = 1;
const DEFAULT_NODES = 3;
/** Wall time before a failed or ended watch is started again. */
const RELIST_DELAY_MS = 1000;
/** The most trace records sent to the UI after a replay (its ring holds 5000). */
const REPLAY_TRACE = 5000;
/** How far one "next step" may run looking for a hop (or the next flow step) before it stops (virtual ms). */
const STEP_HORIZON_MS = 60_000;

interface WatchStatusObject {
  kind?: string;
  code?: number;
  message?: string;
}

function errorText(e: unknown): { message: string; stack?: string } {
  if (e instanceof Error) return { message: e.message, stack: e.stack };
  return { message: String(e) };
}

function statusMessage(res: HttpResponse): string {
  try {
    const s = JSON.parse(res.body) as WatchStatusObject;
    if (s && typeof s.message === 'string') return s.message;
  } catch {
    // not JSON: fall through to the raw body
  }
  return res.body.slice(0, 200) || `HTTP ${res.status}`;
}

/**
 * One mirrored collection. A watch without a resourceVersion starts with an ADDED event per
 * existing object (delivered at once); those become one `SYNC`, then events follow live. Watches
 * are not hops on the trace, so the UI's own mirroring never shows on the canvas.
 */
class WatchLoop {
  private close: (() => void) | undefined;
  private retry: unknown;
  private stopped = false;
  private initial: KubeObject[] | undefined;

  constructor(
    private readonly spec: WatchMessage,
    private readonly host: ClusterHost,
    private readonly env: HostEnv,
  ) {}

  start(): void {
    if (this.stopped) return;
    const { spec } = this;
    const q = new URLSearchParams(spec.query ?? '');
    q.set('watch', '1');
    q.set('allowWatchBookmarks', 'true');
    const res = this.host.call('GET', spec.path, q.toString());
    if (res.status !== 200) return this.fail(res.status, statusMessage(res));
    let buffer = '';
    const onChunk = (chunk: string): void => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        this.line(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
      }
    };
    this.initial = [];
    onChunk(res.body);
    if (!res.stream) {
      if (buffer.trim()) this.line(buffer);
      this.sync();
      this.later();
      return;
    }
    const stream = res.stream;
    let ended = false;
    this.close = () => stream.close();
    stream.subscribe(onChunk, () => {
      ended = true;
      this.close = undefined;
      if (buffer.trim()) this.line(buffer);
      buffer = '';
      this.later();
    });
    // The existing objects arrived synchronously while subscribing: they are the list.
    this.sync();
    if (ended) this.later();
  }

  stop(): void {
    this.stopped = true;
    this.env.clearTimeout(this.retry);
    const close = this.close;
    this.close = undefined;
    close?.();
  }

  private sync(): void {
    const items = this.initial ?? [];
    this.initial = undefined;
    let rv = 0;
    for (const o of items) rv = Math.max(rv, Number(o.metadata?.resourceVersion ?? 0) || 0);
    this.host.emit({
      watchId: this.spec.watchId,
      kind: this.spec.kind,
      type: 'SYNC',
      items,
      resourceVersion: rv ? String(rv) : '',
    });
  }

  private line(text: string): void {
    if (!text.trim() || this.stopped) return;
    let ev: { type?: string; object?: KubeObject };
    try {
      ev = JSON.parse(text) as { type?: string; object?: KubeObject };
    } catch (e) {
      this.host.report(false, `watch ${this.spec.path}: bad event: ${errorText(e).message}`);
      return;
    }
    const obj = ev.object;
    if (!obj) return;
    if (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED') {
      obj.kind ??= this.spec.kind;
      if (this.initial && ev.type === 'ADDED') this.initial.push(obj);
      else this.host.emit({ watchId: this.spec.watchId, kind: this.spec.kind, type: ev.type, object: obj });
    } else if (ev.type === 'ERROR') {
      const s = obj as WatchStatusObject;
      if (s.code !== 410) this.fail(s.code ?? 500, s.message ?? 'watch error');
      else this.restartSoon();
    }
  }

  private fail(status: number, message: string): void {
    this.initial = undefined;
    this.host.emit({ watchId: this.spec.watchId, kind: this.spec.kind, type: 'FAILED', status, message });
    this.later();
  }

  private restartSoon(): void {
    const close = this.close;
    this.close = undefined;
    close?.();
    this.later(0);
  }

  private later(delay = RELIST_DELAY_MS): void {
    if (this.stopped) return;
    this.env.clearTimeout(this.retry);
    this.retry = this.env.setTimeout(() => this.start(), delay);
  }
}

/** A point of the session: `count` engine events and `inputs` inputs have run, at virtual `at`. */
interface Position {
  count: number;
  inputs: number;
  at: number;
  /** The flow step the UI was stopped at there. */
  flowStep: number;
}

type Input =
  | {
      type: 'request';
      method: string;
      path: string;
      query: string;
      headers: Record<string, string>;
      body?: string;
    }
  | { type: 'exec'; host: string; command: string }
  /** `kubectl exec`: the upgrade request, whose session is run with `stdin`. */
  | {
      type: 'exec-pod';
      path: string;
      query: string;
      headers: Record<string, string>;
      stdin?: string;
    };

/** An answer to an input; for `exec-pod`, how the process ended. */
type InputResult = HttpResponse & { exec?: ExecOutcome };

/** The exec session the apiserver hands back for an upgraded `…/exec` (see src/sim/apiserver/exec.ts). */
interface ExecSessionLike {
  run(stdin: string | undefined): ExecOutcome;
  close(): void;
}

interface LoggedInput {
  count: number;
  at: number;
  input: Input;
  label: string;
}

type RunMode = 'play' | 'step' | 'silent';

interface Flow {
  enabled: boolean;
  deployment?: { namespace: string; name: string };
  startSeq: number;
  step: number;
  /** Records of this Deployment's flow, by step, first occurrence only. */
  byStep: Map<number, TraceRecord>;
  /** Where the UI stopped at each step (for stepping back). */
  stops: Position[];
}

function isMutating(method: string): boolean {
  return method !== 'GET';
}

function inputLabel(input: Input): string {
  if (input.type === 'exec') return `ssh ${input.host} ${input.command}`;
  if (input.type === 'exec-pod') {
    const pod = input.path.split('/').slice(-2, -1)[0] ?? '';
    return `exec ${pod} -- ${new URLSearchParams(input.query).getAll('command').join(' ')}`;
  }
  if (input.path === '/simulator/v1/exec' && input.body) {
    // The terminal's `ssh <host> <command>` goes through the simulator API.
    try {
      const { host, command } = JSON.parse(input.body) as { host?: string; command?: string };
      if (host && command) return `ssh ${host} ${command}`;
    } catch {
      // not JSON: labelled as a request
    }
  }
  const parts = input.path.split('/').filter(Boolean);
  // …/<resource>[/<name>[/<sub>]]: show the resource and the name
  const nsAt = parts.indexOf('namespaces');
  const rest = nsAt >= 0 ? parts.slice(nsAt + 2) : parts.slice(parts[0] === 'api' ? 2 : 3);
  return `${input.method} ${rest.join('/')}`;
}

export class ClusterHost {
  private cluster: HostedCluster | undefined;
  private generation = 0;
  private token: string;
  private loop: unknown;
  private lastWall = 0;
  private lastSentNow = -1;
  private readonly watchSpecs = new Map<string, WatchMessage>();
  private readonly watches = new Map<string, WatchLoop>();
  /** Open `stream` requests (kubectl's `get -w`, `logs -f`) by request id. */
  private readonly streams = new Map<number, { close(): void }>();
  /** Watch events of the coming batch; `undefined` where a later event of the same object cancelled one. */
  private pendingWatch: (WatchDelta | undefined)[] = [];
  /** `watchId \0 ns/name` → index in `pendingWatch` of that object's event (for coalescing). */
  private pendingAt = new Map<string, number>();
  /** Recent history sent once after a (re)boot, ahead of the live records. */
  private pendingHistory: TraceRecord[] = [];
  private pendingTrace: TraceRecord[] = [];
  private traceDropped = 0;
  private unsubscribeTrace: (() => void) | undefined;
  private crashed = false;

  // ── session state (survives replays, reset by restart) ──
  private seed = DEFAULT_SEED;
  private nodes = DEFAULT_NODES;
  private speed = 1;
  private paused = false;
  private log: LoggedInput[] = [];
  private horizon = 0;
  private flowEnabled = true;

  // ── per cluster (rebuilt by a replay) ──
  private count = 0;
  private nextInput = 0;
  /** Positions right after each event or input that put a hop on the trace. */
  private hops: Position[] = [];
  private start0: Position = { count: 0, inputs: 0, at: 0, flowStep: 0 };
  private recordsAppended = false;
  private flow: Flow = { enabled: true, startSeq: 0, step: 0, byStep: new Map(), stops: [] };
  private timelineDirty = true;
  private flowDirty = true;

  constructor(private readonly env: HostEnv) {
    this.token = env.token();
  }

  /** Boots the first cluster and starts the frame loop. */
  start(seed = DEFAULT_SEED, nodes = DEFAULT_NODES): void {
    this.newSession(seed, nodes);
    this.loop = this.env.setInterval(() => this.frame(), FRAME_MS);
  }

  dispose(): void {
    this.env.clearInterval(this.loop);
    this.teardown();
  }

  receive(msg: UiToWorker): void {
    try {
      switch (msg.type) {
        case 'request':
          return this.request(msg.id, msg.method, msg.path, msg.query ?? '', msg.headers ?? {}, msg.body);
        case 'exec-pod':
          return this.execPod(msg.id, msg.path, msg.query ?? '', msg.headers ?? {}, msg.stdin);
        case 'stream':
          return this.stream(msg.id, msg.path, msg.query ?? '', msg.headers ?? {});
        case 'stream-close':
          return this.closeStream(msg.id, false);
        case 'watch':
          return this.watch(msg);
        case 'unwatch':
          this.watchSpecs.delete(msg.watchId);
          this.watches.get(msg.watchId)?.stop();
          this.watches.delete(msg.watchId);
          return;
        case 'clock':
          return this.clock(msg.command);
        case 'exec':
          return this.exec(msg.id, msg.host, msg.command);
        case 'restart':
          return this.newSession(msg.seed ?? DEFAULT_SEED, msg.nodes ?? DEFAULT_NODES);
      }
    } catch (e) {
      const { message, stack } = errorText(e);
      const id = 'id' in msg ? msg.id : undefined;
      if (id !== undefined) {
        if (msg.type === 'exec')
          this.env.post({ type: 'exec-result', id, stdout: '', stderr: `${message}\n`, exitCode: 1 });
        else if (msg.type === 'stream-close') this.streams.delete(id);
        else this.env.post({ type: 'response', id, status: 500, headers: {}, body: internalError(message) });
      }
      this.env.post({ type: 'error', id, fatal: false, message, stack });
    }
  }

  // ── used by WatchLoop ──

  /** A request to the cluster as the UI's admin user. */
  call(
    method: string,
    path: string,
    query: string,
    headers: Record<string, string> = {},
    body?: string,
  ): HttpResponse {
    const cluster = this.cluster;
    if (!cluster) return { status: 503, headers: {}, body: internalError('the cluster is not running') };
    return cluster.handle({
      method,
      path,
      query: new URLSearchParams(query),
      headers: { accept: 'application/json', ...headers, authorization: `Bearer ${this.token}` },
      body,
    });
  }

  /**
   * Queues a watch event for the next batch, coalesced with an earlier event of the same object
   * in it: ADDED+MODIFIED → ADDED (latest), MODIFIED+MODIFIED → MODIFIED (latest), ADDED+DELETED →
   * nothing, MODIFIED+DELETED → DELETED, DELETED+ADDED → MODIFIED. A SYNC supersedes its watch's
   * queued events.
   */
  emit(delta: WatchDelta): void {
    if (delta.type === 'SYNC' || delta.type === 'FAILED') {
      if (delta.type === 'SYNC') {
        const prefix = `${delta.watchId}\0`;
        for (const [k, i] of this.pendingAt)
          if (k.startsWith(prefix)) {
            this.pendingWatch[i] = undefined;
            this.pendingAt.delete(k);
          }
      }
      this.pendingWatch.push(delta);
      return;
    }
    const m = delta.object.metadata;
    const key = `${delta.watchId}\0${m?.namespace ?? ''}/${m?.name ?? ''}`;
    const at = this.pendingAt.get(key);
    const prev = at === undefined ? undefined : this.pendingWatch[at];
    if (at === undefined || !prev || prev.type === 'SYNC' || prev.type === 'FAILED') {
      this.pendingAt.set(key, this.pendingWatch.push(delta) - 1);
      return;
    }
    if (delta.type === 'DELETED') {
      if (prev.type === 'ADDED') {
        this.pendingWatch[at] = undefined;
        this.pendingAt.delete(key);
      } else this.pendingWatch[at] = delta;
      return;
    }
    this.pendingWatch[at] = { ...delta, type: prev.type === 'ADDED' ? 'ADDED' : 'MODIFIED' };
  }

  report(fatal: boolean, message: string, stack?: string): void {
    this.env.post({ type: 'error', fatal, message, stack });
  }

  // ── sessions, boots and replays ──

  private newSession(seed: number, nodes: number): void {
    this.seed = seed;
    this.nodes = nodes;
    this.log = [];
    this.horizon = 0;
    this.paused = false;
    this.boot(false);
  }

  /** A fresh cluster from the session's seed; inputs are not applied here. */
  private boot(replay: boolean): boolean {
    this.teardown();
    this.generation += 1;
    this.crashed = false;
    this.token = this.env.token();
    this.count = 0;
    this.nextInput = 0;
    this.hops = [];
    this.flow = { enabled: this.flowEnabled, startSeq: 0, step: 0, byStep: new Map(), stops: [] };
    this.timelineDirty = true;
    this.flowDirty = true;
    try {
      const cluster = this.env.createCluster({ seed: this.seed, nodes: this.nodes, adminToken: this.token });
      this.cluster = cluster;
      cluster.speed = this.speed;
      cluster.paused = this.paused;
      this.start0 = { count: 0, inputs: 0, at: cluster.engine.now, flowStep: 0 };
      this.horizon = Math.max(this.horizon, cluster.engine.now);
      this.unsubscribeTrace = cluster.engine.trace.subscribe((r) => this.onRecord(r));
    } catch (e) {
      const { message, stack } = errorText(e);
      this.cluster = undefined;
      this.crashed = true;
      this.report(true, message, stack);
      return false;
    }
    if (!replay) this.announce(false);
    return true;
  }

  /** Tells the UI a (new or replayed) cluster is here, sends its trace, and restarts the watches. */
  private announce(replay: boolean): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const trace = cluster.engine.trace;
    this.pendingHistory = trace.since(Math.max(0, trace.lastSeq - REPLAY_TRACE));
    this.pendingTrace = [];
    this.traceDropped = 0;
    this.pendingWatch = [];
    this.pendingAt.clear();
    this.lastWall = this.env.now();
    this.env.post({
      type: 'ready',
      generation: this.generation,
      seed: this.seed,
      nodes: this.nodes,
      clock: this.clockState(),
      ...(replay ? { replay: true } : {}),
    });
    for (const spec of this.watchSpecs.values()) this.startWatch(spec);
    this.timelineDirty = true;
    this.flowDirty = true;
  }

  /** Rebuilds the cluster at `pos` by replaying the log from the seed. */
  private replayTo(pos: Position): void {
    const old = this.flow;
    this.paused = true;
    if (!this.boot(true)) return;
    this.runSilently(pos);
    this.pause();
    // The same flow replayed: keep where the UI stopped at each step (a silent run does not stop).
    if (old.deployment && this.flow.startSeq === old.startSeq)
      this.flow.stops = old.stops.slice(0, pos.flowStep);
    this.setFlowStep(pos.flowStep);
    this.announce(true);
  }

  private runSilently(pos: Position): void {
    const e = this.cluster!.engine;
    this.run(
      'silent',
      pos.at,
      () => this.count >= pos.count && this.nextInput >= pos.inputs,
      () => this.nextInput < pos.inputs,
    );
    if (e.now < pos.at && (e.nextEventAt() ?? Infinity) > pos.at) e.advance(pos.at - e.now);
  }

  private teardown(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
    // A stream belongs to the cluster that served it: it ends with it.
    for (const id of [...this.streams.keys()]) this.closeStream(id, true);
    this.unsubscribeTrace?.();
    this.unsubscribeTrace = undefined;
    this.cluster = undefined;
    this.pendingWatch = [];
    this.pendingAt.clear();
    this.pendingHistory = [];
    this.pendingTrace = [];
    this.traceDropped = 0;
    this.lastSentNow = -1;
  }

  private watch(spec: WatchMessage): void {
    this.watches.get(spec.watchId)?.stop();
    this.watchSpecs.set(spec.watchId, spec);
    if (this.cluster) this.startWatch(spec);
  }

  private startWatch(spec: WatchMessage): void {
    const loop = new WatchLoop(spec, this, this.env);
    this.watches.set(spec.watchId, loop);
    loop.start();
  }

  // ── inputs ──

  private position(): Position {
    return {
      count: this.count,
      inputs: this.nextInput,
      at: this.cluster?.engine.now ?? 0,
      flowStep: this.flow.step,
    };
  }

  /** A new input from the user: logged where it happened (dropping a rewound future), then applied. */
  private liveInput(input: Input): InputResult {
    const cluster = this.cluster;
    if (!cluster) return { status: 503, headers: {}, body: internalError('the cluster is not running') };
    const changes = input.type !== 'request' || isMutating(input.method);
    if (changes && this.nextInput < this.log.length) {
      this.log.length = this.nextInput; // a new branch: the old future is gone
      this.horizon = cluster.engine.now;
    }
    const entry = { count: this.count, at: cluster.engine.now, input, label: inputLabel(input) };
    this.log.splice(this.nextInput, 0, entry);
    this.nextInput += 1;
    if (changes) this.timelineDirty = true;
    this.recordsAppended = false;
    const res = this.apply(input);
    this.afterAction();
    // Flow mode: a Deployment was just created → stop at step 1.
    if (this.flowDue()) {
      this.advanceFlow();
      this.pause();
    }
    return res;
  }

  private apply(input: Input): InputResult {
    if (input.type === 'request') {
      const res = this.call(input.method, input.path, input.query, input.headers, input.body);
      res.stream?.close();
      return res;
    }
    if (input.type === 'exec-pod') {
      const res: InputResult = this.call('POST', input.path, input.query, input.headers);
      const session = res.stream as Partial<ExecSessionLike> | undefined;
      if (res.status === 101 && typeof session?.run === 'function') {
        try {
          res.exec = session.run(input.stdin);
        } finally {
          res.stream?.close();
        }
      } else res.stream?.close();
      return res;
    }
    return this.call(
      'POST',
      '/simulator/v1/exec',
      '',
      { 'content-type': 'application/json' },
      JSON.stringify({ host: input.host, command: input.command }),
    );
  }

  private request(
    id: number,
    method: string,
    path: string,
    query: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): void {
    // Clock requests would bypass the host, which owns the clock; watches are not inputs.
    const loggable = !path.startsWith('/simulator/v1/clock') && !new URLSearchParams(query).get('watch');
    const res = loggable
      ? this.liveInput({ type: 'request', method, path, query, headers, body })
      : this.call(method, path, query, headers, body);
    res.stream?.close();
    this.env.post({ type: 'response', id, status: res.status, headers: res.headers, body: res.body });
  }

  /** `kubectl exec`: the upgrade and the process, answered as one response with the outcome. */
  private execPod(
    id: number,
    path: string,
    query: string,
    headers: Record<string, string>,
    stdin: string | undefined,
  ): void {
    const res = this.liveInput({ type: 'exec-pod', path, query, headers, stdin });
    this.env.post({
      type: 'response',
      id,
      status: res.status,
      headers: res.headers,
      body: res.body,
      ...(res.exec ? { exec: res.exec } : {}),
    });
  }

  /** A streaming read (`get -w`, `logs -f`): its chunks are forwarded until either side closes it. */
  private stream(id: number, path: string, query: string, headers: Record<string, string>): void {
    const res = this.call('GET', path, query, headers);
    const stream = res.stream;
    this.env.post({
      type: 'response',
      id,
      status: res.status,
      headers: res.headers,
      body: res.body,
      ...(stream ? { streaming: true } : {}),
    });
    if (!stream) return;
    let open = true;
    this.streams.set(id, {
      close: () => {
        open = false;
        stream.close();
      },
    });
    stream.subscribe(
      (chunk) => {
        if (open && chunk) this.env.post({ type: 'stream-chunk', id, chunk });
      },
      () => {
        if (!this.streams.has(id)) return;
        this.streams.delete(id);
        open = false;
        this.env.post({ type: 'stream-end', id });
      },
    );
  }

  /** Closes a stream; `tell` sends the UI its `stream-end` (when the UI did not ask for the close). */
  private closeStream(id: number, tell: boolean): void {
    const s = this.streams.get(id);
    if (!s) return;
    this.streams.delete(id);
    s.close();
    if (tell) this.env.post({ type: 'stream-end', id });
  }

  private exec(id: number, host: string, command: string): void {
    const res = this.liveInput({ type: 'exec', host, command });
    if (res.status !== 200) {
      this.env.post({ type: 'exec-result', id, stdout: '', stderr: `${statusMessage(res)}\n`, exitCode: 1 });
      return;
    }
    const out = JSON.parse(res.body) as { stdout?: string; stderr?: string; exitCode?: number };
    this.env.post({
      type: 'exec-result',
      id,
      stdout: out.stdout ?? '',
      stderr: out.stderr ?? '',
      exitCode: out.exitCode ?? 0,
    });
  }

  // ── the clock ──

  private pause(): void {
    this.paused = true;
    if (this.cluster) this.cluster.paused = true;
    this.lastSentNow = -1;
  }

  private clock(cmd: ClockCommand): void {
    const cluster = this.cluster;
    this.lastSentNow = -1; // the UI hears the new state with the next frame
    switch (cmd.action) {
      case 'play':
        this.paused = false;
        if (cluster) cluster.paused = false;
        this.lastWall = this.env.now();
        return;
      case 'pause':
        return this.pause();
      case 'speed':
        if (!(cmd.speed > 0) || cmd.speed > 1000) return this.report(false, 'speed must be in (0, 1000]');
        this.speed = cmd.speed;
        if (cluster) cluster.speed = cmd.speed;
        return;
      case 'flow':
        this.flowEnabled = cmd.enabled;
        this.flow.enabled = cmd.enabled;
        this.flowDirty = true;
        return;
      case 'advance':
        if (!cluster || this.crashed) return;
        this.run('silent', cluster.engine.now + Math.max(0, Math.round(cmd.ms)));
        return;
      case 'step':
        return this.stepForward();
      case 'back':
        return this.stepBack();
      case 'seek':
        return this.seek(cmd.to);
    }
  }

  private stepForward(): void {
    const cluster = this.cluster;
    if (!cluster || this.crashed) return;
    this.pause();
    if (this.flow.deployment && this.flow.step > 0 && this.flow.step < 10) {
      // The next of the ten steps: it may already be due (several are sent at the same instant).
      if (this.flowDue()) return this.advanceFlow();
      this.run('step', cluster.engine.now + STEP_HORIZON_MS);
      return;
    }
    if (this.flow.step >= 10) {
      this.flow.deployment = undefined;
      this.flow.step = 0;
      this.flowDirty = true;
    }
    this.run('step', cluster.engine.now + STEP_HORIZON_MS);
  }

  private stepBack(): void {
    if (!this.cluster) return;
    const here = this.position();
    let target: Position | undefined;
    if (this.flow.deployment && this.flow.step > 1) {
      target = this.flow.stops[this.flow.step - 2];
    } else {
      for (let i = this.hops.length - 1; i >= 0; i--) {
        if (before(this.hops[i], here)) {
          target = this.hops[i];
          break;
        }
      }
      const s1 = this.flow.stops[0];
      if (this.flow.deployment && this.flow.step === 1 && s1 && s1.inputs > 0) {
        // Before step 1 is just before the Deployment's POST.
        target = { count: s1.count, inputs: s1.inputs - 1, at: s1.at, flowStep: 0 };
      }
    }
    this.replayTo(target ?? this.start0);
  }

  private seek(to: number): void {
    const cluster = this.cluster;
    if (!cluster || this.crashed) return;
    const target = Math.max(
      this.start0.at,
      Math.min(Math.round(to), Math.max(this.horizon, cluster.engine.now)),
    );
    this.pause();
    if (target >= cluster.engine.now) {
      this.run('silent', target);
      return;
    }
    // Backwards: replay from the seed to the last moment at or before the target.
    if (!this.boot(true)) return;
    this.run('silent', target);
    this.pause();
    this.announce(true);
  }

  /**
   * Runs engine events (and logged inputs at their positions) up to virtual time `until`.
   * `play` stops at a flow step, `step` at the first hop (or flow step), `silent` only when `stop`
   * says so. `mayApplyInput` limits which inputs a replay applies.
   */
  private run(
    mode: RunMode,
    until: number,
    stop?: () => boolean,
    mayApplyInput: () => boolean = () => true,
  ): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const e = cluster.engine;
    const flowStops = mode !== 'silent';
    for (;;) {
      if (stop?.()) return;
      this.recordsAppended = false;
      const input = this.log[this.nextInput];
      if (input && input.count === this.count && mayApplyInput()) {
        if (input.at > until) break;
        if (e.now < input.at) e.advance(input.at - e.now);
        this.nextInput += 1;
        this.apply(input.input);
      } else {
        const next = e.nextEventAt();
        if (next === undefined || next > until) break;
        // A flow step sent between now and the next event: stop exactly when it is sent.
        const pending = flowStops ? this.flowPendingAt() : undefined;
        if (pending !== undefined && pending < next) {
          if (pending > e.now) e.advance(pending - e.now);
          this.advanceFlow();
          this.pause();
          this.afterAction();
          return;
        }
        if (!e.step(until)) break;
        this.count += 1;
      }
      this.afterAction();
      if (this.flowDue()) {
        this.advanceFlow();
        if (flowStops) {
          this.pause();
          return;
        }
      }
      if (mode === 'step' && this.recordsAppended && !this.flow.deployment) {
        this.pause();
        return;
      }
      if (mode === 'step' && this.recordsAppended && this.flow.step >= 10) {
        this.pause();
        return;
      }
    }
    const pending = flowStops ? this.flowPendingAt() : undefined;
    if (pending !== undefined && pending <= until) {
      if (pending > e.now) e.advance(pending - e.now);
      this.advanceFlow();
      this.pause();
      this.afterAction();
      return;
    }
    if (e.now < until && (e.nextEventAt() ?? Infinity) > until) e.advance(until - e.now);
    this.horizon = Math.max(this.horizon, e.now);
  }

  /** After an event or input: remember where hops happened. */
  private afterAction(): void {
    const now = this.cluster?.engine.now ?? 0;
    if (now > this.horizon) this.horizon = now;
    if (this.recordsAppended) this.hops.push(this.position());
  }

  // ── deployment flow ──

  private onRecord(r: TraceRecord): void {
    this.pendingTrace.push(r);
    // Keep only the newest of a burst (trimmed in halves, so this stays O(1) amortised).
    if (this.pendingTrace.length >= 2 * MAX_TRACE_PER_BATCH) {
      this.traceDropped += this.pendingTrace.length - MAX_TRACE_PER_BATCH;
      this.pendingTrace = this.pendingTrace.slice(-MAX_TRACE_PER_BATCH);
    }
    this.recordsAppended = true;
    const f = this.flow;
    if (!r.step) return;
    if (r.step === 1 && r.kind === 'http' && f.enabled && r.object) {
      this.flow = {
        enabled: f.enabled,
        deployment: { namespace: r.object.namespace ?? 'default', name: r.object.name },
        startSeq: r.seq,
        step: 0,
        byStep: new Map([[1, r]]),
        stops: [],
      };
      this.flowDirty = true;
      return;
    }
    const d = f.deployment;
    if (!d || r.seq <= f.startSeq || f.byStep.has(r.step)) return;
    const o = r.object;
    if (o && (o.namespace ?? 'default') !== d.namespace) return;
    if (o && o.name !== d.name && !o.name.startsWith(`${d.name}-`)) return;
    f.byStep.set(r.step, r);
  }

  /** The next step's hop, when it has been sent by now. */
  private flowDue(): boolean {
    const f = this.flow;
    if (!f.deployment || f.step >= 10) return false;
    const r = f.byStep.get(f.step + 1);
    return !!r && r.sentAt <= (this.cluster?.engine.now ?? 0);
  }

  /** When the next step's hop will be sent, if it is already on the trace. */
  private flowPendingAt(): number | undefined {
    const f = this.flow;
    if (!f.deployment || f.step >= 10) return undefined;
    return f.byStep.get(f.step + 1)?.sentAt;
  }

  private advanceFlow(): void {
    const f = this.flow;
    f.step += 1;
    f.stops[f.step - 1] = this.position();
    this.flowDirty = true;
    this.timelineDirty = true;
  }

  private setFlowStep(step: number): void {
    const f = this.flow;
    if (!f.deployment) {
      f.step = 0;
    } else {
      f.step = Math.min(step, 10);
    }
    this.flowDirty = true;
  }

  private flowState(): FlowState {
    const f = this.flow;
    return {
      enabled: this.flowEnabled,
      active: !!f.deployment && f.step > 0,
      step: f.deployment ? f.step : 0,
      record: f.deployment && f.step > 0 ? f.byStep.get(f.step) : undefined,
      deployment: f.deployment,
    };
  }

  private timelineState(): TimelineState {
    const markers: TimelineMarker[] = [];
    for (const l of this.log) {
      if (l.input.type === 'request' && !isMutating(l.input.method)) continue;
      markers.push({ at: l.at, kind: 'input', label: l.label });
    }
    // The deployment flow's steps, where the UI stopped at them.
    this.flow.stops.forEach((p, i) => {
      if (p) markers.push({ at: p.at, kind: 'flow', label: `step ${i + 1}`, step: i + 1 });
    });
    return {
      horizon: Math.max(this.horizon, this.cluster?.engine.now ?? 0),
      markers,
      canBack: before(this.start0, this.position()),
    };
  }

  // ── frames ──

  private clockState(): ClockState {
    const cluster = this.cluster;
    if (!cluster) return { now: 0, epochMs: 0, speed: this.speed, paused: true };
    return {
      now: cluster.engine.now,
      epochMs: cluster.engine.epochMs,
      speed: this.speed,
      paused: this.paused,
    };
  }

  /** One frame: advance virtual time by the wall time since the last, then flush one batch. */
  private frame(): void {
    const wall = this.env.now();
    const dt = Math.min(Math.max(0, wall - this.lastWall), MAX_TICK_WALL_MS);
    this.lastWall = wall;
    const cluster = this.cluster;
    if (cluster && !this.crashed && !this.paused && dt > 0) {
      try {
        this.run('play', cluster.engine.now + Math.round(dt * this.speed));
      } catch (e) {
        // The cluster's state is unknown after a throw mid-event: stop it and let the user restart.
        this.crashed = true;
        const { message, stack } = errorText(e);
        this.flush();
        this.report(true, message, stack);
        return;
      }
    }
    this.flush();
  }

  /** The watch events for this batch (at most {@link MAX_WATCH_PER_BATCH}); the rest stay queued, in order. */
  private takeWatch(): WatchDelta[] {
    const all = this.pendingWatch.filter((d): d is WatchDelta => d !== undefined);
    this.pendingAt.clear();
    if (all.length <= MAX_WATCH_PER_BATCH) {
      this.pendingWatch = [];
      return all;
    }
    const rest = all.slice(MAX_WATCH_PER_BATCH);
    this.pendingWatch = rest;
    rest.forEach((d, i) => {
      if (d.type === 'SYNC' || d.type === 'FAILED') return;
      const m = d.object.metadata;
      this.pendingAt.set(`${d.watchId}\0${m?.namespace ?? ''}/${m?.name ?? ''}`, i);
    });
    return all.slice(0, MAX_WATCH_PER_BATCH);
  }

  private flush(): void {
    const clock = this.clockState();
    if (
      !this.pendingWatch.length &&
      !this.pendingTrace.length &&
      !this.pendingHistory.length &&
      clock.now === this.lastSentNow &&
      !this.timelineDirty &&
      !this.flowDirty
    )
      return;
    // History after a (re)boot goes first, a batch's worth at a time, so no frame parses thousands
    // of records at once; live records wait behind it (and are capped like any others).
    const history = this.pendingHistory.length > 0;
    let trace = history ? this.pendingHistory.slice(0, MAX_TRACE_PER_BATCH) : this.pendingTrace;
    let dropped = history ? 0 : this.traceDropped;
    if (!history && trace.length > MAX_TRACE_PER_BATCH) {
      dropped += trace.length - MAX_TRACE_PER_BATCH;
      trace = trace.slice(-MAX_TRACE_PER_BATCH);
    }
    const batch: BatchMessage = {
      type: 'batch',
      generation: this.generation,
      watch: this.takeWatch(),
      trace,
      clock,
    };
    if (dropped) batch.traceDropped = dropped;
    if (this.timelineDirty || clock.now !== this.lastSentNow) batch.timeline = this.timelineState();
    if (this.flowDirty) batch.flow = this.flowState();
    this.timelineDirty = false;
    this.flowDirty = false;
    if (history) this.pendingHistory = this.pendingHistory.slice(MAX_TRACE_PER_BATCH);
    else {
      this.pendingTrace = [];
      this.traceDropped = 0;
    }
    this.lastSentNow = clock.now;
    this.env.post(batch);
  }
}

/** Whether `a` comes strictly before `b` in the session. */
function before(a: Position, b: Position): boolean {
  if (a.count !== b.count) return a.count < b.count;
  if (a.inputs !== b.inputs) return a.inputs < b.inputs;
  return a.at < b.at;
}

function internalError(message: string): string {
  return JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'InternalError',
    code: 500,
  });
}
