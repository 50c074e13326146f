import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodAvailable, isPodUpdated } from './daemon-pods';

/**
 * intstr.GetScaledValueFromIntOrPercent with rounding up, as updatedDesiredNodeCounts uses for
 * both maxSurge and maxUnavailable.
 */
function scaled(v: number | string | undefined, total: number): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  return Math.ceil((Number(m[1]) * total) / 100);
}

export function updateBudget(
  ds: DaemonSet,
  desiredNumberScheduled: number,
): { maxSurge: number; maxUnavailable: number } {
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge, desiredNumberScheduled);
  let maxUnavailable = scaled(ru?.maxUnavailable, desiredNumberScheduled);
  // An impossible configuration falls back to one unavailable pod at a time.
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** findUpdatedPodsOnNode: the node's one new and one old pod; `ok` false when it has two of a kind. */
function findUpdatedPodsOnNode(
  pods: readonly Pod[],
  hash: string,
  generation: number | undefined,
): { ok: boolean; newPod?: Pod; oldPod?: Pod } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(p, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = p;
    } else {
      if (oldPod) return { ok: false };
      oldPod = p;
    }
  }
  return { ok: true, newPod, oldPod };
}

/**
 * update.go rollingUpdate (maxSurge 0): old pods that are not available are replaced at once;
 * available ones only while fewer than maxUnavailable daemon pods are unavailable. Returns the
 * old pods to delete; the next sync creates their replacements.
 */
export function rollingUpdatePodsToDelete(
  ds: DaemonSet,
  nodeToDaemonPods: ReadonlyMap<string, Pod[]>,
  hash: string,
  maxUnavailable: number,
  nowMs: number,
): string[] {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const generation = ds.metadata?.generation;
  let numUnavailable = 0;
  const allowedReplacement: string[] = [];
  const candidates: string[] = [];
  // Upstream ranges over a Go map (random order); KubeSim goes node by node, by name.
  for (const nodeName of [...nodeToDaemonPods.keys()].sort()) {
    const r = findUpdatedPodsOnNode(nodeToDaemonPods.get(nodeName)!, hash, generation);
    if (!r.ok) {
      numUnavailable++;
      continue;
    }
    const { newPod, oldPod } = r;
    if ((!oldPod && !newPod) || (oldPod && newPod)) numUnavailable++;
    else if (newPod) {
      if (!isPodAvailable(newPod, minReady, nowMs)) numUnavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, nowMs)) allowedReplacement.push(oldPod.metadata!.name!);
      else if (numUnavailable < maxUnavailable) candidates.push(oldPod.metadata!.name!);
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - numUnavailable), candidates.length);
  return [...allowedReplacement, ...candidates.slice(0, remaining)];
}
