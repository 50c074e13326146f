/**
 * Hosts one cluster for the UI: answers requests, mirrors watched collections, drives virtual time
 * with `cluster.tick`, and sends what happened as one batch per frame. No DOM and no `self` here, so
 * the same host runs in the Web Worker and in a unit test.
 */
import type { HttpRequest, HttpResponse } from '../sim/apiserver/http';
import type { TraceRecord } from '../sim/engine/trace';
import type {
  BatchMessage,
  ClockCommand,
  ClockState,
  KubeObject,
  UiToWorker,
  WatchDelta,
  WatchMessage,
  WorkerToUi,
} from './protocol';
import { FRAME_MS, MAX_TICK_WALL_MS } from './protocol';

/** What the host needs of a cluster (`createCluster` in `src/sim/cluster.ts` provides it). */
export interface HostedCluster {
  handle(req: HttpRequest): HttpResponse;
  tick(wallMs: number): void;
  /** Speed and pause as the cluster holds them (changed through `/simulator/v1/clock`). */
  clock(): { now: number; speed: number; paused: boolean };
  readonly engine: {
    readonly now: number;
    readonly epochMs: number;
    readonly trace: {
      subscribe(listener: (r: TraceRecord) => void): () => void;
      /** Records with seq greater than `seq` (what happened before the host subscribed). */
      since(seq: number): TraceRecord[];
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
/** Wall time before a failed or ended watch is listed again. */
const RELIST_DELAY_MS = 1000;

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

/** One mirrored collection: list, then watch from the list's resourceVersion, re-list on loss. */
class WatchLoop {
  private close: (() => void) | undefined;
  private retry: unknown;
  private stopped = false;
  private resourceVersion = '';

  constructor(
    private readonly spec: WatchMessage,
    private readonly host: ClusterHost,
    private readonly env: HostEnv,
  ) {}

  start(): void {
    if (this.stopped) return;
    const { spec } = this;
    const list = this.host.call('GET', spec.path, spec.query ?? '');
    if (list.status !== 200) return this.fail(list.status, statusMessage(list));
    let items: KubeObject[];
    try {
      const parsed = JSON.parse(list.body) as {
        items?: KubeObject[];
        metadata?: { resourceVersion?: string };
      };
      items = parsed.items ?? [];
      this.resourceVersion = parsed.metadata?.resourceVersion ?? '';
    } catch (e) {
      return this.fail(500, `list ${spec.path}: ${errorText(e).message}`);
    }
    for (const item of items) item.kind ??= spec.kind;
    this.host.emit({
      watchId: spec.watchId,
      kind: spec.kind,
      type: 'SYNC',
      items,
      resourceVersion: this.resourceVersion,
    });

    const q = new URLSearchParams(spec.query ?? '');
    q.set('watch', '1');
    q.set('allowWatchBookmarks', 'true');
    if (this.resourceVersion) q.set('resourceVersion', this.resourceVersion);
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
    onChunk(res.body);
    if (!res.stream) {
      // A complete (non-streaming) answer: take what came and watch again later.
      if (buffer.trim()) this.line(buffer);
      this.later();
      return;
    }
    const stream = res.stream;
    this.close = () => stream.close();
    stream.subscribe(onChunk, () => {
      this.close = undefined;
      if (buffer.trim()) this.line(buffer);
      this.later();
    });
  }

  stop(): void {
    this.stopped = true;
    this.env.clearTimeout(this.retry);
    const close = this.close;
    this.close = undefined;
    close?.();
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
      this.resourceVersion = obj.metadata?.resourceVersion ?? this.resourceVersion;
      this.host.emit({ watchId: this.spec.watchId, kind: this.spec.kind, type: ev.type, object: obj });
    } else if (ev.type === 'BOOKMARK') {
      this.resourceVersion = obj.metadata?.resourceVersion ?? this.resourceVersion;
    } else if (ev.type === 'ERROR') {
      // 410 Gone (compacted) or anything else: start over from a fresh list.
      const s = obj as WatchStatusObject;
      if (s.code !== 410) this.fail(s.code ?? 500, s.message ?? 'watch error');
      else this.restartSoon();
    }
  }

  private fail(status: number, message: string): void {
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

export class ClusterHost {
  private cluster: HostedCluster | undefined;
  private generation = 0;
  private token: string;
  private loop: unknown;
  private lastWall = 0;
  private lastSentNow = -1;
  private readonly watchSpecs = new Map<string, WatchMessage>();
  private readonly watches = new Map<string, WatchLoop>();
  private pendingWatch: WatchDelta[] = [];
  private pendingTrace: TraceRecord[] = [];
  private unsubscribeTrace: (() => void) | undefined;
  private crashed = false;

  constructor(private readonly env: HostEnv) {
    this.token = env.token();
  }

  /** Boots the first cluster and starts the frame loop. */
  start(seed = DEFAULT_SEED, nodes = DEFAULT_NODES): void {
    this.boot(seed, nodes);
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
          return this.boot(msg.seed ?? DEFAULT_SEED, msg.nodes ?? DEFAULT_NODES);
      }
    } catch (e) {
      const { message, stack } = errorText(e);
      const id = 'id' in msg ? msg.id : undefined;
      if (id !== undefined)
        this.env.post({ type: 'response', id, status: 500, headers: {}, body: internalError(message) });
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

  emit(delta: WatchDelta): void {
    this.pendingWatch.push(delta);
  }

  report(fatal: boolean, message: string, stack?: string): void {
    this.env.post({ type: 'error', fatal, message, stack });
  }

  // ── internals ──

  private boot(seed: number, nodes: number): void {
    this.teardown();
    this.generation += 1;
    this.crashed = false;
    this.token = this.env.token();
    try {
      this.cluster = this.env.createCluster({ seed, nodes, adminToken: this.token });
      // The boot's own hops first, so the UI's trace starts at the cluster's beginning.
      this.pendingTrace = this.cluster.engine.trace.since(0);
      this.unsubscribeTrace = this.cluster.engine.trace.subscribe((r) => this.pendingTrace.push(r));
    } catch (e) {
      const { message, stack } = errorText(e);
      this.cluster = undefined;
      this.crashed = true;
      this.report(true, message, stack);
      return;
    }
    this.lastWall = this.env.now();
    this.env.post({ type: 'ready', generation: this.generation, seed, nodes, clock: this.clockState() });
    for (const spec of this.watchSpecs.values()) this.startWatch(spec);
  }

  private teardown(): void {
    for (const w of this.watches.values()) w.stop();
    this.watches.clear();
    this.unsubscribeTrace?.();
    this.unsubscribeTrace = undefined;
    this.cluster = undefined;
    this.pendingWatch = [];
    this.pendingTrace = [];
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

  private request(
    id: number,
    method: string,
    path: string,
    query: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): void {
    const res = this.call(method, path, query, headers, body);
    // One-shot requests get what was ready at once; a stream asked for here is closed.
    res.stream?.close();
    this.env.post({ type: 'response', id, status: res.status, headers: res.headers, body: res.body });
  }

  private exec(id: number, host: string, command: string): void {
    const res = this.call(
      'POST',
      '/simulator/v1/exec',
      '',
      { 'content-type': 'application/json' },
      JSON.stringify({ host, command }),
    );
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

  private clock(cmd: ClockCommand): void {
    const body =
      cmd.action === 'play'
        ? { paused: false }
        : cmd.action === 'pause'
          ? { paused: true }
          : cmd.action === 'speed'
            ? { speed: cmd.speed }
            : { advance: `${Math.max(0, Math.round(cmd.ms))}ms` };
    const res = this.call(
      'POST',
      '/simulator/v1/clock',
      '',
      { 'content-type': 'application/json' },
      JSON.stringify(body),
    );
    if (res.status !== 200) this.report(false, `clock: ${statusMessage(res)}`);
    this.lastSentNow = -1; // the UI hears the new state with the next frame
  }

  private clockState(): ClockState {
    const cluster = this.cluster;
    if (!cluster) return { now: 0, epochMs: 0, speed: 1, paused: true };
    const { now, speed, paused } = cluster.clock();
    return { now, epochMs: cluster.engine.epochMs, speed, paused };
  }

  /** One frame: advance virtual time by the wall time since the last, then flush one batch. */
  private frame(): void {
    const wall = this.env.now();
    const dt = Math.min(Math.max(0, wall - this.lastWall), MAX_TICK_WALL_MS);
    this.lastWall = wall;
    const cluster = this.cluster;
    if (cluster && !this.crashed) {
      try {
        cluster.tick(dt);
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

  private flush(): void {
    const clock = this.clockState();
    if (!this.pendingWatch.length && !this.pendingTrace.length && clock.now === this.lastSentNow) return;
    const batch: BatchMessage = {
      type: 'batch',
      generation: this.generation,
      watch: this.pendingWatch,
      trace: this.pendingTrace,
      clock,
    };
    this.pendingWatch = [];
    this.pendingTrace = [];
    this.lastSentNow = clock.now;
    this.env.post(batch);
  }
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
