/**
 * The UI's mirror of the cluster: objects by kind (keyed `ns/name`), a ring of recent trace records,
 * the virtual clock, and the connection. The worker's batches are applied in one `set` each, and an
 * object keeps its identity until it changes, so a component that selects one pod re-renders only
 * when that pod does.
 */
import { create } from 'zustand';
import type {
  BatchMessage,
  ClockState,
  FlowState,
  KubeObject,
  ReadyMessage,
  TimelineState,
  TraceRecord,
  WatchDelta,
} from '../../worker/protocol';

/** How many trace records the UI keeps (the worker keeps the full history). */
export const TRACE_CAPACITY = 5000;

export type ObjectsByKey = Readonly<Record<string, KubeObject>>;

export interface WatchStatus {
  synced: boolean;
  error?: { status: number; message: string };
}

export type ConnectionStatus = 'booting' | 'running' | 'crashed';

export interface ClusterError {
  message: string;
  stack?: string;
  /** Fatal errors stop the cluster; others are notices. */
  fatal: boolean;
  at: number;
}

export interface ConnectionState {
  status: ConnectionStatus;
  generation: number;
  seed: number;
  nodes: number;
  /** The error that stopped the cluster, when `status` is `crashed`. */
  fatalError?: ClusterError;
  /** Recent non-fatal errors, newest last. */
  notices: readonly ClusterError[];
}

export interface ClusterState {
  objects: Readonly<Record<string, ObjectsByKey>>;
  watches: Readonly<Record<string, WatchStatus>>;
  trace: readonly TraceRecord[];
  clock: ClockState;
  connection: ConnectionState;
  timeline: TimelineState;
  flow: FlowState;
  /** Bumped when the worker replaced the cluster by a replay (step back, seek). */
  replays: number;
}

const MAX_NOTICES = 5;

export function initialState(): ClusterState {
  return {
    objects: {},
    watches: {},
    trace: [],
    clock: { now: 0, epochMs: 0, speed: 1, paused: false },
    connection: { status: 'booting', generation: 0, seed: 0, nodes: 0, notices: [] },
    timeline: { horizon: 0, markers: [], canBack: false },
    flow: { enabled: true, active: false, step: 0 },
    replays: 0,
  };
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  const name = obj.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

function sameVersion(a: KubeObject | undefined, b: KubeObject): boolean {
  const rv = b.metadata?.resourceVersion;
  return a !== undefined && rv !== undefined && a.metadata?.resourceVersion === rv;
}

/** Applies a batch's watch events; untouched kinds and unchanged objects keep their identity. */
function applyWatch(
  objects: ClusterState['objects'],
  watches: ClusterState['watches'],
  deltas: readonly WatchDelta[],
): Pick<ClusterState, 'objects' | 'watches'> {
  if (!deltas.length) return { objects, watches };
  const nextObjects: Record<string, ObjectsByKey> = { ...objects };
  const nextWatches: Record<string, WatchStatus> = { ...watches };
  const copied = new Set<string>();
  const mutable = (kind: string): Record<string, KubeObject> => {
    if (!copied.has(kind)) {
      nextObjects[kind] = { ...(nextObjects[kind] ?? {}) };
      copied.add(kind);
    }
    return nextObjects[kind] as Record<string, KubeObject>;
  };
  for (const d of deltas) {
    switch (d.type) {
      case 'SYNC': {
        const prev = nextObjects[d.kind] ?? {};
        const fresh: Record<string, KubeObject> = {};
        for (const item of d.items) {
          const key = objectKey(item);
          fresh[key] = sameVersion(prev[key], item) ? prev[key] : item;
        }
        nextObjects[d.kind] = fresh;
        copied.add(d.kind);
        nextWatches[d.watchId] = { synced: true };
        break;
      }
      case 'ADDED':
      case 'MODIFIED':
        mutable(d.kind)[objectKey(d.object)] = d.object;
        break;
      case 'DELETED':
        delete mutable(d.kind)[objectKey(d.object)];
        break;
      case 'FAILED':
        nextWatches[d.watchId] = {
          synced: nextWatches[d.watchId]?.synced ?? false,
          error: { status: d.status, message: d.message },
        };
        break;
    }
  }
  return { objects: nextObjects, watches: nextWatches };
}

function appendTrace(trace: readonly TraceRecord[], records: readonly TraceRecord[]): readonly TraceRecord[] {
  if (!records.length) return trace;
  const joined = trace.concat(records);
  return joined.length > TRACE_CAPACITY ? joined.slice(joined.length - TRACE_CAPACITY) : joined;
}

function sameClock(a: ClockState, b: ClockState): boolean {
  return a.now === b.now && a.speed === b.speed && a.paused === b.paused && a.epochMs === b.epochMs;
}

/** Pure: the state after one batch (exported for tests). */
export function reduceBatch(state: ClusterState, batch: BatchMessage): ClusterState {
  if (batch.generation !== state.connection.generation) return state; // from a cluster since replaced
  const { objects, watches } = applyWatch(state.objects, state.watches, batch.watch);
  return {
    ...state,
    objects,
    watches,
    trace: appendTrace(state.trace, batch.trace),
    clock: sameClock(state.clock, batch.clock) ? state.clock : batch.clock,
    timeline: batch.timeline ?? state.timeline,
    flow: batch.flow ?? state.flow,
  };
}

/** Pure: a new cluster booted; everything mirrored from the old one is dropped. */
export function reduceReady(state: ClusterState, ready: ReadyMessage): ClusterState {
  return {
    ...initialState(),
    clock: ready.clock,
    timeline: state.timeline,
    flow: state.flow,
    replays: ready.replay ? state.replays + 1 : state.replays,
    connection: {
      status: 'running',
      generation: ready.generation,
      seed: ready.seed,
      nodes: ready.nodes,
      notices: state.connection.notices,
    },
  };
}

export function reduceError(state: ClusterState, error: ClusterError): ClusterState {
  const c = state.connection;
  if (error.fatal) return { ...state, connection: { ...c, status: 'crashed', fatalError: error } };
  return { ...state, connection: { ...c, notices: [...c.notices, error].slice(-MAX_NOTICES) } };
}

export interface ClusterActions {
  applyBatch(batch: BatchMessage): void;
  applyReady(ready: ReadyMessage): void;
  applyError(error: ClusterError): void;
  markBooting(): void;
  dismissNotice(at: number): void;
}

export const useCluster = create<ClusterState & ClusterActions>()((set) => ({
  ...initialState(),
  applyBatch: (batch) => set((s) => reduceBatch(s, batch)),
  applyReady: (ready) => set((s) => reduceReady(s, ready)),
  applyError: (error) => set((s) => reduceError(s, error)),
  markBooting: () =>
    set((s) => ({ connection: { ...s.connection, status: 'booting', fatalError: undefined } })),
  dismissNotice: (at) =>
    set((s) => ({
      connection: { ...s.connection, notices: s.connection.notices.filter((n) => n.at !== at) },
    })),
}));
