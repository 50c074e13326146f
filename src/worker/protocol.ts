/**
 * The messages between the UI (main thread) and the cluster worker. Both sides import only the
 * types from here; nothing in this file runs. Imports flow ui → worker → sim, never back.
 *
 * UI → worker: `request` (answered by `response` with the same id), `exec-pod` (`kubectl exec`: the
 * exec request and its process, answered by `response` carrying the outcome), `stream` /
 * `stream-close` (a streaming request — `get -w`, `logs -f` — answered by `response`, then
 * `stream-chunk`s and a `stream-end`), `watch` / `unwatch` (a resource the worker lists and then
 * watches, forwarding events in batches), `clock`, `exec`, `restart`.
 * Worker → UI: `ready` (a cluster booted), `response`, `exec-result`, `stream-chunk`, `stream-end`,
 * `batch` (at most one per animation frame: watch events + trace records + the clock), `error`.
 */
import type { KubeObject } from '../sim/api/object';
import type { TraceRecord } from '../sim/engine/trace';

export type { KubeObject } from '../sim/api/object';
export type { TraceRecord, FlowStep, ComponentId, ObjectRef } from '../sim/engine/trace';

// ───────────────────────────── UI → worker ─────────────────────────────

/** An HTTP-like call to the cluster's kube-apiserver (or `/simulator/v1/…`). */
export interface RequestMessage {
  type: 'request';
  id: number;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path without the query, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  /** Query string without the leading `?`, e.g. `labelSelector=app%3Dweb`. */
  query?: string;
  /** Header names in lower case. The worker adds the admin bearer token. */
  headers?: Record<string, string>;
  body?: string;
}

/**
 * `kubectl exec`: the upgrade request (`POST …/pods/<name>/exec?command=…`) whose exec session the
 * worker runs at once with `stdin`, since a session cannot cross postMessage. Logged as an input
 * (the process may change the container), so a rewind replays it.
 */
export interface ExecPodMessage {
  type: 'exec-pod';
  id: number;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** All of the process's stdin (`kubectl exec -i`), or absent. */
  stdin?: string;
}

/**
 * A streaming GET (`?watch=true`, `?follow=true`): answered by a `response` with what was ready at
 * once, then `stream-chunk`s until `stream-end` (the server ended it, or the cluster was replaced).
 * Not logged as an input: it only reads.
 */
export interface StreamMessage {
  type: 'stream';
  id: number;
  path: string;
  query?: string;
  headers?: Record<string, string>;
}

/** The UI no longer wants a stream (Ctrl-C). */
export interface StreamCloseMessage {
  type: 'stream-close';
  id: number;
}

/**
 * Mirror a collection: the worker lists `path`, sends the items as a `sync` event, then watches from
 * the list's resourceVersion and forwards every event (re-listing if the watch ends or expires).
 */
export interface WatchMessage {
  type: 'watch';
  /** Chosen by the UI; names this watch in `unwatch` and in batched events. */
  watchId: string;
  /** The kind the items are (`Node`, `Pod`, …), so the UI can file them without parsing paths. */
  kind: string;
  /** Collection path, e.g. `/api/v1/nodes` or `/apis/apps/v1/deployments`. */
  path: string;
  /** Extra query (selectors), without `watch` or `resourceVersion`. */
  query?: string;
}

export interface UnwatchMessage {
  type: 'unwatch';
  watchId: string;
}

export type ClockCommand =
  | { action: 'play' }
  | { action: 'pause' }
  | { action: 'speed'; speed: number }
  /** Runs everything due within `ms` of virtual time at once (works while paused). */
  | { action: 'advance'; ms: number }
  /** Pauses after the next hop on the trace (in flow mode: at the next of the ten steps). */
  | { action: 'step' }
  /** Back to the previous hop (or flow step): the worker replays the session from its seed. */
  | { action: 'back' }
  /** Jump to a virtual time of the session's history (backwards by deterministic replay). */
  | { action: 'seek'; to: number }
  /** Deployment-flow mode: after a Deployment is created, stop at each of the ten steps. */
  | { action: 'flow'; enabled: boolean };

export interface ClockMessage {
  type: 'clock';
  command: ClockCommand;
}

/** A command in a node's shell (`etcdctl get …` on the control plane, and more later). */
export interface ExecMessage {
  type: 'exec';
  id: number;
  host: string;
  command: string;
}

/** Throws the current cluster away and boots a new one. */
export interface RestartMessage {
  type: 'restart';
  seed?: number;
  nodes?: number;
}

export type UiToWorker =
  | RequestMessage
  | ExecPodMessage
  | StreamMessage
  | StreamCloseMessage
  | WatchMessage
  | UnwatchMessage
  | ClockMessage
  | ExecMessage
  | RestartMessage;

// ───────────────────────────── worker → UI ─────────────────────────────

export interface ClockState {
  /** Virtual milliseconds since the cluster started. */
  now: number;
  /** Epoch milliseconds of virtual time zero (object timestamps derive from it). */
  epochMs: number;
  speed: number;
  paused: boolean;
}

