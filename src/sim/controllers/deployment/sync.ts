import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Mutable } from '../../api/object';
import { toKube } from '../../api/object';
import { controllerOf, newControllerRef } from '../replicaset/controller-ref';
import {
  DESIRED_REPLICAS_ANNOTATION,
  intAnnotation,
  maxRevision,
  REVISION_ANNOTATION,
  replicasAnnotationsNeedUpdate,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './annotations';
import { getCondition, newCondition, REASONS, setCondition, type Status } from './conditions';
import { isRollingUpdate, maxSurge, maxUnavailable, replicasOf } from './fenceposts';
import { computeHash } from './hash';
import {
  actualReplicas,
  availableReplicas,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  equalIgnoreHash,
  filterActive,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  getProportion,
  hasProgressDeadline,
  isSaturated,
  newRSNewReplicas,
  POD_TEMPLATE_HASH_LABEL,
  readyReplicas,
  rsReplicas,
  specReplicas,
} from './replica-sets';
import {
  REPLICASETS,
  SyncError,
  updateDeploymentStatus,
  updateReplicaSet,
  type SyncContext,
} from './sync-context';

export interface RolloutState {
  newRS: ReplicaSet | undefined;
  oldRSs: ReplicaSet[];
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and all the old ones. */
export function getAllReplicaSetsAndSyncRevision(
  ctx: SyncContext,
  d: Mutable<Deployment>,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): RolloutState {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

/**
 * getNewReplicaSet: find the ReplicaSet for the current template and bring its revision and
 * annotations up to date, or create `<deployment>-<pod-template-hash>` when there is none.
 */
function getNewReplicaSet(
  ctx: SyncContext,
  d: Mutable<Deployment>,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): ReplicaSet | undefined {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    const rsCopy = structuredClone(existing) as Mutable<ReplicaSet>;
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReady) {
      rsCopy.spec!.minReadySeconds = minReady;
      return updateReplicaSet(ctx, rsCopy);
    }
    // The ReplicaSet's revision is the reliable one; the Deployment copies it.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      const msg = `Found new replica set "${rsCopy.metadata?.name}"`;
      setCondition(status(d), newCondition('Progressing', 'True', REASONS.foundNewRS, msg, ctx.timestamp()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(ctx, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const template = structuredClone(d.spec!.template);
  const hash = computeHash(template, d.status?.collisionCount);
  const labels = { ...(d.spec?.template?.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
  const newRS: Mutable<ReplicaSet> = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      // Deterministic, so a retried create is idempotent and a collision shows as AlreadyExists.
      name: `${d.metadata!.name}-${hash}`,
      namespace: d.metadata!.namespace,
      ownerReferences: [newControllerRef(toKube(d), 'apps/v1', 'Deployment')],
      labels,
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector,
      template,
    },
  };
  const newReplicasCount = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec!.replicas = newReplicasCount;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  const r = ctx.client.create({ ...REPLICASETS, namespace: d.metadata!.namespace }, toKube(newRS));
  let created: ReplicaSet;
  let alreadyExists = false;
  if (r.ok) created = r.object as ReplicaSet;
  else if (r.error.status.reason === 'AlreadyExists') {
    alreadyExists = true;
    const rs = ctx.rsInformer.get(`${d.metadata!.namespace}/${newRS.metadata!.name}`) as
      ReplicaSet | undefined;
    if (!rs) throw new SyncError(r.error.message);
    const ref = controllerOf(toKube(rs));
    if (ref && ref.uid === d.metadata?.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template))
      created = rs;
    else {
      // A different template hashed to the same name: bump collisionCount so the next hash differs.
      status(d).collisionCount = (d.status?.collisionCount ?? 0) + 1;
      try {
        updateDeploymentStatus(ctx, d);
      } catch {
        // The AlreadyExists error below requeues either way.
      }
      throw new SyncError(r.error.message);
    }
  } else {
    if (r.error.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating'))
      throw new SyncError(r.error.message);
    const msg = `Failed to create new replica set "${newRS.metadata!.name}": ${r.error.message}`;
    if (hasProgressDeadline(d)) {
      setCondition(
        status(d),
        newCondition('Progressing', 'False', REASONS.failedRSCreate, msg, ctx.timestamp()),
      );
      try {
        updateDeploymentStatus(ctx, d);
      } catch {
        // Reporting the bigger problem (the failed create) matters more than this write.
      }
    }
    ctx.recorder.event(toKube(d), 'Warning', REASONS.failedRSCreate, msg);
    throw new SyncError(r.error.message);
  }
  if (!alreadyExists && newReplicasCount > 0)
    ctx.recorder.event(
      toKube(d),
      'Normal',
      'ScalingReplicaSet',
      `Scaled up replica set ${created.metadata?.name} from 0 to ${newReplicasCount}`,
    );
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    const msg = `Created new replica set "${created.metadata?.name}"`;
    setCondition(status(d), newCondition('Progressing', 'True', REASONS.newRSCreated, msg, ctx.timestamp()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(ctx, d);
  return created;
}

export function status(d: Mutable<Deployment>): Status {
  return (d.status ??= {});
}

/** SetDeploymentRevision. */
function setDeploymentRevision(d: Mutable<Deployment>, revision: string): boolean {
  const ann = (d.metadata!.annotations ??= {});
  if (ann[REVISION_ANNOTATION] === revision) return false;
  ann[REVISION_ANNOTATION] = revision;
  return true;
}

/** scaleReplicaSetAndRecordEvent. */
export function scaleReplicaSetAndRecordEvent(
  ctx: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
): { scaled: boolean; rs: ReplicaSet } {
  if (rsReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d, rsReplicas(rs) < newScale ? 'up' : 'down');
}

/** scaleReplicaSet: sets replicas and the desired/max annotations, and says so in an event. */
function scaleReplicaSet(
  ctx: SyncContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  operation: string,
): { scaled: boolean; rs: ReplicaSet } {
  const sizeNeedsUpdate = rsReplicas(rs) !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = rsReplicas(rs);
  const copy = structuredClone(rs) as Mutable<ReplicaSet>;
  copy.spec!.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const updated = updateReplicaSet(ctx, copy);
  if (sizeNeedsUpdate)
    ctx.recorder.event(
      toKube(d),
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${operation} replica set ${updated.metadata?.name} from ${oldScale} to ${newScale}`,
    );
  return { scaled: sizeNeedsUpdate, rs: updated };
}

/**
 * scale: a change of `spec.replicas` mid-rollout (or while paused) is spread over the active
 * ReplicaSets in proportion to their size, so the rollout's shape survives the scaling.
 */
function scale(ctx: SyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (rsReplicas(activeOrLatest) === replicasOf(d)) return;
    scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = filterActive([...oldRSs, newRS]);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(all);
  let operation = '';
  if (toAdd > 0) {
    all.sort(bySizeNewer);
    operation = 'up';
  } else if (toAdd < 0) {
    all.sort(bySizeOlder);
    operation = 'down';
  }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = getProportion(rs, d, toAdd, added);
      sizes.set(rs.metadata!.name!, rsReplicas(rs) + p);
      added += p;
    } else sizes.set(rs.metadata!.name!, rsReplicas(rs));
  }
  all.forEach((rs, i) => {
    const name = rs.metadata!.name!;
    // The leftover goes to the largest ReplicaSet.
    if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
    scaleReplicaSet(ctx, rs, sizes.get(name)!, d, operation);
  });
}

/** cleanupDeployment: keep revisionHistoryLimit old ReplicaSets, deleting the oldest idle ones. */
export function cleanupDeployment(ctx: SyncContext, oldRSs: ReplicaSet[], d: Deployment): void {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - limit;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    // Never one that still has pods, or whose last scale-down its controller has not seen yet.
    if (
      (rs.status?.replicas ?? 0) !== 0 ||
      rsReplicas(rs) !== 0 ||
      (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) ||
      rs.metadata?.deletionTimestamp
    )
      continue;
    const r = ctx.client.delete({ ...REPLICASETS, namespace: rs.metadata?.namespace }, rs.metadata!.name!);
    if (!r.ok && r.error.code !== 404) throw new SyncError(r.error.message);
  }
}

/** Go's `omitempty` for the status counters. */
function withoutZeros(s: Status): Status {
  const out: Status = {};
  for (const k of [
    'observedGeneration',
    'replicas',
    'updatedReplicas',
    'readyReplicas',
    'availableReplicas',
    'unavailableReplicas',
  ] as const)
    if (s[k]) out[k] = s[k];
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}

/** calculateStatus: the counts from the ReplicaSets' statuses, and the Available condition. */
export function calculateStatus(
  ctx: SyncContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Status {
  const available = availableReplicas(allRSs);
  const total = specReplicas(allRSs);
  const s: Status = {
    observedGeneration: d.metadata?.generation,
    replicas: actualReplicas(allRSs),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(allRSs),
    availableReplicas: available,
    // Negative while scaling down with more available than desired: report none missing.
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: d.status?.collisionCount,
    conditions: structuredClone(d.status?.conditions ?? []) as Status['conditions'],
  };
  const now = ctx.timestamp();
  if (available >= replicasOf(d) - maxUnavailable(d))
    setCondition(
      s,
      newCondition(
        'Available',
        'True',
        REASONS.minimumAvailable,
        'Deployment has minimum availability.',
        now,
      ),
    );
  else
    setCondition(
      s,
      newCondition(
        'Available',
        'False',
        REASONS.minimumUnavailable,
        'Deployment does not have minimum availability.',
        now,
      ),
    );
  return withoutZeros(s);
}

export function sameStatus(a: Status | undefined, b: Status): boolean {
  return JSON.stringify(withoutZeros(a ?? {})) === JSON.stringify(withoutZeros(b));
}

/** syncDeploymentStatus: write the status only when it changed. */
function syncDeploymentStatus(
  ctx: SyncContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Mutable<Deployment>,
): void {
  const next = calculateStatus(ctx, allRSs, newRS, d);
  if (sameStatus(d.status, next)) return;
  d.status = next;
  updateDeploymentStatus(ctx, d);
}

/** syncStatusOnly: a Deployment being deleted only reports. */
export function syncStatusOnly(ctx: SyncContext, d: Mutable<Deployment>, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** sync: scaling events and paused Deployments resize ReplicaSets without rolling anything out. */
export function sync(ctx: SyncContext, d: Mutable<Deployment>, rsList: ReplicaSet[]): void {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  scale(ctx, d, newRS, oldRSs);
  if (d.spec?.paused) cleanupDeployment(ctx, oldRSs, d);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/** isScalingEvent: an active ReplicaSet was sized for a different `spec.replicas`. */
export function isScalingEvent(ctx: SyncContext, d: Mutable<Deployment>, rsList: ReplicaSet[]): boolean {
  const { newRS, oldRSs } = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  for (const rs of filterActive([...oldRSs, newRS])) {
    const desired = intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
    if (desired !== undefined && desired !== replicasOf(d)) return true;
  }
  return false;
}

/**
 * checkPausedConditions: Progressing becomes Unknown/DeploymentPaused while paused, so the time
 * spent paused never counts against the progress deadline.
 */
export function checkPausedConditions(ctx: SyncContext, d: Mutable<Deployment>): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === REASONS.timedOut) return;
  const pausedExists = cond?.reason === REASONS.paused;
  let c;
  if (d.spec?.paused && !pausedExists)
    c = newCondition('Progressing', 'Unknown', REASONS.paused, 'Deployment is paused', ctx.timestamp());
  else if (!d.spec?.paused && pausedExists)
    c = newCondition('Progressing', 'Unknown', REASONS.resumed, 'Deployment is resumed', ctx.timestamp());
  if (!c) return;
  setCondition(status(d), c);
  updateDeploymentStatus(ctx, d);
}
