/**
 * The UI's handle on the cluster worker: typed requests answered by id, watches the worker keeps
 * alive across restarts, clock commands and node shells. Batches go straight into the store.
 */
import type {
  BatchMessage,
  ClockCommand,
  ExecOutcome,
  ExecPodMessage,
  ExecResultMessage,
  RequestMessage,
  ResponseMessage,
  UiToWorker,
  WatchMessage,
  WorkerToUi,
} from '../../worker/protocol';
import { useCluster } from './cluster-store';

export type ApiResponse = Omit<ResponseMessage, 'type' | 'id' | 'exec' | 'streaming'>;
export type ExecPodRequest = Omit<ExecPodMessage, 'type' | 'id'>;
export type ExecPodResponse = ApiResponse & { exec?: ExecOutcome };

/** A streaming response's continuation: chunks until the end, or until `close`. */
export interface ApiStream {
  subscribe(onChunk: (chunk: string) => void, onEnd: () => void): void;
  close(): void;
}

/** What `stream` answers: the response, and `stream` when more is to come. */
export type StreamResponse = ApiResponse & { stream?: ApiStream };
export type ExecResult = Omit<ExecResultMessage, 'type' | 'id'>;
export type ApiRequest = Omit<RequestMessage, 'type' | 'id'>;

type Pending =
  | { kind: 'request'; resolve: (r: ResponseMessage) => void; reject: (e: Error) => void }
  | { kind: 'exec'; resolve: (r: ExecResult) => void; reject: (e: Error) => void };

export type WorkerFactory = () => Worker;

/** Wall time without a batch, while the clock runs, after which the worker counts as hung. */
export const UNRESPONSIVE_MS = 5000;
/** Batches wait at most this long for an animation frame (a hidden tab has none). */
const BATCH_FALLBACK_MS = 100;

export function createClusterWorker(): Worker {
  return new Worker(new URL('../../worker/cluster.worker.ts', import.meta.url), {
    type: 'module',
    name: 'kubesim-cluster',
  });
}

