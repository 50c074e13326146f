import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/object';
import { replicasOf } from './fenceposts';
import { syncRolloutStatus } from './progress';
import { actualReplicas, deploymentComplete, filterActive } from './replica-sets';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './sync';
import type { SyncContext } from './sync-context';

/**
 * rolloutRecreate: every old pod goes first; the new ReplicaSet is created and scaled up only once
 * no old pod is left running (terminating ones included), so two versions never run together.
 */
export function rolloutRecreate(ctx: SyncContext, d: Mutable<Deployment>, rsList: ReplicaSet[]): void {
  let { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let all = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs))
    if (scaleReplicaSetAndRecordEvent(ctx, rs, 0, d).scaled) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(ctx, all, newRS, d);
  if (oldPodsRunning(ctx, newRS, oldRSs)) return syncRolloutStatus(ctx, all, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
    all = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(ctx, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, all, newRS, d);
}

/** oldPodsRunning: any old pod not Succeeded or Failed still counts, even while terminating. */
function oldPodsRunning(ctx: SyncContext, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
  if (actualReplicas(oldRSs) > 0) return true;
  for (const rs of oldRSs) {
    if (newRS && rs.metadata?.uid === newRS.metadata?.uid) continue;
    for (const pod of ctx.podsOf(rs.metadata!.uid!)) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
