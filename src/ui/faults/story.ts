/**
 * The chain of consequences after a node stops renewing its Lease, derived only from live objects:
 * the Lease's renewTime, the Node's Ready condition and taints (with timeAdded), the pods'
 * tolerationSeconds, their deletion, the replacements, the EndpointSlices and kube-proxy's syncs.
 * Nothing here runs a timer of its own: a countdown is a deadline read from an object minus now.
 */
import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { ClusterState } from '../store/cluster-store';
import type { FaultEntry } from './fault-store';

/** node-monitor-grace-period in kube-controller-manager (what the node lifecycle controller waits). */
export const NODE_GRACE_MS = 50_000;
/** DefaultTolerationSeconds admission: 300 s for not-ready and unreachable. */
export const DEFAULT_TOLERATION_S = 300;

export type StageState = 'done' | 'running' | 'waiting';

export interface Stage {
  id: 'lease' | 'notready' | 'taint' | 'evict' | 'replace' | 'endpoints';
  state: StageState;
  /** Virtual ms when it happened (done), relative to the fault. */
  at?: number;
  /** Virtual ms left on a running timer. */
  remainingMs?: number;
  /** Values for the caption. */
  vars: Record<string, string | number>;
}

const NOT_READY_TAINTS = ['node.kubernetes.io/unreachable', 'node.kubernetes.io/not-ready'];

function vt(ts: string | undefined, epochMs: number): number | undefined {
  if (!ts) return undefined;
  const ms = Date.parse(ts);
  return Number.isFinite(ms) ? ms - epochMs : undefined;
}

function podsOn(s: ClusterState, node: string): Pod[] {
  return (Object.values(s.objects.Pod ?? {}) as Pod[]).filter((p) => p.spec?.nodeName === node);
}

/** Pods a controller will replace (not DaemonSet or static/mirror pods, which belong to the node). */
function replaceable(p: Pod): boolean {
  const o = p.metadata?.ownerReferences?.find((r) => r.controller);
  return !!o && o.kind !== 'DaemonSet' && o.kind !== 'Node';
}

