/**
 * The UI's mirror of the cluster: objects by kind (keyed `ns/name`), a ring of recent trace records,
 * the virtual clock, and the connection. The worker's batches are applied in one `set` per
 * animation frame (the client queues them), with structural sharing throughout: an object keeps its
 * identity until it changes, a kind's map until one of its objects does, and each node's list of
 * pod keys (`podsByNode`) until a pod joins or leaves that node, so a node card re-renders only
 * for its own pods and a pod chip only for its own pod.
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
/** Pod keys by node name (`''` for pods not yet scheduled), each list sorted. */
export type PodIndex = Readonly<Record<string, readonly string[]>>;

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
  /** Pod keys by node; a node's list keeps its identity until a pod joins or leaves it. */
  podsByNode: PodIndex;
  watches: Readonly<Record<string, WatchStatus>>;
  trace: readonly TraceRecord[];
  /** Live trace records the worker left out of bursts (it sends at most a few hundred a frame). */
  traceDropped: number;
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
    podsByNode: {},
    watches: {},
    trace: [],
    traceDropped: 0,
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

function nodeOf(pod: KubeObject | undefined): string {
  return (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The pod index rebuilt from a whole pod map, reusing the previous lists that did not change. */
function indexPods(pods: ObjectsByKey, prev: PodIndex): PodIndex {
  const lists: Record<string, string[]> = {};
  for (const key of Object.keys(pods)) (lists[nodeOf(pods[key])] ??= []).push(key);
  const next: Record<string, readonly string[]> = {};
  for (const [node, list] of Object.entries(lists)) {
    list.sort();
    next[node] = sameList(prev[node], list) ? prev[node] : list;
  }
  return next;
}

type Mirror = Pick<ClusterState, 'objects' | 'watches' | 'podsByNode'>;

/** Applies a batch's watch events; untouched kinds, objects and node pod lists keep their identity. */
function applyWatch(state: Mirror, deltas: readonly WatchDelta[]): Mirror {
  if (!deltas.length) return state;
  const nextObjects: Record<string, ObjectsByKey> = { ...state.objects };
  const nextWatches: Record<string, WatchStatus> = { ...state.watches };
  const copied = new Set<string>();
  const mutable = (kind: string): Record<string, KubeObject> => {
    if (!copied.has(kind)) {
      nextObjects[kind] = { ...(nextObjects[kind] ?? {}) };
      copied.add(kind);
    }
    return nextObjects[kind] as Record<string, KubeObject>;
  };
  // Pod index: the nodes whose lists change, as sets being edited; or a full rebuild after a SYNC.
  let podsSynced = false;
  const edits = new Map<string, Set<string>>();
  const edit = (node: string): Set<string> => {
    let set = edits.get(node);
    if (!set) edits.set(node, (set = new Set(state.podsByNode[node] ?? [])));
    return set;
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
        if (d.kind === 'Pod') podsSynced = true;
        break;
      }
      case 'ADDED':
      case 'MODIFIED': {
        const key = objectKey(d.object);
        const map = mutable(d.kind);
        if (d.kind === 'Pod' && !podsSynced) {
          const old = map[key];
          const to = nodeOf(d.object);
          if (!old) edit(to).add(key);
          else if (nodeOf(old) !== to) {
            edit(nodeOf(old)).delete(key);
            edit(to).add(key);
          }
        }
        map[key] = d.object;
        break;
      }
      case 'DELETED': {
        const key = objectKey(d.object);
        const map = mutable(d.kind);
        if (d.kind === 'Pod' && !podsSynced && map[key]) edit(nodeOf(map[key])).delete(key);
        delete map[key];
        break;
      }
      case 'FAILED':
        nextWatches[d.watchId] = {
          synced: nextWatches[d.watchId]?.synced ?? false,
          error: { status: d.status, message: d.message },
        };
        break;
    }
  }
  let podsByNode = state.podsByNode;
  if (podsSynced) podsByNode = indexPods(nextObjects.Pod ?? {}, state.podsByNode);
  else if (edits.size) {
    const next: Record<string, readonly string[]> = { ...state.podsByNode };
    let changed = false;
    for (const [node, set] of edits) {
      const list = [...set].sort();
      if (sameList(next[node], list)) continue;
      changed = true;
      if (list.length) next[node] = list;
      else delete next[node];
    }
    if (changed) podsByNode = next;
  }
  return { objects: nextObjects, watches: nextWatches, podsByNode };
}

