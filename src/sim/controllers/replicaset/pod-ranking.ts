import type { Pod } from 'kubernetes-types/core/v1';
import { isPodActive, isPodReady, podReadyCondition } from './pod-state';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

export interface RankedPods {
  pods: Pod[];
  /** How many related pods share each pod's node: doubled-up pods go first. */
  rank: number[];
  /** Epoch ms the ranking is made at (timestamps are compared on a log scale from it). */
  nowMs: number;
}

function parseTime(t: string | undefined): number | undefined {
  return t ? Date.parse(t) : undefined;
}

function deletionCost(pod: Pod): number {
  const v = Number(pod.metadata?.annotations?.[DELETION_COST] ?? 0);
  return Number.isInteger(v) ? v : 0;
}

function readyTime(pod: Pod): number | undefined {
  return parseTime(podReadyCondition(pod)?.lastTransitionTime);
}

/** Go's `afterOrZero`: an empty time sorts first, then the later time. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/**
 * logarithmicRankDiff (LogarithmicScaleDown, on by default): pods whose ages fall in the same
 * power-of-two bucket of nanoseconds count as equally old, so scale-down is not strictly newest
 * first and does not always hit the same failure domain.
 */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const ns = (nowMs - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

function maxRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  let sidecar = 0;
  for (const s of pod.status?.containerStatuses ?? []) regular = Math.max(regular, s.restartCount);
  const sidecars = new Set(
    (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name),
  );
  for (const s of pod.status?.initContainerStatuses ?? [])
    if (sidecars.has(s.name)) sidecar = Math.max(sidecar, s.restartCount);
  return { regular, sidecar };
}

function uidLess(a: Pod, b: Pod): boolean {
  return (a.metadata?.uid ?? '') < (b.metadata?.uid ?? '');
}

/** controller.ActivePodsWithRanks.Less: true when pod i should be deleted before pod j. */
export function deleteBefore(s: RankedPods, i: number, j: number): boolean {
  const a = s.pods[i];
  const b = s.pods[j];
  const na = a.spec?.nodeName ?? '';
  const nb = b.spec?.nodeName ?? '';
  // 1. Unassigned < assigned
  if (na !== nb && (na === '' || nb === '')) return na === '';
  // 2. Pending < Unknown < Running
  const pa = PHASE_ORDINAL[a.status?.phase ?? ''] ?? -1;
  const pb = PHASE_ORDINAL[b.status?.phase ?? ''] ?? -1;
  if (pa !== pb) return pa < pb;
  // 3. Not ready < ready
  if (isPodReady(a) !== isPodReady(b)) return !isPodReady(a);
  // 4. Lower pod-deletion-cost < higher
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) < deletionCost(b);
  // 5. Doubled up < not doubled up
  if (s.rank[i] !== s.rank[j]) return s.rank[i] > s.rank[j];
  // 6. Ready for less time < more time
  if (isPodReady(a) && isPodReady(b)) {
    const ra = readyTime(a);
    const rb = readyTime(b);
    if (ra !== rb) {
      if (ra === undefined || rb === undefined) return afterOrZero(ra, rb);
      const diff = logarithmicRankDiff(ra, rb, s.nowMs);
      return diff === 0 ? uidLess(a, b) : diff < 0;
    }
  }
  // 7. More container restarts < fewer
  const xa = maxRestarts(a);
  const xb = maxRestarts(b);
  if (xa.regular !== xb.regular) return xa.regular > xb.regular;
  if (xa.sidecar !== xb.sidecar) return xa.sidecar > xb.sidecar;
  // 8. Newer < older
  const ca = parseTime(a.metadata?.creationTimestamp);
  const cb = parseTime(b.metadata?.creationTimestamp);
  if (ca !== cb) {
    if (ca === undefined || cb === undefined) return afterOrZero(ca, cb);
    const diff = logarithmicRankDiff(ca, cb, s.nowMs);
    return diff === 0 ? uidLess(a, b) : diff < 0;
  }
  return false;
}

/** getPodsRankedByRelatedPodsOnSameNode: rank = active related pods on the same node. */
export function rankByRelatedPodsOnSameNode(pods: Pod[], related: Pod[], nowMs: number): RankedPods {
  const onNode = new Map<string, number>();
  for (const p of related)
    if (isPodActive(p)) {
      const n = p.spec?.nodeName ?? '';
      onNode.set(n, (onNode.get(n) ?? 0) + 1);
    }
  return { pods, rank: pods.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0), nowMs };
}

/** getPodsToDelete: the `diff` pods that hurt least to lose, in ActivePodsWithRanks order. */
export function podsToDelete(filtered: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= filtered.length) return filtered;
  const ranked = rankByRelatedPodsOnSameNode(filtered, related, nowMs);
  const order = ranked.pods.map((_, i) => i);
  // A stable merge sort, so equal pods keep their cache order as Go's sort.Sort would leave some order.
  order.sort((i, j) => (deleteBefore(ranked, i, j) ? -1 : deleteBefore(ranked, j, i) ? 1 : 0));
  return order.slice(0, diff).map((i) => ranked.pods[i]);
}
