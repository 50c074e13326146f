/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, v1.32): activeQ (pods
 * ready to be tried, by priority then by the time they were queued), backoffQ (pods waiting out a
 * per-pod back-off, 1 s doubling to 10 s) and unschedulablePods (pods that failed and wait for a
 * cluster event that may help them, or for 5 min to pass).
 *
 * KubeSim simplifies one thing: upstream's QueueingHint functions are approximated by each plugin's
 * registered event types alone, so a pod is moved whenever an event its rejecting plugins register
 * for happens (the pre-hint behaviour), which may retry a pod a little more often than upstream.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import { podKey } from './framework/node-info';
import { Names } from './plugins/names';

/** DefaultPodInitialBackoffDuration, DefaultPodMaxBackoffDuration. */
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
/** flushBackoffQCompleted runs every second, flushUnschedulablePodsLeftover every 30 s. */
export const BACKOFF_FLUSH_PERIOD_MS = 1_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** framework.ClusterEvent labels the queue reacts to. */
export type ClusterEvent =
  | 'NodeAdd'
  | 'NodeDelete'
  | 'UpdateNodeLabel'
  | 'UpdateNodeTaint'
  | 'UpdateNodeAllocatable'
  | 'UpdateNodeCondition'
  | 'UpdateNodeAnnotation'
  | 'AssignedPodAdd'
  | 'AssignedPodUpdate'
  | 'AssignedPodDelete'
  | 'UnschedulableTimeout'
  | 'ForceActivate';

const ALL_NODE_UPDATES: ClusterEvent[] = [
  'UpdateNodeLabel',
  'UpdateNodeTaint',
  'UpdateNodeAllocatable',
  'UpdateNodeCondition',
  'UpdateNodeAnnotation',
];

/** Each default-profile filter plugin's EventsToRegister (v1.32), as event → interested plugins. */
const REGISTERED: Readonly<Record<string, readonly ClusterEvent[]>> = {
  [Names.NodeUnschedulable]: ['NodeAdd', 'UpdateNodeTaint'],
  [Names.NodeName]: ['NodeAdd', ...ALL_NODE_UPDATES],
  [Names.TaintToleration]: ['NodeAdd', 'UpdateNodeTaint'],
  [Names.NodeAffinity]: ['NodeAdd', 'UpdateNodeLabel'],
  [Names.NodePorts]: ['AssignedPodDelete', 'NodeAdd', ...ALL_NODE_UPDATES],
  [Names.NodeResourcesFit]: [
    'AssignedPodDelete',
    'NodeAdd',
    'UpdateNodeAllocatable',
    'UpdateNodeTaint',
    'UpdateNodeLabel',
  ],
  [Names.PodTopologySpread]: [
    'AssignedPodAdd',
    'AssignedPodUpdate',
    'AssignedPodDelete',
    'NodeAdd',
    'NodeDelete',
    'UpdateNodeLabel',
    'UpdateNodeTaint',
  ],
  [Names.InterPodAffinity]: [
    'AssignedPodAdd',
    'AssignedPodUpdate',
    'AssignedPodDelete',
    'NodeAdd',
    'UpdateNodeLabel',
  ],
};

const INTERESTED = new Map<ClusterEvent, Set<string>>();
for (const [plugin, events] of Object.entries(REGISTERED)) {
  for (const e of events) {
    let s = INTERESTED.get(e);
    if (!s) INTERESTED.set(e, (s = new Set()));
    s.add(plugin);
  }
}

/** Events every pod reacts to, whatever rejected it. */
const WILDCARD: ReadonlySet<ClusterEvent> = new Set(['UnschedulableTimeout', 'ForceActivate']);

/** framework.QueuedPodInfo. */
export interface QueuedPodInfo {
  pod: Pod;
  readonly key: string;
  /** When the pod was last added to a queue (activeQ order, back-off start, unschedulable age). */
  timestamp: number;
  /** Scheduling attempts so far (incremented on every pop). */
  attempts: number;
  initialAttemptTimestamp?: number;
  /** Plugins that rejected the pod in its last attempt; empty after an error. */
  unschedulablePlugins: Set<string>;
  /** Insertion order, the final tie-break of both heaps (Go's heap is not stable; ours is deterministic). */
  seq: number;
}