function appendTrace(trace: readonly TraceRecord[], records: readonly TraceRecord[]): readonly TraceRecord[] {
  if (!records.length) return trace;
  const joined = trace.concat(records);
  return joined.length > TRACE_CAPACITY ? joined.slice(joined.length - TRACE_CAPACITY) : joined;
}

function sameMarkers(a: TimelineState['markers'], b: TimelineState['markers']): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i].at !== b[i].at || a[i].kind !== b[i].kind || a[i].label !== b[i].label) return false;
  return true;
}

/** The new timeline, keeping the old object (or at least its markers) where nothing changed. */
function mergeTimeline(prev: TimelineState, next: TimelineState | undefined): TimelineState {
  if (!next) return prev;
  const markers = sameMarkers(prev.markers, next.markers) ? prev.markers : next.markers;
  if (markers === prev.markers && next.horizon === prev.horizon && next.canBack === prev.canBack) return prev;
  return { ...next, markers };
}

function sameClock(a: ClockState, b: ClockState): boolean {
  return a.now === b.now && a.speed === b.speed && a.paused === b.paused && a.epochMs === b.epochMs;
}

/** Pure: the state after one batch (exported for tests). */
export function reduceBatch(state: ClusterState, batch: BatchMessage): ClusterState {
  if (batch.generation !== state.connection.generation) return state; // from a cluster since replaced
  const { objects, watches, podsByNode } = applyWatch(state, batch.watch);
  return {
    ...state,
    objects,
    podsByNode,
    watches,
    trace: appendTrace(state.trace, batch.trace),
    traceDropped: state.traceDropped + (batch.traceDropped ?? 0),
    clock: sameClock(state.clock, batch.clock) ? state.clock : batch.clock,
    timeline: mergeTimeline(state.timeline, batch.timeline),
    flow: batch.flow ?? state.flow,
  };
}

/**
 * Pure: several batches (those that arrived within one animation frame) applied in order, as one:
 * each kind's map and the trace ring are copied once per frame, not once per batch.
 */
export function reduceBatches(state: ClusterState, batches: readonly BatchMessage[]): ClusterState {
  const live = batches.filter((b) => b.generation === state.connection.generation);
  if (live.length <= 1) return live.length ? reduceBatch(state, live[0]) : state;
  const last = live[live.length - 1];
  return reduceBatch(state, {
    type: 'batch',
    generation: last.generation,
    watch: live.flatMap((b) => b.watch),
    trace: live.flatMap((b) => b.trace),
    traceDropped: live.reduce((n, b) => n + (b.traceDropped ?? 0), 0),
    clock: last.clock,
    timeline: live.findLast((b) => b.timeline)?.timeline,
    flow: live.findLast((b) => b.flow)?.flow,
  });
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
  /** The batches queued since the last animation frame, in one update. */
  applyBatches(batches: readonly BatchMessage[]): void;
  applyReady(ready: ReadyMessage): void;
  applyError(error: ClusterError): void;
  markBooting(): void;
  dismissNotice(at: number): void;
}

export const useCluster = create<ClusterState & ClusterActions>()((set) => ({
  ...initialState(),
  applyBatch: (batch) => set((s) => reduceBatch(s, batch)),
  applyBatches: (batches) => set((s) => reduceBatches(s, batches)),
  applyReady: (ready) => set((s) => reduceReady(s, ready)),
  applyError: (error) => set((s) => reduceError(s, error)),
  markBooting: () =>
    set((s) => ({ connection: { ...s.connection, status: 'booting', fatalError: undefined } })),
  dismissNotice: (at) =>
    set((s) => ({
      connection: { ...s.connection, notices: s.connection.notices.filter((n) => n.at !== at) },
    })),
}));
