import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import { toKube } from '../../api/object';
import { labelSelectorRequirements, matchesLabels } from '../../apiserver/selectors';
import type { Client } from '../../client/clientset';
import { EventRecorder } from '../../client/event-recorder';
import { objectKey, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { SYNC_WINDOW_MS, WorkQueue } from '../../client/workqueue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import { controllerOf, ControllerRefManager, newControllerRef } from './controller-ref';
import { ControllerExpectations } from './expectations';
import { podsToDelete } from './pod-ranking';
import { isPodActive, isPodAvailable, isPodReady } from './pod-state';
import { podFromTemplate } from './pod-template';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from './slow-start';

/** kube-controller-manager's replicaset burst: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

/** Index of pods by the uid of their controller, orphans under `_ORPHAN_POD/<namespace>`. */
export const POD_CONTROLLER_UID_INDEX = 'podControllerUID';
const ORPHAN_POD_INDEX_KEY = '_ORPHAN_POD';

export function podControllerIndexKeys(pod: KubeObject): string[] {
  const ref = controllerOf(pod);
  return ref ? [ref.uid] : [`${ORPHAN_POD_INDEX_KEY}/${pod.metadata?.namespace ?? ''}`];
}

/** Adds the pod index the replicaset and deployment controllers share (AddPodControllerUIDIndexer). */
export function podsIndexedByController(informers: InformerFactory): Informer {
  return informers.informer('pods').addIndexer(POD_CONTROLLER_UID_INDEX, podControllerIndexKeys);
}

/** Pods whose controller is `uid` (FilterPodsByOwner without orphans). */
export function podsOwnedBy(pods: Informer, uid: string): Pod[] {
  return pods.byIndex(POD_CONTROLLER_UID_INDEX, uid) as Pod[];
}

/**
 * pkg/controller/replicaset: keeps `spec.replicas` pods that match the selector and are controlled
 * by the ReplicaSet. It creates from the template in slow-start batches, deletes the pods that
 * hurt least to lose, adopts matching orphans and releases pods that stopped matching, and never
 * acts twice on the same stale view (expectations).
 */
export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private readonly queue: WorkQueue;
  private readonly expectations: ControllerExpectations;
  private readonly recorder: EventRecorder;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    informers: InformerFactory,
  ) {
    this.queue = new WorkQueue(engine, this.name, (key) => this.sync(key)).throttle(SYNC_WINDOW_MS);
    this.expectations = new ControllerExpectations(() => this.engine.now);
    this.recorder = new EventRecorder(engine, client, 'replicaset-controller');
    this.rsInformer = informers.informer('replicasets', 'apps');
    this.podInformer = podsIndexedByController(informers);
  }

  setup(): void {
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (_old, rs) => this.enqueue(rs),
      onDelete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.enqueue(rs);
      },
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod as Pod),
      onUpdate: (old, cur) => this.updatePod(old as Pod, cur as Pod),
      onDelete: (pod) => this.deletePod(pod as Pod),
    });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private get nowMs(): number {
    return this.engine.epochMs + this.engine.now;
  }

  private enqueue(rs: KubeObject): void {
    this.queue.add(objectKey(rs));
  }

  // ------------------------------------------------------------ event handlers

  /** resolveControllerRef: the ReplicaSet a controllerRef points at, if it is still that one. */
  private resolve(namespace: string | undefined, pod: KubeObject): ReplicaSet | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInformer.get(`${namespace}/${ref.name}`);
    return rs && rs.metadata?.uid === ref.uid ? (rs as ReplicaSet) : undefined;
  }

  /** getPodReplicaSets: ReplicaSets whose selector matches an orphan (candidates to adopt it). */
  private replicaSetsSelecting(pod: Pod): ReplicaSet[] {
    const labels = pod.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    return (this.rsInformer.byIndex('namespace', pod.metadata?.namespace ?? '') as ReplicaSet[]).filter(
      (rs) => {
        const reqs = labelSelectorRequirements(rs.spec?.selector);
        return reqs.length > 0 && matchesLabels(reqs, labels);
      },
    );
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    if (controllerOf(toKube(pod))) {
      const rs = this.resolve(pod.metadata?.namespace, toKube(pod));
      if (!rs) return;
      this.expectations.creationObserved(objectKey(toKube(rs)));
      this.enqueue(toKube(rs));
      return;
    }
    for (const rs of this.replicaSetsSelecting(pod)) this.enqueue(toKube(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelChanged = JSON.stringify(old.metadata?.labels) !== JSON.stringify(cur.metadata?.labels);
    if (cur.metadata?.deletionTimestamp) {
      // A graceful delete shows first as a deletionTimestamp: replace the pod now, not when it is gone.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerOf(toKube(cur));
    const oldRef = controllerOf(toKube(old));
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const rs = this.resolve(old.metadata?.namespace, toKube(old));
      if (rs) this.enqueue(toKube(rs));
    }
    if (curRef) {
      const rs = this.resolve(cur.metadata?.namespace, toKube(cur));
      if (!rs) return;
      this.enqueue(toKube(rs));
      const minReady = rs.spec?.minReadySeconds ?? 0;
      // The pod becomes available minReadySeconds after Ready; a second more avoids clock skew.
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0)
        this.queue.addAfter(objectKey(toKube(rs)), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.replicaSetsSelecting(cur)) this.enqueue(toKube(rs));
  }

  private deletePod(pod: Pod): void {
    const rs = this.resolve(pod.metadata?.namespace, toKube(pod));
    if (!rs) return;
    const key = objectKey(toKube(rs));
    this.expectations.deletionObserved(key, objectKey(toKube(pod)));
    this.queue.add(key);
  }

  // ------------------------------------------------------------ sync

  private sync(key: string): void | 'requeue' {
    const cached = this.rsInformer.get(key) as ReplicaSet | undefined;
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = structuredClone(cached) as Mutable<ReplicaSet>;
    const needsSync = this.expectations.satisfied(key);
    const selector = labelSelectorRequirements(rs.spec?.selector);
    const ns = rs.metadata!.namespace!;
    const candidates = [
      ...podsOwnedBy(this.podInformer, rs.metadata!.uid!),
      ...(this.podInformer.byIndex(POD_CONTROLLER_UID_INDEX, `${ORPHAN_POD_INDEX_KEY}/${ns}`) as Pod[]),
    ].filter(isPodActive);
    const manager = new ControllerRefManager(
      this.client,
      toKube(rs),
      'apps/v1',
      'ReplicaSet',
      selector,
      { resource: 'pods' },
      () => this.canAdopt(rs),
    );
    const { claimed, error: claimError } = manager.claim(candidates.map(toKube));
    if (claimError) return 'requeue';
    const pods = claimed as Pod[];
    let manageError: string | undefined;
    if (needsSync && !rs.metadata?.deletionTimestamp) manageError = this.manageReplicas(pods, rs, key);
    const status = this.calculateStatus(rs, pods, manageError);
    const updated = this.updateStatus(rs, status);
    if (!updated) return 'requeue';
    const replicas = updated.spec?.replicas ?? 1;
    const minReady = updated.spec?.minReadySeconds ?? 0;
    if (
      !manageError &&
      minReady > 0 &&
      (updated.status?.readyReplicas ?? 0) === replicas &&
      (updated.status?.availableReplicas ?? 0) !== replicas
    )
      this.queue.addAfter(key, minReady * 1000);
    return manageError ? 'requeue' : undefined;
  }

  /** RecheckDeletionTimestamp: adopt only for a ReplicaSet that still exists and is not being deleted. */
  private canAdopt(rs: ReplicaSet): boolean {
    const r = this.client.get(
      { resource: 'replicasets', group: 'apps', namespace: rs.metadata?.namespace },
      rs.metadata!.name!,
    );
    return r.ok && r.object.metadata?.uid === rs.metadata?.uid && !r.object.metadata?.deletionTimestamp;
  }

  /** manageReplicas: create or delete the difference, at most BURST_REPLICAS at a time. */
  private manageReplicas(pods: Pod[], rs: ReplicaSet, key: string): string | undefined {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const n = Math.min(-diff, BURST_REPLICAS);
      // Expect them all before the first request: watch events for early pods may arrive mid-batch.
      this.expectations.expectCreations(key, n);
      const ref = newControllerRef(toKube(rs), 'apps/v1', 'ReplicaSet');
      const { successes, error } = slowStartBatch(n, SLOW_START_INITIAL_BATCH_SIZE, () =>
        this.createPod(rs, ref),
      );
      // Pods never asked for will never be observed; stop waiting for them.
      for (let i = 0; i < n - successes; i++) this.expectations.creationObserved(key);
      return error;
    }
    if (diff > 0) {
      const n = Math.min(diff, BURST_REPLICAS);
      const victims = podsToDelete(pods, this.relatedPods(rs), n, this.nowMs);
      this.expectations.expectDeletions(
        key,
        victims.map((p) => objectKey(toKube(p))),
      );
      let firstError: string | undefined;
      for (const pod of victims) {
        const err = this.deletePodOf(rs, pod);
        if (err) {
          this.expectations.deletionObserved(key, objectKey(toKube(pod)));
          firstError ??= err;
        }
      }
      return firstError;
    }
    return undefined;
  }

  /** RealPodControl.CreatePods, with its events. */
  private createPod(rs: ReplicaSet, ref: ReturnType<typeof newControllerRef>): string | undefined {
    const template = rs.spec?.template ?? {};
    const pod = podFromTemplate(template, rs.metadata!.name!, rs.metadata!.namespace!, ref);
    if (Object.keys(pod.metadata?.labels ?? {}).length === 0) {
      const msg = 'unable to create pods, no labels';
      this.recorder.event(toKube(rs), 'Warning', 'FailedCreate', `Error creating: ${msg}`);
      return msg;
    }
    const r = this.client.create({ resource: 'pods', namespace: rs.metadata!.namespace }, toKube(pod));
    if (!r.ok) {
      // A terminating namespace refuses every create; that is not the ReplicaSet's failure.
      if (r.error.status.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) return undefined;
      this.recorder.event(toKube(rs), 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`);
      return r.error.message;
    }
    this.recorder.event(toKube(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${r.object.metadata?.name}`);
    return undefined;
  }

  private deletePodOf(rs: ReplicaSet, pod: Pod): string | undefined {
    const r = this.client.delete(
      { resource: 'pods', namespace: pod.metadata?.namespace },
      pod.metadata!.name!,
      {},
    );
    if (!r.ok) {
      if (r.error.code === 404) return undefined;
      this.recorder.event(toKube(rs), 'Warning', 'FailedDelete', `Error deleting: ${r.error.message}`);
      return r.error.message;
    }
    this.recorder.event(toKube(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
    return undefined;
  }

  /**
   * getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller (the Deployment's
   * other revisions), so scale-down prefers nodes where the app is doubled up.
   */
  private relatedPods(rs: ReplicaSet): Pod[] {
    const owner = controllerOf(toKube(rs));
    const siblings = owner
      ? (this.rsInformer.byIndex('namespace', rs.metadata?.namespace ?? '') as ReplicaSet[]).filter(
          (o) => controllerOf(toKube(o))?.uid === owner.uid,
        )
      : [rs];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const sib of siblings)
      for (const p of podsOwnedBy(this.podInformer, sib.metadata!.uid!)) {
        const k = p.metadata!.uid!;
        if (!seen.has(k)) {
          seen.add(k);
          out.push(p);
        }
      }
    return out;
  }

  /** replica_set_utils calculateStatus. */
  private calculateStatus(rs: ReplicaSet, pods: Pod[], manageError: string | undefined): ReplicaSetStatus {
    const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
    const minReady = rs.spec?.minReadySeconds ?? 0;
    let fullyLabeled = 0;
    let ready = 0;
    let available = 0;
    for (const pod of pods) {
      const labels = pod.metadata?.labels ?? {};
      if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
      if (isPodReady(pod)) {
        ready++;
        if (isPodAvailable(pod, minReady, this.nowMs)) available++;
      }
    }
    let conditions: ReplicaSetCondition[] = [...(rs.status?.conditions ?? [])];
    const failure = conditions.find((c) => c.type === 'ReplicaFailure');
    if (manageError && !failure) {
      const diff = pods.length - (rs.spec?.replicas ?? 1);
      conditions.push({
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: this.engine.timestamp(),
        reason: diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '',
        message: manageError,
      });
    } else if (!manageError && failure) conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
    return {
      replicas: pods.length,
      fullyLabeledReplicas: fullyLabeled,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration: rs.status?.observedGeneration,
      ...(conditions.length > 0 ? { conditions } : {}),
    };
  }

  /** updateReplicaSetStatus: skip a no-op write; on a conflict, read fresh and try once more. */
  private updateStatus(rs: Mutable<ReplicaSet>, status: ReplicaSetStatus): ReplicaSet | undefined {
    const cur: ReplicaSetStatus = rs.status ?? { replicas: 0 };
    const generation = rs.metadata?.generation ?? 0;
    if (
      (cur.replicas ?? 0) === status.replicas &&
      (cur.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (cur.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (cur.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      (cur.observedGeneration ?? 0) === generation &&
      JSON.stringify(cur.conditions ?? []) === JSON.stringify(status.conditions ?? [])
    )
      return rs;
    let target: Mutable<ReplicaSet> = rs;
    for (let attempt = 0; attempt < 2; attempt++) {
      target.status = omitZero({ ...status, observedGeneration: target.metadata?.generation ?? 0 });
      const t = { resource: 'replicasets', group: 'apps', namespace: rs.metadata?.namespace };
      const r = this.client.updateStatus(t, toKube(target));
      if (r.ok) return r.object as ReplicaSet;
      if (r.error.code === 404) return undefined;
      const fresh = this.client.get(t, rs.metadata!.name!);
      if (!fresh.ok) return undefined;
      target = fresh.object as Mutable<ReplicaSet>;
    }
    return undefined;
  }
}

/** Go's `omitempty`: status counters at zero are left out of the JSON (`replicas` is not omitempty). */
function omitZero(s: ReplicaSetStatus): Mutable<ReplicaSetStatus> {
  const out: Mutable<ReplicaSetStatus> = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = structuredClone(s.conditions) as Mutable<ReplicaSetCondition>[];
  return out;
}
