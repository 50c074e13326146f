import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import { toKube, type KubeObject, type Mutable } from '../../api/object';
import type { Client } from '../../client/clientset';
import { EventRecorder } from '../../client/event-recorder';
import { byNodeName, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { WorkQueue } from '../../client/workqueue';
import type { ScheduledEvent } from '../../engine/event-queue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import { RateLimitedTimedQueue } from './rate-limited-queue';
import {
  NOT_READY_TAINT,
  swapNodeTaints,
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
  taintExists,
  UNREACHABLE_TAINT,
} from './taints';
import { computeZoneState, getZoneKey, LABEL_NODE_DISRUPTION_EXCLUSION, type ZoneState } from './zone';

/** kube-controller-manager flags and their v1.32 defaults. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;
export const NODE_EVICTION_RATE = 0.1;
export const SECONDARY_NODE_EVICTION_RATE = 0.01;
export const LARGE_CLUSTER_SIZE_THRESHOLD = 50;
export const UNHEALTHY_ZONE_THRESHOLD = 0.55;
const NODE_HEALTH_UPDATE_RETRY = 5;

/** Which condition status maps to which NoSchedule taint (nodeConditionToTaintKeyStatusMap). */
const CONDITION_TO_TAINT: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NODE_NOT_READY, Unknown: TAINT_NODE_UNREACHABLE },
  MemoryPressure: { True: TAINT_NODE_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_NODE_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NODE_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_NODE_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TO_TAINT).flatMap((m) => Object.values(m)));

/** What the controller last saw of a node, with the local time it saw it (nodeHealthData). */
interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  ready: NodeCondition | undefined;
  leaseRenewTime: number | undefined;
}

function readyCondition(node: Node): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === 'Ready');
}

function microTimeMs(t: string | undefined): number {
  return t ? Date.parse(t) : NaN;
}

