import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
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
import { controllerOf, ControllerRefManager } from '../replicaset/controller-ref';
import { podsIndexedByController, podsOwnedBy } from '../replicaset/replica-set-controller';
import { DEPRECATED_ROLLBACK_TO } from './annotations';
import { canonicalJson } from './hash';
import { rolloutRecreate } from './recreate';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';
import { DEPLOYMENTS, SyncError, type SyncContext } from './sync-context';

/**
 * pkg/controller/deployment: turns a Deployment into ReplicaSets — one per pod template, named by
 * the template's hash — and moves replicas from the old ones to the new one as the strategy
 * allows. It never touches pods: the replicaset controller does that.
 */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly dInformer: Informer;
  private readonly rsInformer: Informer;
  private readonly podInformer: Informer;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    informers: InformerFactory,
  ) {
    this.queue = new WorkQueue(engine, this.name, (key) => this.syncDeployment(key)).throttle(SYNC_WINDOW_MS);
    this.recorder = new EventRecorder(engine, client, 'deployment-controller');
    this.dInformer = informers.informer('deployments', 'apps');
    this.rsInformer = informers.informer('replicasets', 'apps');
    this.podInformer = podsIndexedByController(informers);
  }

  setup(): void {
    this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, d) => this.enqueue(d),
      onDelete: (d) => this.enqueue(d),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (old, cur) => this.updateReplicaSet(old, cur),
      onDelete: (rs) => {
        const d = this.resolve(rs);
        if (d) this.enqueue(d);
      },
    });
    this.podInformer.addEventHandler({ onDelete: (pod) => this.deletePod(pod as Pod) });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private enqueue(d: KubeObject): void {
    this.queue.add(objectKey(d));
  }

  // ------------------------------------------------------------ event handlers

  private resolve(obj: KubeObject): KubeObject | undefined {
    const ref = controllerOf(obj);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.dInformer.get(`${obj.metadata?.namespace}/${ref.name}`);
    return d && d.metadata?.uid === ref.uid ? d : undefined;
  }

  /** getDeploymentsForReplicaSet: Deployments whose selector matches an orphan ReplicaSet. */
  private deploymentsSelecting(rs: KubeObject): KubeObject[] {
    const labels = rs.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    return this.dInformer.byIndex('namespace', rs.metadata?.namespace ?? '').filter((d) => {
      const reqs = labelSelectorRequirements((d as Deployment).spec?.selector);
      return reqs.length > 0 && matchesLabels(reqs, labels);
    });
  }

  private addReplicaSet(rs: KubeObject): void {
    if (controllerOf(rs)) {
      const d = this.resolve(rs);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.deploymentsSelecting(rs)) this.enqueue(d);
  }

  private updateReplicaSet(old: KubeObject, cur: KubeObject): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = JSON.stringify(curRef) !== JSON.stringify(oldRef);
    if (refChanged && oldRef) {
      const d = this.resolve(old);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolve(cur);
      if (d) this.enqueue(d);
      return;
    }
    const labelChanged = JSON.stringify(old.metadata?.labels) !== JSON.stringify(cur.metadata?.labels);
    if (labelChanged || refChanged) for (const d of this.deploymentsSelecting(cur)) this.enqueue(d);
  }

  /** A Recreate rollout waits for the last old pod to be gone; its deletion is the signal. */
  private deletePod(pod: Pod): void {
    const rs = this.resolveReplicaSet(toKube(pod));
    if (!rs) return;
    const d = this.resolve(rs) as Deployment | undefined;
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    const rsList = this.ownedReplicaSets(d);
    const remaining = rsList.reduce((n, r) => n + podsOwnedBy(this.podInformer, r.metadata!.uid!).length, 0);
    if (remaining === 0) this.enqueue(toKube(d));
  }

  private resolveReplicaSet(pod: KubeObject): KubeObject | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.rsInformer.get(`${pod.metadata?.namespace}/${ref.name}`);
    return rs && rs.metadata?.uid === ref.uid ? rs : undefined;
  }

  private ownedReplicaSets(d: Deployment): ReplicaSet[] {
    return this.rsInformer
      .byIndex('namespace', d.metadata?.namespace ?? '')
      .filter((rs) => controllerOf(rs)?.uid === d.metadata?.uid) as ReplicaSet[];
  }

  // ------------------------------------------------------------ sync

  private context(d: Deployment): SyncContext {
    return {
      client: this.client,
      recorder: this.recorder,
      rsInformer: this.rsInformer,
      nowMs: () => this.engine.epochMs + this.engine.now,
      timestamp: () => this.engine.timestamp(),
      podsOf: (uid) => podsOwnedBy(this.podInformer, uid),
      enqueueAfter: (x, ms) => this.queue.addAfter(objectKey(toKube(x)), ms),
      enqueueRateLimited: (x) => this.queue.addRateLimited(objectKey(toKube(x))),
      storedAnnotations: canonicalJson(d.metadata?.annotations ?? {}),
    };
  }

  private syncDeployment(key: string): void | 'requeue' {
    const cached = this.dInformer.get(key) as Deployment | undefined;
    if (!cached) return;
    const d = structuredClone(cached) as Mutable<Deployment>;
    const ctx = this.context(d);
    try {
      const reqs = labelSelectorRequirements(d.spec?.selector);
      if (reqs.length === 0) {
        this.recorder.event(
          toKube(d),
          'Warning',
          'SelectingAll',
          'This deployment is selecting all pods. A non-empty selector is required.',
        );
        if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
          d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation };
          this.client.updateStatus({ ...DEPLOYMENTS, namespace: d.metadata?.namespace }, toKube(d));
        }
        return;
      }
      const rsList = this.getReplicaSetsForDeployment(d, reqs);
      if (d.metadata?.deletionTimestamp) return syncStatusOnly(ctx, d, rsList);
      checkPausedConditions(ctx, d);
      if (d.spec?.paused) return sync(ctx, d, rsList);
      // apps/v1 has no rollbackTo; `kubectl rollout undo` patches the template client-side. An old
      // extensions/v1beta1 annotation asking for one is cleared, as the controller would after acting.
      if (d.metadata?.annotations?.[DEPRECATED_ROLLBACK_TO] !== undefined) {
        delete d.metadata.annotations[DEPRECATED_ROLLBACK_TO];
        const r = this.client.update({ ...DEPLOYMENTS, namespace: d.metadata.namespace }, toKube(d));
        return r.ok ? undefined : 'requeue';
      }
      if (isScalingEvent(ctx, d, rsList)) return sync(ctx, d, rsList);
      switch (d.spec?.strategy?.type) {
        case 'Recreate':
          return rolloutRecreate(ctx, d, rsList);
        case 'RollingUpdate':
          return rolloutRolling(ctx, d, rsList);
      }
      return 'requeue';
    } catch (e) {
      if (e instanceof SyncError) return 'requeue';
      throw e;
    }
  }

  /** getReplicaSetsForDeployment: the ReplicaSets it controls, adopting and releasing by selector. */
  private getReplicaSetsForDeployment(
    d: Deployment,
    reqs: ReturnType<typeof labelSelectorRequirements>,
  ): ReplicaSet[] {
    const all = this.rsInformer.byIndex('namespace', d.metadata?.namespace ?? '');
    const manager = new ControllerRefManager(
      this.client,
      toKube(d),
      'apps/v1',
      'Deployment',
      reqs,
      { resource: 'replicasets', group: 'apps' },
      () => {
        const r = this.client.get({ ...DEPLOYMENTS, namespace: d.metadata?.namespace }, d.metadata!.name!);
        return r.ok && r.object.metadata?.uid === d.metadata?.uid && !r.object.metadata?.deletionTimestamp;
      },
    );
    const { claimed, error } = manager.claim(all);
    if (error) throw new SyncError(error);
    return claimed as ReplicaSet[];
  }
}