export function computeStory(s: ClusterState, fault: FaultEntry): Stage[] {
  const node = fault.target;
  const { now, epochMs } = s.clock;
  const T = fault.at;
  const obj = s.objects.Node?.[node] as Node | undefined;
  const lease = s.objects.Lease?.[`kube-node-lease/${node}`] as Lease | undefined;
  const renew = vt(lease?.spec?.renewTime, epochMs);
  const ready = obj?.status?.conditions?.find((c) => c.type === 'Ready');
  const readyAt = vt(ready?.lastTransitionTime, epochMs);
  const down = ready && ready.status !== 'True' && readyAt !== undefined && readyAt >= T - 1000;
  const taint: Taint | undefined = obj?.spec?.taints?.find(
    (t) => NOT_READY_TAINTS.includes(t.key) && t.effect === 'NoExecute',
  );
  const taintAt = vt(taint?.timeAdded, epochMs);
  const stages: Stage[] = [];

  // 1. Lease renewals stop.
  const renewedSince = renew !== undefined && renew > T + 1000;
  stages.push({
    id: 'lease',
    state: renewedSince ? 'waiting' : 'done',
    at: 0,
    vars: { node, ago: renew !== undefined ? Math.max(0, Math.round((now - renew) / 1000)) : '?' },
  });

  // 2. Grace period → Ready Unknown / NotReady.
  if (down)
    stages.push({
      id: 'notready',
      state: 'done',
      at: readyAt - T,
      vars: { node, status: ready.status ?? '' },
    });
  else
    stages.push({
      id: 'notready',
      state: renewedSince ? 'waiting' : 'running',
      remainingMs: renew !== undefined ? Math.max(0, renew + NODE_GRACE_MS - now) : undefined,
      vars: { node, status: ready?.status ?? '' },
    });

  // 3. Taints.
  stages.push(
    taint && taintAt !== undefined
      ? { id: 'taint', state: 'done', at: taintAt - T, vars: { taint: `${taint.key}:${taint.effect}` } }
      : { id: 'taint', state: 'waiting', vars: { taint: 'node.kubernetes.io/unreachable:NoExecute' } },
  );

  // 4. Eviction after tolerationSeconds.
  const pods = podsOn(s, node).filter(replaceable);
  const evicting = pods.filter((p) => p.metadata?.deletionTimestamp);
  const live = pods.filter((p) => !p.metadata?.deletionTimestamp);
  let tolerationS = DEFAULT_TOLERATION_S;
  for (const p of live)
    for (const t of p.spec?.tolerations ?? [])
      if (taint && t.key === taint.key && t.tolerationSeconds !== undefined && t.tolerationSeconds !== null)
        tolerationS = Math.min(tolerationS, t.tolerationSeconds);
  const firstEvictAt = evicting
    .map((p) => vt(p.metadata?.deletionTimestamp, epochMs))
    .filter((x): x is number => x !== undefined)
    .map((x) => x - (evicting[0]?.metadata?.deletionGracePeriodSeconds ?? 0) * 1000);
  // Pods gone from the node without a trace (deleted and removed) also count as evicted.
  const evictedDone = taint && live.length === 0;
  if (evictedDone || (taint && evicting.length > 0 && live.length === 0))
    stages.push({
      id: 'evict',
      state: 'done',
      at: firstEvictAt.length
        ? Math.min(...firstEvictAt) - T
        : taintAt !== undefined
          ? taintAt + tolerationS * 1000 - T
          : undefined,
      vars: { count: evicting.length, seconds: tolerationS },
    });
  else if (taint && taintAt !== undefined)
    stages.push({
      id: 'evict',
      state: 'running',
      remainingMs: Math.max(0, taintAt + tolerationS * 1000 - now),
      vars: { count: live.length, seconds: tolerationS },
    });
  else stages.push({ id: 'evict', state: 'waiting', vars: { count: live.length, seconds: tolerationS } });

  // 5. Replacements scheduled elsewhere (pods created after the fault, on other nodes).
  const evictStage = stages[stages.length - 1];
  const fresh = (Object.values(s.objects.Pod ?? {}) as Pod[]).filter((p) => {
    const created = vt(p.metadata?.creationTimestamp, epochMs);
    return (
      replaceable(p) && created !== undefined && created > T && p.spec?.nodeName && p.spec.nodeName !== node
    );
  });
  const running = fresh.filter((p) => p.status?.phase === 'Running');
  if (evictStage.state === 'done' && fresh.length > 0) {
    const first = Math.min(...fresh.map((p) => vt(p.metadata?.creationTimestamp, epochMs) ?? now));
    stages.push({
      id: 'replace',
      state: running.length > 0 ? 'done' : 'running',
      at: first - T,
      vars: {
        count: fresh.length,
        running: running.length,
        nodes: [...new Set(fresh.map((p) => p.spec?.nodeName))].join(', '),
      },
    });
  } else stages.push({ id: 'replace', state: 'waiting', vars: { count: 0, running: 0, nodes: '' } });

  // 6. Endpoints drop the node's pods; every kube-proxy rewrites its rules.
  const slices = Object.values(s.objects.EndpointSlice ?? {}) as unknown as EndpointSlice[];
  const stillServed = slices.some((sl) =>
    (sl.endpoints ?? []).some((e) => e.nodeName === node && e.conditions?.ready !== false),
  );
  const hadPods = pods.length > 0 || evicting.length > 0 || fresh.length > 0;
  let syncAt: number | undefined;
  if (!stillServed && down)
    for (let i = s.trace.length - 1; i >= 0; i--) {
      const r = s.trace[i];
      if (r.sentAt < (readyAt ?? now)) break;
      if (r.kind === 'sync' && !r.summary.includes(': 0 rules')) syncAt = r.sentAt;
    }
  stages.push(
    !stillServed && down && hadPods
      ? { id: 'endpoints', state: 'done', at: (syncAt ?? readyAt ?? now) - T, vars: { node } }
      : { id: 'endpoints', state: 'waiting', vars: { node } },
  );
  // The order things happen in: endpoints follow NotReady (pods marked not ready), before eviction.
  const order: Stage['id'][] = ['lease', 'notready', 'taint', 'endpoints', 'evict', 'replace'];
  return order.map((id) => stages.find((x) => x.id === id)!);
}