export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

/** A binary heap that knows where each key sits, so update and delete are O(log n). */
class KeyedHeap {
  private readonly items: QueuedPodInfo[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean) {}

  get length(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  get(key: string): QueuedPodInfo | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.items[i];
  }

  peek(): QueuedPodInfo | undefined {
    return this.items[0];
  }

  values(): readonly QueuedPodInfo[] {
    return this.items;
  }

  push(p: QueuedPodInfo): void {
    this.items.push(p);
    this.index.set(p.key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): QueuedPodInfo | undefined {
    if (this.items.length === 0) return undefined;
    return this.removeAt(0);
  }

  delete(key: string): QueuedPodInfo | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.removeAt(i);
  }

  /** Re-establishes order after the item's sort key changed. */
  fix(key: string): void {
    const i = this.index.get(key);
    if (i === undefined) return;
    if (!this.up(i)) this.down(i);
  }

  private removeAt(i: number): QueuedPodInfo {
    const h = this.items;
    const out = h[i];
    const last = h.pop()!;
    this.index.delete(out.key);
    if (i < h.length) {
      h[i] = last;
      this.index.set(last.key, i);
      if (!this.up(i)) this.down(i);
    }
    return out;
  }

  private swap(i: number, j: number): void {
    const h = this.items;
    const t = h[i];
    h[i] = h[j];
    h[j] = t;
    this.index.set(h[i].key, i);
    this.index.set(h[j].key, j);
  }

  private up(i0: number): boolean {
    let i = i0;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(this.items[i], this.items[p])) break;
      this.swap(i, p);
      i = p;
    }
    return i !== i0;
  }

  private down(i0: number): void {
    let i = i0;
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let m = l;
      const r = l + 1;
      if (r < n && this.less(this.items[r], this.items[l])) m = r;
      if (!this.less(this.items[m], this.items[i])) break;
      this.swap(i, m);
      i = m;
    }
  }
}

function priorityOf(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** isPodUpdated: a change beyond status, resourceVersion, generation and managedFields. */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): string => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, ...meta } = p.metadata ?? {};
    return JSON.stringify({ metadata: meta, spec: p.spec });
  };
  return strip(oldPod) !== strip(newPod);
}