export class ClusterClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly watches = new Map<string, WatchMessage>();
  /** Open streams by request id: where their chunks go. */
  private readonly streams = new Map<number, StreamSink>();
  /** Set when the worker itself died (a load error): a restart must replace it. */
  private workerDead = false;
  private lastHeard = Date.now();
  private readonly watchdog: ReturnType<typeof setInterval>;
  /** Batches received since the last frame: applied together, once per animation frame. */
  private queued: BatchMessage[] = [];
  private frame = 0;
  private fallback: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly factory: WorkerFactory = createClusterWorker) {
    this.worker = this.spawn();
    this.watchdog = setInterval(() => this.checkAlive(), 1000);
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    const id = this.nextId++;
    return new Promise<ResponseMessage>((resolve, reject) => {
      this.pending.set(id, { kind: 'request', resolve, reject });
      this.send({ type: 'request', id, ...req });
    }).then(({ status, headers, body }) => ({ status, headers, body }));
  }

  /** `kubectl exec`: the worker upgrades and runs the process; `exec` is how it ended (status 101). */
  execPod(req: ExecPodRequest): Promise<ExecPodResponse> {
    const id = this.nextId++;
    return new Promise<ResponseMessage>((resolve, reject) => {
      this.pending.set(id, { kind: 'request', resolve, reject });
      this.send({ type: 'exec-pod', id, ...req });
    }).then(({ status, headers, body, exec }) => ({ status, headers, body, ...(exec ? { exec } : {}) }));
  }

  /** A streaming GET (`?watch=true`, `?follow=true`): the response, then its chunks through `stream`. */
  stream(req: Omit<ApiRequest, 'method' | 'body'>): Promise<StreamResponse> {
    const id = this.nextId++;
    const sink = new StreamSink(() => {
      if (this.streams.delete(id)) this.send({ type: 'stream-close', id });
    });
    this.streams.set(id, sink);
    return new Promise<ResponseMessage>((resolve, reject) => {
      this.pending.set(id, { kind: 'request', resolve, reject });
      this.send({ type: 'stream', id, path: req.path, query: req.query, headers: req.headers });
    }).then(
      ({ status, headers, body, streaming }) => {
        if (!streaming) this.streams.delete(id);
        return { status, headers, body, ...(streaming ? { stream: sink } : {}) };
      },
      (e: Error) => {
        this.streams.delete(id);
        throw e;
      },
    );
  }

  exec(host: string, command: string): Promise<ExecResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind: 'exec', resolve, reject });
      this.send({ type: 'exec', id, host, command });
    });
  }

  /** Mirrors a collection into the store under `kind`; kept across restarts until `unwatch`. */
  watch(watchId: string, kind: string, path: string, query?: string): void {
    const msg: WatchMessage = { type: 'watch', watchId, kind, path, query };
    this.watches.set(watchId, msg);
    this.send(msg);
  }

  unwatch(watchId: string): void {
    this.watches.delete(watchId);
    this.send({ type: 'unwatch', watchId });
  }

  clock(command: ClockCommand): void {
    this.send({ type: 'clock', command });
  }

  /** A new cluster. If the worker itself is gone (or `hard`), a new worker is started too. */
  restart(opts: { seed?: number; nodes?: number; hard?: boolean } = {}): void {
    useCluster.getState().markBooting();
    if (this.workerDead || opts.hard) {
      this.worker.terminate();
      this.failPending('the cluster was restarted');
      this.worker = this.spawn();
      for (const w of this.watches.values()) this.send(w);
    }
    this.send({ type: 'restart', seed: opts.seed, nodes: opts.nodes });
  }

  dispose(): void {
    clearInterval(this.watchdog);
    this.cancelFlush();
    this.queued = [];
    this.worker.terminate();
    this.failPending('the cluster was closed');
  }

  /**
   * A worker stuck in a loop sends nothing and cannot be told to restart: when the clock should be
   * running and no batch came for a while (in a visible tab), say so and make the restart a hard one.
   */
  private checkAlive(): void {
    const { connection, clock } = useCluster.getState();
    if (connection.status !== 'running' || clock.paused || document.visibilityState !== 'visible') {
      this.lastHeard = Date.now();
      return;
    }
    if (Date.now() - this.lastHeard < UNRESPONSIVE_MS) return;
    this.workerDead = true;
    useCluster.getState().applyError({
      fatal: true,
      message: `the cluster worker has not answered for ${UNRESPONSIVE_MS / 1000} s`,
      at: Date.now(),
    });
  }

  private spawn(): Worker {
    this.workerDead = false;
    this.lastHeard = Date.now();
    const worker = this.factory();
    worker.addEventListener('message', (e: MessageEvent<WorkerToUi>) => this.receive(e.data));
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.workerDead = true;
      useCluster.getState().applyError({
        fatal: true,
        message: e.message || 'the cluster worker failed to start',
        at: Date.now(),
      });
    });
    worker.addEventListener('messageerror', () => {
      useCluster.getState().applyError({
        fatal: false,
        message: 'a message from the cluster could not be read',
        at: Date.now(),
      });
    });
    return worker;
  }

  private send(msg: UiToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: WorkerToUi): void {
    this.lastHeard = Date.now();
    const store = useCluster.getState();
    switch (msg.type) {
      case 'batch':
        return this.queue(msg);
      case 'ready':
        // Batches of the old cluster are stale now; newer ones follow this message.
        this.cancelFlush();
        this.queued = [];
        return store.applyReady(msg);
      case 'response': {
        const p = this.take(msg.id);
        if (p?.kind === 'request') p.resolve(msg);
        return;
      }
      case 'stream-chunk':
        return this.streams.get(msg.id)?.chunk(msg.chunk);
      case 'stream-end': {
        const sink = this.streams.get(msg.id);
        this.streams.delete(msg.id);
        return sink?.end();
      }
      case 'exec-result': {
        const p = this.take(msg.id);
        if (p?.kind === 'exec') p.resolve({ stdout: msg.stdout, stderr: msg.stderr, exitCode: msg.exitCode });
        return;
      }
      case 'error':
        if (msg.id !== undefined) this.take(msg.id)?.reject(new Error(msg.message));
        return store.applyError({ fatal: msg.fatal, message: msg.message, stack: msg.stack, at: Date.now() });
    }
  }

  /**
   * The worker sends up to one batch per 16 ms of its own clock, which drifts against the display's
   * frames: two can land in one frame. Queued and applied in one store update per frame, the canvas
   * renders at most once per frame whatever the worker's pace.
   */
  private queue(batch: BatchMessage): void {
    this.queued.push(batch);
    if (this.frame || this.fallback !== undefined) return;
    this.frame = requestAnimationFrame(this.flushQueued);
    this.fallback = setTimeout(this.flushQueued, BATCH_FALLBACK_MS);
  }

  private readonly flushQueued = (): void => {
    this.cancelFlush();
    const batches = this.queued;
    this.queued = [];
    if (batches.length) useCluster.getState().applyBatches(batches);
  };

  private cancelFlush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.fallback !== undefined) clearTimeout(this.fallback);
    this.frame = 0;
    this.fallback = undefined;
  }

  private take(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    return p;
  }

  private failPending(reason: string): void {
    for (const p of this.pending.values()) p.reject(new Error(reason));
    this.pending.clear();
    for (const s of this.streams.values()) s.end();
    this.streams.clear();
  }
}

/** The UI's end of a worker stream: chunks that arrive before `subscribe` are kept for it. */
class StreamSink implements ApiStream {
  private buffered: string[] = [];
  private ended = false;
  private closed = false;
  private onChunk: ((chunk: string) => void) | undefined;
  private onEnd: (() => void) | undefined;

  constructor(private readonly onClose: () => void) {}

  subscribe(onChunk: (chunk: string) => void, onEnd: () => void): void {
    this.onChunk = onChunk;
    this.onEnd = onEnd;
    for (const c of this.buffered.splice(0)) onChunk(c);
    if (this.ended) onEnd();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onChunk = undefined;
    this.onEnd = undefined;
    this.onClose();
  }

  chunk(chunk: string): void {
    if (this.closed || this.ended) return;
    if (this.onChunk) this.onChunk(chunk);
    else this.buffered.push(chunk);
  }

  end(): void {
    if (this.closed || this.ended) return;
    this.ended = true;
    this.onEnd?.();
  }
}
