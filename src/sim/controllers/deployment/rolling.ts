import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/object';
import { maxUnavailable, replicasOf } from './fenceposts';
import { syncRolloutStatus } from './progress';
import {
  availableReplicas,
  byCreation,
  deploymentComplete,
  filterActive,
  newRSNewReplicas,
  rsReplicas,
  specReplicas,
} from './replica-sets';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import { SyncError, type SyncContext } from './sync-context';

/**
 * rolloutRolling: one step per sync — grow the new ReplicaSet within maxSurge, or else shrink the
 * old ones within maxUnavailable — then report. Each step's effect comes back through the watch
 * and triggers the next.
 */
export function rolloutRolling(ctx: SyncContext, d: Mutable<Deployment>, rsList: ReplicaSet[]): void {
  const state = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const newRS = state.newRS!;
  const oldRSs = state.oldRSs;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(ctx, all, newRS, d)) return syncRolloutStatus(ctx, all, newRS, d);
  if (reconcileOldReplicaSets(ctx, all, filterActive(oldRSs), newRS, d))
    return syncRolloutStatus(ctx, all, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, all, newRS, d);
}

function reconcileNewReplicaSet(
  ctx: SyncContext,
  all: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  const replicas = replicasOf(d);
  if (rsReplicas(newRS) === replicas) return false;
  if (rsReplicas(newRS) > replicas) return scaleReplicaSetAndRecordEvent(ctx, newRS, replicas, d).scaled;
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, all, newRS), d).scaled;
}

/**
 * reconcileOldReplicaSets: maxScaledDown = allPods − minAvailable − newRSUnavailable, so the new
 * ReplicaSet's unready pods are never paid for with old ready ones.
 */
function reconcileOldReplicaSets(
  ctx: SyncContext,
  all: ReplicaSet[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): boolean {
  if (specReplicas(oldRSs) === 0) return false;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newRSUnavailable;
  if (maxScaledDown <= 0) return false;
  let cleaned: { rss: ReplicaSet[]; count: number };
  let scaledDown: number;
  try {
    cleaned = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
    scaledDown = scaleDownOldReplicaSetsForRollingUpdate(ctx, [...cleaned.rss, newRS], cleaned.rss, d);
  } catch (e) {
    // Upstream swallows these errors here and lets the status sync go on.
    if (e instanceof SyncError) return false;
    throw e;
  }
  return cleaned.count + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: scaling away old pods that are not available costs no availability. */
function cleanupUnhealthyReplicas(
  ctx: SyncContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanup: number,
): { rss: ReplicaSet[]; count: number } {
  const rss = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < rss.length; i++) {
    if (total >= maxCleanup) break;
    const rs = rss[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (rsReplicas(rs) === 0 || rsReplicas(rs) === available) continue;
    const down = Math.min(maxCleanup - total, rsReplicas(rs) - available);
    rss[i] = scaleReplicaSetAndRecordEvent(ctx, rs, rsReplicas(rs) - down, d).rs;
    total += down;
  }
  return { rss, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: only what is available beyond minAvailable, oldest first. */
function scaleDownOldReplicaSetsForRollingUpdate(
  ctx: SyncContext,
  all: ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicas(all);
  if (available <= minAvailable) return 0;
  const target = available - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreation)) {
    if (total >= target) break;
    if (rsReplicas(rs) === 0) continue;
    const down = Math.min(rsReplicas(rs), target - total);
    scaleReplicaSetAndRecordEvent(ctx, rs, rsReplicas(rs) - down, d);
    total += down;
  }
  return total;
}
