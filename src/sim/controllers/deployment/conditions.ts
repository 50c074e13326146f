import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/object';

/** Reasons of deploymentutil, as `kubectl describe` and `rollout status` show them. */
export const REASONS = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  failedRSCreate: 'ReplicaSetCreateError',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
} as const;

export type Condition = Mutable<DeploymentCondition>;
export type Status = Mutable<DeploymentStatus>;

export function newCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason: string,
  message: string,
  now: string,
): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type) as Condition | undefined;
}

/**
 * SetDeploymentCondition: same status and reason is no change at all (not even lastUpdateTime);
 * same status keeps the old lastTransitionTime.
 */
export function setCondition(status: Status, condition: Condition): void {
  const cur = getCondition(status, condition.type);
  if (cur && cur.status === condition.status && cur.reason === condition.reason) return;
  if (cur && cur.status === condition.status) condition.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: Status, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length > 0) status.conditions = rest;
  else delete status.conditions;
}