/** A point of the session's history worth a mark on the scrubber. */
export interface TimelineMarker {
  at: number;
  kind: 'input' | 'flow';
  /** `POST deployments web`, `ssh node-1 …`, `step 4`. */
  label: string;
  /** For `flow` markers: which of the ten steps (the UI shows its title). */
  step?: number;
}

export interface TimelineState {
  /** The furthest virtual time the session has reached (the scrubber's end). */
  horizon: number;
  markers: TimelineMarker[];
  /** Whether there is a hop to step back to. */
  canBack: boolean;
}

/** Deployment-flow mode (DESIGN.md §4): which of the ten steps the cluster is stopped at. */
export interface FlowState {
  enabled: boolean;
  /** A Deployment's flow is being followed. */
  active: boolean;
  /** 0 before step 1; 10 once the flow is complete. */
  step: number;
  /** The hop of the current step, straight from the trace. */
  record?: TraceRecord;
  deployment?: { namespace: string; name: string };
}

export interface ReadyMessage {
  type: 'ready';
  /** Increments with each restart; batches from an older generation are stale. */
  generation: number;
  seed: number;
  nodes: number;
  clock: ClockState;
  /** Set when this cluster is a replay of the session (step back, seek), not a fresh one. */
  replay?: boolean;
}

/** How a process run by `kubectl exec` ended (the apiserver's ExecOutcome). */
export interface ExecOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The runtime could not start the process. */
  startError?: string;
}

export interface ResponseMessage {
  type: 'response';
  id: number;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** For `exec-pod` when the upgrade succeeded (status 101): how the process ended. */
  exec?: ExecOutcome;
  /** For `stream`: the response streams; `stream-chunk`s with this id follow. */
  streaming?: boolean;
}

/** More of a `stream`'s response. */
export interface StreamChunkMessage {
  type: 'stream-chunk';
  id: number;
  chunk: string;
}

/** A `stream` ended (and no more chunks will come). */
export interface StreamEndMessage {
  type: 'stream-end';
  id: number;
}

export interface ExecResultMessage {
  type: 'exec-result';
  id: number;
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One change to a mirrored collection. */
export type WatchDelta =
  /** The full contents after a (re-)list: replaces whatever the UI held for this watch. */
  | { watchId: string; kind: string; type: 'SYNC'; items: KubeObject[]; resourceVersion: string }
  | { watchId: string; kind: string; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  /** The watch could not be served (the resource does not exist yet, RBAC, …); it is retried. */
  | { watchId: string; kind: string; type: 'FAILED'; status: number; message: string };

/**
 * Everything that happened since the previous batch; sent at most once per animation frame.
 * Watch events are coalesced per object within a batch (an object changed five times in a frame
 * arrives once, as its latest version; one created and deleted in the same frame not at all).
 */
export interface BatchMessage {
  type: 'batch';
  generation: number;
  watch: WatchDelta[];
  /**
   * New trace records, oldest first: at most {@link MAX_TRACE_PER_BATCH} live ones (the newest of
   * a burst), after a (re)boot preceded by the cluster's recent history.
   */
  trace: TraceRecord[];
  /** How many live records of a burst were left out of `trace` (the worker keeps them all). */
  traceDropped?: number;
  clock: ClockState;
  /** Sent when it changed. */
  timeline?: TimelineState;
  /** Sent when it changed. */
  flow?: FlowState;
}

export interface ErrorMessage {
  type: 'error';
  /** The request the error belongs to, if any. */
  id?: number;
  /** True when the cluster can no longer run: the UI offers a restart. */
  fatal: boolean;
  message: string;
  stack?: string;
}

export type WorkerToUi =
  | ReadyMessage
  | ResponseMessage
  | ExecResultMessage
  | StreamChunkMessage
  | StreamEndMessage
  | BatchMessage
  | ErrorMessage;

/** How often the worker ticks virtual time and flushes a batch. */
export const FRAME_MS = 16;
/** Wall time one tick may cover at most, so a throttled background tab does not jump minutes ahead. */
export const MAX_TICK_WALL_MS = 250;
/**
 * The most live trace records one batch carries. The canvas animates a few dozen at once; a burst
 * of thousands (200 pods created in one tick at 10×) would only cost the UI a long task to copy.
 */
export const MAX_TRACE_PER_BATCH = 300;
/**
 * The most watch events one batch carries; the rest wait for the next frames (still coalescing).
 * A Deployment of 200 replicas creates 200 pods in one tick: spread over frames, each frame mounts
 * or updates at most ten pod chips. Measured (`npm run bench:ui`): 50 per batch left 0–4 tasks of
 * 60–80 ms (script + layout + paint of 50 chips in one frame), 20 left 1–3 of 53–67 ms, 10 none.
 */
export const MAX_WATCH_PER_BATCH = 10;
export const SPEEDS = [0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