export class SchedulingQueue {
  /** PrioritySort: higher priority first, then the earlier queued. */
  private readonly activeQ = new KeyedHeap(
    (a, b) =>
      priorityOf(a.pod) > priorityOf(b.pod) ||
      (priorityOf(a.pod) === priorityOf(b.pod) &&
        (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq))),
  );
  private readonly backoffQ = new KeyedHeap((a, b) => {
    const ta = this.backoffExpiry(a);
    const tb = this.backoffExpiry(b);
    return ta < tb || (ta === tb && a.seq < b.seq);
  });
  /** Insertion order is timestamp order (entries are appended with `now`), so the first is the oldest. */
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private seq = 0;
  /** Scheduling cycles started, as activeQ.schedulingCycle(). */
  schedulingCycle = 0;
  private backoffFlush: ScheduledEvent | undefined;
  private unschedulableFlush: ScheduledEvent | undefined;

  constructor(
    private readonly engine: Engine,
    /** Called whenever activeQ gains pods, so the scheduler can start a cycle. */
    private readonly onActive: () => void,
    /** Start of the flush goroutines' 1 s / 30 s grids (the process start). */
    private readonly epochMs = engine.now,
  ) {}

  // ---------------------------------------------------------------- reads

  get activeCount(): number {
    return this.activeQ.length;
  }

  get backoffCount(): number {
    return this.backoffQ.length;
  }

  get unschedulableCount(): number {
    return this.unschedulable.size;
  }

  get length(): number {
    return this.activeQ.length + this.backoffQ.length + this.unschedulable.size;
  }

  /** Where a pod waits, if it is queued at all. */
  whereIs(pod: Pod): QueueName | undefined {
    const key = podKey(pod);
    if (this.activeQ.has(key)) return 'activeQ';
    if (this.backoffQ.has(key)) return 'backoffQ';
    if (this.unschedulable.has(key)) return 'unschedulablePods';
    return undefined;
  }

  /** PendingPods: every queued pod with the queue it is in. */
  pendingPods(): Array<{ pod: Pod; queue: QueueName; attempts: number }> {
    const out: Array<{ pod: Pod; queue: QueueName; attempts: number }> = [];
    for (const p of this.activeQ.values()) out.push({ pod: p.pod, queue: 'activeQ', attempts: p.attempts });
    for (const p of this.backoffQ.values()) out.push({ pod: p.pod, queue: 'backoffQ', attempts: p.attempts });
    for (const p of this.unschedulable.values())
      out.push({ pod: p.pod, queue: 'unschedulablePods', attempts: p.attempts });
    return out;
  }

  // ---------------------------------------------------------------- writes from the informers

  /** Add: a new unscheduled pod goes straight to activeQ. */
  add(pod: Pod): void {
    const key = podKey(pod);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
    const existing = this.activeQ.get(key);
    if (existing) {
      existing.pod = pod;
      return;
    }
    this.activeQ.push(this.newQueuedPodInfo(pod));
    this.onActive();
  }

  /** Update: refresh the pod where it waits; a real change lets an unschedulable pod try again. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const active = this.activeQ.get(key);
    if (active) {
      active.pod = newPod;
      this.activeQ.fix(key);
      return;
    }
    const backoff = this.backoffQ.get(key);
    if (backoff) {
      backoff.pod = newPod;
      return;
    }
    const u = this.unschedulable.get(key);
    if (u) {
      u.pod = newPod;
      if (isPodUpdated(oldPod, newPod)) {
        this.unschedulable.delete(key);
        this.moveToActiveOrBackoff(u);
      }
      return;
    }
    this.activeQ.push(this.newQueuedPodInfo(newPod));
    this.onActive();
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulable.delete(key);
  }

  // ---------------------------------------------------------------- the scheduling loop

  /** Pop: the next pod to try, counting the attempt and the cycle. */
  pop(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop();
    if (!p) return undefined;
    p.attempts++;
    p.initialAttemptTimestamp ??= this.engine.now;
    this.schedulingCycle++;
    return p;
  }

  /**
   * AddUnschedulableIfNotPresent: after a failed attempt. A pod rejected by plugins waits in
   * unschedulablePods for an event they care about; a pod that hit an error (no rejecting plugin)
   * backs off and retries. The pod object is the newest the informer has.
   */
  addUnschedulableIfNotPresent(p: QueuedPodInfo): void {
    if (this.whereIs(p.pod)) return;
    p.timestamp = this.engine.now;
    if (p.unschedulablePlugins.size === 0) {
      this.pushBackoff(p);
      return;
    }
    this.unschedulable.set(p.key, p);
    this.scheduleUnschedulableFlush();
  }

  /** MoveAllToActiveOrBackoffQueue: pods rejected by a plugin that registered for `event` retry. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent): void {
    if (this.unschedulable.size === 0) return;
    const interested = INTERESTED.get(event);
    const wildcard = WILDCARD.has(event);
    const moving: QueuedPodInfo[] = [];
    for (const p of this.unschedulable.values()) {
      if (wildcard || p.unschedulablePlugins.size === 0 || intersects(p.unschedulablePlugins, interested))
        moving.push(p);
    }
    for (const p of moving) {
      this.unschedulable.delete(p.key);
      this.moveToActiveOrBackoff(p);
    }
  }

  /** A restarted scheduler process starts with every pending pod in activeQ and no back-off state. */
  resetToActive(): void {
    const all = [...this.backoffQ.values(), ...this.unschedulable.values()];
    for (const p of all) {
      this.backoffQ.delete(p.key);
      this.unschedulable.delete(p.key);
      p.attempts = 0;
      this.activeQ.push(p);
    }
    if (this.activeQ.length > 0) this.onActive();
  }

  private newQueuedPodInfo(pod: Pod): QueuedPodInfo {
    return {
      pod,
      key: podKey(pod),
      timestamp: this.engine.now,
      attempts: 0,
      unschedulablePlugins: new Set(),
      seq: this.seq++,
    };
  }

  private moveToActiveOrBackoff(p: QueuedPodInfo): void {
    if (this.isPodBackingOff(p)) {
      this.pushBackoff(p);
    } else {
      this.activeQ.push(p);
      this.onActive();
    }
  }

  /** calculateBackoffDuration: 1 s, doubling per attempt after the first, capped at 10 s. */
  backoffDuration(p: QueuedPodInfo): number {
    if (p.attempts === 0) return 0;
    let d = POD_INITIAL_BACKOFF_MS;
    for (let i = 1; i < p.attempts; i++) {
      if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
      d += d;
    }
    return d;
  }

  private backoffExpiry(p: QueuedPodInfo): number {
    return p.timestamp + this.backoffDuration(p);
  }

  isPodBackingOff(p: QueuedPodInfo): boolean {
    return this.backoffExpiry(p) > this.engine.now;
  }

  private pushBackoff(p: QueuedPodInfo): void {
    this.backoffQ.push(p);
    this.scheduleBackoffFlush();
  }

  // ---------------------------------------------------------------- the flush loops

  /**
   * Upstream polls every second. Waking only at the first tick of that grid at or after the
   * earliest expiry moves the same pods at the same instants without idle timer events.
   */
  private scheduleBackoffFlush(): void {
    const head = this.backoffQ.peek();
    if (!head) return;
    const at = this.gridAtOrAfter(this.backoffExpiry(head), BACKOFF_FLUSH_PERIOD_MS);
    if (this.backoffFlush && !this.backoffFlush.cancelled && this.backoffFlush.at <= at) return;
    this.engine.cancel(this.backoffFlush);
    this.backoffFlush = this.engine.schedule(
      at - this.engine.now,
      'kube-scheduler flushBackoffQCompleted',
      () => {
        this.backoffFlush = undefined;
        this.flushBackoffQCompleted();
      },
    );
  }

  flushBackoffQCompleted(): void {
    let moved = false;
    for (let p = this.backoffQ.peek(); p && !this.isPodBackingOff(p); p = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.activeQ.push(p);
      moved = true;
    }
    if (moved) this.onActive();
    this.scheduleBackoffFlush();
  }

  private scheduleUnschedulableFlush(): void {
    if (this.unschedulableFlush && !this.unschedulableFlush.cancelled) return;
    const oldest = this.unschedulable.values().next().value;
    if (!oldest) return;
    // Strictly older than the limit, on the 30 s grid.
    const at = this.gridAtOrAfter(
      oldest.timestamp + POD_MAX_IN_UNSCHEDULABLE_PODS_MS + 1,
      UNSCHEDULABLE_FLUSH_PERIOD_MS,
    );
    this.unschedulableFlush = this.engine.schedule(
      at - this.engine.now,
      'kube-scheduler flushUnschedulablePodsLeftover',
      () => {
        this.unschedulableFlush = undefined;
        this.flushUnschedulablePodsLeftover();
      },
    );
  }

  flushUnschedulablePodsLeftover(): void {
    const now = this.engine.now;
    const stale: QueuedPodInfo[] = [];
    for (const p of this.unschedulable.values()) {
      if (now - p.timestamp > POD_MAX_IN_UNSCHEDULABLE_PODS_MS) stale.push(p);
      else break;
    }
    for (const p of stale) {
      this.unschedulable.delete(p.key);
      this.moveToActiveOrBackoff(p);
    }
    this.scheduleUnschedulableFlush();
  }

  private gridAtOrAfter(t: number, period: number): number {
    const at = this.epochMs + Math.ceil((t - this.epochMs) / period) * period;
    return Math.max(at, this.engine.now);
  }
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string> | undefined): boolean {
  if (!b) return false;
  for (const x of a) if (b.has(x)) return true;
  return false;
}
