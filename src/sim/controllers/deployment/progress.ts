import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/object';
import {
  getCondition,
  newCondition,
  REASONS,
  removeCondition,
  setCondition,
  type Condition,
} from './conditions';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
} from './replica-sets';
import { calculateStatus, sameStatus } from './sync';
import { updateDeploymentStatus, type SyncContext } from './sync-context';
import type { Status } from './conditions';

/**
 * syncRolloutStatus (progress.go): the status of a rollout, with Progressing telling whether it
 * moved (ReplicaSetUpdated), finished (NewReplicaSetAvailable) or ran past its deadline
 * (ProgressDeadlineExceeded), and the ReplicaSets' ReplicaFailure surfaced on the Deployment.
 */
export function syncRolloutStatus(
  ctx: SyncContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Mutable<Deployment>,
): void {
  const next = calculateStatus(ctx, allRSs, newRS, d);
  if (!hasProgressDeadline(d)) removeCondition(next, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  // A finished rollout being resynced has nothing to estimate.
  const isComplete =
    (next.replicas ?? 0) === (next.updatedReplicas ?? 0) && current?.reason === REASONS.newRSAvailable;
  if (hasProgressDeadline(d) && !isComplete) {
    const now = ctx.timestamp();
    const rsName = newRS?.metadata?.name;
    if (deploymentComplete(d, next)) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" has successfully progressed.`
        : `Deployment "${d.metadata?.name}" has successfully progressed.`;
      setCondition(next, newCondition('Progressing', 'True', REASONS.newRSAvailable, msg, now));
    } else if (deploymentProgressing(d, next)) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" is progressing.`
        : `Deployment "${d.metadata?.name}" is progressing.`;
      const c = newCondition('Progressing', 'True', REASONS.rsUpdated, msg, now);
      // Progress refreshes lastUpdateTime even with the same reason, which setCondition would skip.
      if (current) {
        if (current.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
        removeCondition(next, 'Progressing');
      }
      setCondition(next, c);
    } else if (deploymentTimedOut(d, next, ctx.nowMs())) {
      const msg = rsName
        ? `ReplicaSet "${rsName}" has timed out progressing.`
        : `Deployment "${d.metadata?.name}" has timed out progressing.`;
      setCondition(next, newCondition('Progressing', 'False', REASONS.timedOut, msg, now));
    }
  }
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) setCondition(next, failures[0]);
  else removeCondition(next, 'ReplicaFailure');
  if (sameStatus(d.status, next)) {
    requeueStuckDeployment(ctx, d, next);
    return;
  }
  d.status = next;
  updateDeploymentStatus(ctx, d);
}

/** getReplicaFailures: the new ReplicaSet's failures first, else any old one's. */
function replicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): Condition[] {
  const of = (rs: ReplicaSet): Condition[] =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === 'ReplicaFailure')
      .map((c) => ({
        type: c.type,
        status: c.status,
        lastTransitionTime: c.lastTransitionTime,
        lastUpdateTime: c.lastTransitionTime,
        reason: c.reason,
        message: c.message,
      }));
  if (newRS) {
    const own = of(newRS);
    if (own.length > 0) return own;
  }
  return allRSs.flatMap((rs) => (rs ? of(rs) : []));
}

/**
 * requeueStuckDeployment: nothing will wake a stalled rollout, so check again when its deadline
 * passes (lastUpdateTime + progressDeadlineSeconds, plus a second against clock skew).
 */
function requeueStuckDeployment(ctx: SyncContext, d: Deployment, next: Status): void {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, next) || current.reason === REASONS.timedOut) return;
  const after =
    Date.parse(current.lastUpdateTime ?? '') + d.spec!.progressDeadlineSeconds! * 1000 - ctx.nowMs();
  if (after < 1000) ctx.enqueueRateLimited(d);
  else ctx.enqueueAfter(d, after + 1000);
}