/**
 * pkg/controller/nodelifecycle: every 5 s, checks each node's heartbeats (its Lease in
 * kube-node-lease and its Ready condition); after the grace period without one, its conditions
 * become Unknown and it is tainted unreachable (NoSchedule at once, NoExecute through the per-zone
 * rate limiter). The taint-eviction controller then evicts the pods that do not tolerate it.
 */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly nodes: Informer;
  private readonly leases: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;
  private readonly nodeUpdateQueue: WorkQueue;
  private readonly podUpdateQueue: WorkQueue;
  private readonly health = new Map<string, NodeHealth>();
  private readonly knownNodes = new Map<string, Node>();
  private readonly nodesToRetry = new Set<string>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly zoneTainters = new Map<string, RateLimitedTimedQueue>();
  private monitorTimer: ScheduledEvent | undefined;
  private taintingTimer: ScheduledEvent | undefined;
  private running = false;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    informers: InformerFactory,
  ) {
    this.nodes = informers.informer('nodes');
    this.leases = informers.informer('leases', 'coordination.k8s.io');
    this.pods = informers.informer('pods');
    this.recorder = new EventRecorder(engine, client, 'node-controller');
    this.nodeUpdateQueue = new WorkQueue(engine, `${this.name}-nodes`, (n) =>
      this.doNoScheduleTaintingPass(n),
    );
    this.podUpdateQueue = new WorkQueue(engine, `${this.name}-pods`, (k) => this.processPod(k));
  }

  setup(): void {
    this.pods.addIndexer('nodeName', byNodeName);
    this.pods.addEventHandler({
      onAdd: (p) => this.podUpdated(undefined, p as Pod),
      onUpdate: (o, p) => this.podUpdated(o as Pod, p as Pod),
    });
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeUpdateQueue.add(n.metadata!.name!),
      onUpdate: (_o, n) => this.nodeUpdateQueue.add(n.metadata!.name!),
    });
    // The lease informer only needs to exist: monitorNodeHealth reads it on its own schedule.
    this.leases.addEventHandler({});
  }

  pause(): void {
    this.running = false;
    this.nodeUpdateQueue.pause();
    this.podUpdateQueue.pause();
    this.engine.cancel(this.monitorTimer);
    this.engine.cancel(this.taintingTimer);
    this.monitorTimer = this.taintingTimer = undefined;
  }

  resume(): void {
    this.running = true;
    this.nodeUpdateQueue.resume();
    this.podUpdateQueue.resume();
    this.scheduleMonitor(0);
    this.scheduleTaintingPass(0);
  }

  private scheduleMonitor(delayMs: number): void {
    this.monitorTimer = this.engine.schedule(delayMs, `${this.name} monitorNodeHealth`, () => {
      this.monitorTimer = undefined;
      if (!this.running) return;
      this.monitorNodeHealth();
      this.scheduleMonitor(NODE_MONITOR_PERIOD_MS);
    });
  }

  /**
   * Upstream polls the NoExecute tainting queues every 100 ms; KubeSim runs the pass only when a
   * queue holds a node, at the time its rate limiter next allows one — the same evictions, fewer events.
   */
  private scheduleTaintingPass(delayMs: number): void {
    if (!this.running) return;
    if (
      this.taintingTimer &&
      !this.taintingTimer.cancelled &&
      this.taintingTimer.at <= this.engine.now + delayMs
    )
      return;
    this.engine.cancel(this.taintingTimer);
    this.taintingTimer = this.engine.schedule(delayMs, `${this.name} doNoExecuteTaintingPass`, () => {
      this.taintingTimer = undefined;
      if (this.running) this.doNoExecuteTaintingPass();
    });
  }

  // ------------------------------------------------------------------ NoSchedule taints

  /** doNoScheduleTaintingPass: NoSchedule taints mirror the node's conditions and spec.unschedulable. */
  private doNoScheduleTaintingPass(nodeName: string): void {
    const node = this.nodes.get(nodeName) as Node | undefined;
    if (!node) return;
    const want: Taint[] = [];
    for (const c of node.status?.conditions ?? []) {
      const key = CONDITION_TO_TAINT[c.type]?.[c.status];
      if (key) want.push({ key, effect: 'NoSchedule' });
    }
    if (node.spec?.unschedulable) want.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
    const have = (node.spec?.taints ?? []).filter(
      (t) =>
        t.effect === 'NoSchedule' && (t.key === TAINT_NODE_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)),
    );
    const toAdd = want.filter((w) => !taintExists(have, w));
    const toDel = have.filter((h) => !taintExists(want, h));
    if (toAdd.length === 0 && toDel.length === 0) return;
    swapNodeTaints(this.client, this.nodes, nodeName, toAdd, toDel);
  }

  // ------------------------------------------------------------------ NoExecute taints

  private doNoExecuteTaintingPass(): void {
    let next: number | undefined;
    for (const queue of this.zoneTainters.values()) {
      const wait = queue.try(this.engine.now, (v) => {
        const node = this.nodes.get(v.value) as Node | undefined;
        if (!node) return true;
        const ready = readyCondition(node);
        if (!ready) return { retryAfterMs: 50 };
        // Unreachable and not-ready are kept mutually exclusive, mirroring the Ready condition.
        let add: Taint;
        let opposite: Taint;
        if (ready.status === 'False') [add, opposite] = [NOT_READY_TAINT, UNREACHABLE_TAINT];
        else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_TAINT, NOT_READY_TAINT];
        else return true;
        const ok = swapNodeTaints(
          this.client,
          this.nodes,
          v.value,
          [{ ...add, timeAdded: this.engine.timestamp() }],
          [opposite],
        );
        return ok ? true : { retryAfterMs: 0 };
      });
      if (wait !== undefined) next = next === undefined ? wait : Math.min(next, wait);
    }
    if (next !== undefined) this.scheduleTaintingPass(next);
  }

  private markNodeForTainting(node: Node, status: 'False' | 'Unknown'): boolean {
    const queue = this.zoneTainters.get(getZoneKey(node))!;
    const name = node.metadata!.name!;
    if (status === 'False' && !taintExists(node.spec?.taints, NOT_READY_TAINT)) queue.remove(name);
    if (status === 'Unknown' && !taintExists(node.spec?.taints, UNREACHABLE_TAINT)) queue.remove(name);
    const added = queue.add(name, node.metadata?.uid ?? '', this.engine.now);
    if (added) this.scheduleTaintingPass(0);
    return added;
  }

  private markNodeAsReachable(node: Node): boolean {
    const name = node.metadata!.name!;
    const cached = (this.nodes.get(name) as Node | undefined) ?? node;
    if (
      taintExists(cached.spec?.taints, UNREACHABLE_TAINT) ||
      taintExists(cached.spec?.taints, NOT_READY_TAINT)
    )
      swapNodeTaints(this.client, this.nodes, name, [], [UNREACHABLE_TAINT, NOT_READY_TAINT]);
    return this.zoneTainters.get(getZoneKey(node))?.remove(name) ?? false;
  }

  private addPodEvictorForNewZone(node: Node): void {
    const zone = getZoneKey(node);
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, 'Initial');
    this.zoneTainters.set(zone, new RateLimitedTimedQueue(NODE_EVICTION_RATE, this.engine.now));
  }

  // ------------------------------------------------------------------ health monitoring

  private monitorNodeHealth(): void {
    const nodes = this.nodes.list() as Node[];
    const seen = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata!.name!;
      seen.add(name);
      if (this.knownNodes.has(name)) {
        this.addPodEvictorForNewZone(node);
        continue;
      }
      this.nodeEvent(node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.knownNodes.set(name, node);
      this.addPodEvictorForNewZone(node);
      this.markNodeAsReachable(node);
    }
    for (const [name, node] of this.knownNodes) {
      if (seen.has(name)) continue;
      this.nodeEvent(node, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.knownNodes.delete(name);
      this.health.delete(name);
    }

    const zoneToConditions = new Map<string, (NodeCondition | undefined)[]>();
    for (const cached of nodes) {
      const r = this.updateNodeHealthWithRetry(cached);
      if (!r) continue;
      const { node, observed, current } = r;
      if (node.metadata?.labels?.[LABEL_NODE_DISRUPTION_EXCLUSION] === undefined) {
        const zone = getZoneKey(node);
        zoneToConditions.set(zone, [...(zoneToConditions.get(zone) ?? []), current]);
      }
      const name = node.metadata!.name!;
      if (current) {
        this.processTaintBaseEviction(node, observed);
        const needsRetry = this.nodesToRetry.has(name);
        const becameNotReady = current.status !== 'True' && observed.status === 'True';
        if (becameNotReady)
          this.nodeEvent(node, 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, true);
        if (becameNotReady || (needsRetry && observed.status !== 'True')) {
          if (!this.markPodsNotReady(this.podsOnNode(name), name)) {
            this.nodesToRetry.add(name);
            continue;
          }
        }
      }
      this.nodesToRetry.delete(name);
    }
    this.handleDisruption(zoneToConditions, nodes);
  }

  private updateNodeHealthWithRetry(
    cached: Node,
  ): { node: Node; observed: NodeCondition; current: NodeCondition | undefined } | undefined {
    let node: Node = cached;
    for (let i = 0; i < NODE_HEALTH_UPDATE_RETRY; i++) {
      const r = this.tryUpdateNodeHealth(structuredClone(node) as Mutable<Node>);
      if (r) return r;
      const got = this.client.get({ resource: 'nodes' }, cached.metadata!.name!);
      if (!got.ok) return undefined;
      node = got.object as Node;
    }
    return undefined;
  }

  /**
   * tryUpdateNodeHealth: the probe time moves when the Ready heartbeat or the Lease renewTime
   * moves; past the grace period every condition the kubelet owns becomes Unknown.
   * Returns undefined when the status write failed (the caller re-reads and retries).
   */
  private tryUpdateNodeHealth(
    node: Mutable<Node>,
  ): { node: Node; observed: NodeCondition; current: NodeCondition | undefined } | undefined {
    const name = node.metadata!.name!;
    const now = this.engine.now;
    let h = this.health.get(name);
    let current = readyCondition(node);
    let observed: NodeCondition;
    let gracePeriod: number;
    const created = microTimeMs(node.metadata?.creationTimestamp) - this.engine.epochMs;
    if (!current) {
      // The kubelet never posted status: judge it from its creation, with the longer startup grace.
      observed = {
        type: 'Ready',
        status: 'Unknown',
        lastHeartbeatTime: node.metadata?.creationTimestamp,
        lastTransitionTime: node.metadata?.creationTimestamp,
      };
      gracePeriod = NODE_STARTUP_GRACE_PERIOD_MS;
      if (h) h = { ...h, ready: undefined };
      else
        h = {
          probeTimestamp: created,
          readyTransitionTimestamp: created,
          ready: undefined,
          leaseRenewTime: undefined,
        };
    } else {
      observed = { ...current };
      gracePeriod = NODE_MONITOR_GRACE_PERIOD_MS;
    }
    const saved = h?.ready;
    const savedLease = h?.leaseRenewTime;
    if (!h) {
      h = { probeTimestamp: now, readyTransitionTimestamp: now, ready: current, leaseRenewTime: undefined };
    } else if (!saved && current) {
      h = { probeTimestamp: now, readyTransitionTimestamp: now, ready: current, leaseRenewTime: undefined };
    } else if (saved && !current) {
      h = { probeTimestamp: now, readyTransitionTimestamp: now, ready: undefined, leaseRenewTime: undefined };
    } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition =
        saved.lastTransitionTime !== current.lastTransitionTime ? now : h.readyTransitionTimestamp;
      h = {
        probeTimestamp: now,
        readyTransitionTimestamp: transition,
        ready: current,
        leaseRenewTime: undefined,
      };
    }
    const lease = this.leases.get(`kube-node-lease/${name}`) as Lease | undefined;
    const renew = microTimeMs(lease?.spec?.renewTime);
    if (lease && !Number.isNaN(renew) && (savedLease === undefined || savedLease < renew)) {
      h = { ...h, leaseRenewTime: renew, probeTimestamp: now };
    } else if (savedLease !== undefined && h.leaseRenewTime === undefined) {
      h = { ...h, leaseRenewTime: savedLease };
    }
    this.health.set(name, h);

    if (now > h.probeTimestamp + gracePeriod) {
      const ts = this.engine.timestamp();
      const conditions: Mutable<NodeCondition>[] = (node.status ??= {}).conditions ?? [];
      // NetworkUnavailable is left alone: it belongs to the network plugin, not the kubelet.
      for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({
            type,
            status: 'Unknown',
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
            lastHeartbeatTime: node.metadata?.creationTimestamp,
            lastTransitionTime: ts,
          });
        } else if (c.status !== 'Unknown') {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = ts;
        }
      }
      node.status.conditions = conditions;
      current = readyCondition(node);
      if (JSON.stringify(current) !== JSON.stringify(observed)) {
        const r = this.client.updateStatus({ resource: 'nodes' }, toKube(node), {
          summary: `PUT nodes/${name}/status (Ready=Unknown: NodeStatusUnknown)`,
        });
        if (!r.ok) return undefined;
        const written = r.object as Node;
        this.health.set(name, {
          probeTimestamp: h.probeTimestamp,
          readyTransitionTimestamp: now,
          ready: readyCondition(written),
          leaseRenewTime: Number.isNaN(renew) ? undefined : renew,
        });
        return { node: written, observed, current: readyCondition(written) };
      }
    }
    return { node, observed, current };
  }

  private processTaintBaseEviction(node: Node, observed: NodeCondition): void {
    const taints = node.spec?.taints;
    const name = node.metadata!.name!;
    switch (observed.status) {
      case 'False':
        if (taintExists(taints, UNREACHABLE_TAINT))
          swapNodeTaints(
            this.client,
            this.nodes,
            name,
            [{ ...NOT_READY_TAINT, timeAdded: this.engine.timestamp() }],
            [UNREACHABLE_TAINT],
          );
        else this.markNodeForTainting(node, 'False');
        break;
      case 'Unknown':
        if (taintExists(taints, NOT_READY_TAINT))
          swapNodeTaints(
            this.client,
            this.nodes,
            name,
            [{ ...UNREACHABLE_TAINT, timeAdded: this.engine.timestamp() }],
            [NOT_READY_TAINT],
          );
        else this.markNodeForTainting(node, 'Unknown');
        break;
      case 'True':
        this.markNodeAsReachable(node);
        break;
    }
  }

  /**
   * handleDisruption: a zone with many NotReady nodes slows its evictions down (or stops them in a
   * small cluster), and when every zone is fully disrupted — the control plane has most likely
   * lost the network, not every node — evictions stop and NoExecute taints are lifted.
   */
  private handleDisruption(
    zoneToConditions: Map<string, (NodeCondition | undefined)[]>,
    nodes: Node[],
  ): void {
    const now = this.engine.now;
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conds] of zoneToConditions) {
      const { state } = computeZoneState(conds, UNHEALTHY_ZONE_THRESHOLD);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) this.zoneStates.set(zone, 'Initial');
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneToConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    if (allAreFullyDisrupted) {
      for (const n of nodes) this.markNodeAsReachable(n);
      for (const zone of this.zoneStates.keys()) {
        this.zoneTainters.get(zone)?.swapLimiter(0, now);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      for (const n of nodes) {
        const h = this.health.get(n.metadata!.name!);
        if (h)
          this.health.set(n.metadata!.name!, { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of this.zoneStates.keys()) {
        const state = newStates.get(zone)!;
        this.setLimiterInZone(zone, zoneToConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of this.zoneStates) {
      const next = newStates.get(zone);
      if (!next || next === state) continue;
      this.setLimiterInZone(zone, zoneToConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
  }

  private setLimiterInZone(zone: string, size: number, state: ZoneState): void {
    const q = this.zoneTainters.get(zone);
    if (!q) return;
    const now = this.engine.now;
    if (state === 'Normal' || state === 'FullDisruption') q.swapLimiter(NODE_EVICTION_RATE, now);
    else if (state === 'PartialDisruption')
      q.swapLimiter(size > LARGE_CLUSTER_SIZE_THRESHOLD ? SECONDARY_NODE_EVICTION_RATE : 0, now);
    this.scheduleTaintingPass(0);
  }

  // ------------------------------------------------------------------ pods

  private podsOnNode(nodeName: string): Pod[] {
    return this.pods.byIndex('nodeName', nodeName) as Pod[];
  }

  private podUpdated(old: Pod | undefined, pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (node && (!old || old.spec?.nodeName !== node))
      this.podUpdateQueue.add(`${pod.metadata!.namespace}/${pod.metadata!.name}`);
  }

  /** processPod: a pod bound to a node that is not Ready is marked not ready at once. */
  private processPod(key: string): void | 'requeue' {
    const pod = this.pods.get(key) as Pod | undefined;
    if (!pod?.spec?.nodeName) return;
    const h = this.health.get(pod.spec.nodeName);
    if (!h?.ready) return;
    if (!this.nodes.get(pod.spec.nodeName)) return 'requeue';
    if (h.ready.status !== 'True' && !this.markPodsNotReady([pod], pod.spec.nodeName)) return 'requeue';
  }

  /** MarkPodsNotReady: the pods' Ready condition goes False, with a `NodeNotReady` event each. */
  private markPodsNotReady(pods: Pod[], nodeName: string): boolean {
    let ok = true;
    for (const p of pods) {
      if (p.spec?.nodeName !== nodeName) continue;
      const cond = p.status?.conditions?.find((c) => c.type === 'Ready');
      if (!cond || cond.status === 'False') continue;
      const pod = structuredClone(p) as Mutable<Pod>;
      const c = pod.status!.conditions!.find((x) => x.type === 'Ready')!;
      c.status = 'False';
      c.lastTransitionTime = this.engine.timestamp();
      const r = this.client.updateStatus(
        { resource: 'pods', namespace: pod.metadata!.namespace },
        toKube(pod),
        {
          summary: `PUT pods/${pod.metadata!.name}/status (Ready=False: node not ready)`,
        },
      );
      if (!r.ok) {
        if (r.error.code !== 404) ok = false;
        continue;
      }
      this.recorder.event(r.object, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    return ok;
  }

  private nodeEvent(node: Node, reason: string, message: string, statusChange = false): void {
    const name = node.metadata!.name!;
    const ref: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata?.uid } };
    // RecordNodeEvent prefixes its message; RecordNodeStatusChange does not.
    this.recorder.event(ref, 'Normal', reason, statusChange ? message : `Node ${name} event: ${message}`);
  }
}
