import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { Client } from '../../client/clientset';
import { EventRecorder } from '../../client/event-recorder';
import { byNodeName, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { WorkQueue } from '../../client/workqueue';
import type { ScheduledEvent } from '../../engine/event-queue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import { getMatchingTolerations } from './taints';

function noExecuteTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** getMinTolerationTime: the shortest tolerationSeconds, 0 for none or ≤ 0, -1 for forever. */
export function minTolerationTimeMs(tolerations: readonly Toleration[]): number {
  if (tolerations.length === 0) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}

/** One scheduled deletion (TimedWorker); `undefined` marks a deletion already carried out. */
interface TimedWorker {
  createdAt: number;
  fireAt: number;
  timer: ScheduledEvent;
}

/**
 * pkg/controller/tainteviction (its own controller in kube-controller-manager since v1.29): pods
 * on a node with a NoExecute taint they do not tolerate are deleted at once; those tolerating it
 * for `tolerationSeconds` are deleted when that runs out, unless the taint goes first.
 */
export class TaintEvictionController implements Controller {
  readonly name = 'taint-eviction-controller';
  private readonly nodes: Informer;
  private readonly pods: Informer;
  private readonly recorder: EventRecorder;
  private readonly nodeQueue: WorkQueue;
  private readonly podQueue: WorkQueue;
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly workers = new Map<string, TimedWorker | undefined>();
  /** The node each queued pod key was on when queued (upstream keys its pod queue by node too). */
  private readonly podNode = new Map<string, string>();

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    informers: InformerFactory,
  ) {
    this.nodes = informers.informer('nodes');
    this.pods = informers.informer('pods');
    this.recorder = new EventRecorder(engine, client, this.name);
    this.nodeQueue = new WorkQueue(engine, `${this.name}-nodes`, (n) => this.handleNodeUpdate(n));
    this.podQueue = new WorkQueue(engine, `${this.name}-pods`, (k) => this.handlePodUpdate(k));
  }

  setup(): void {
    this.pods.addIndexer('nodeName', byNodeName);
    this.pods.addEventHandler({
      onAdd: (p) => this.podUpdated(undefined, p as Pod),
      onUpdate: (o, p) => this.podUpdated(o as Pod, p as Pod),
      onDelete: (p) => this.podUpdated(p as Pod, undefined),
    });
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeUpdated(undefined, n as Node),
      onUpdate: (o, n) => this.nodeUpdated(o as Node, n as Node),
      onDelete: (n) => this.nodeUpdated(n as Node, undefined),
    });
  }

  pause(): void {
    this.nodeQueue.pause();
    this.podQueue.pause();
  }

  resume(): void {
    this.nodeQueue.resume();
    this.podQueue.resume();
  }

  private podUpdated(old: Pod | undefined, pod: Pod | undefined): void {
    const cur = pod ?? old!;
    if (
      old &&
      pod &&
      old.spec?.nodeName === pod.spec?.nodeName &&
      JSON.stringify(old.spec?.tolerations ?? []) === JSON.stringify(pod.spec?.tolerations ?? [])
    )
      return;
    const key = `${cur.metadata!.namespace}/${cur.metadata!.name}`;
    this.podNode.set(key, cur.spec?.nodeName ?? '');
    this.podQueue.add(key);
  }

  private nodeUpdated(old: Node | undefined, node: Node | undefined): void {
    if (old && node && JSON.stringify(noExecuteTaints(old)) === JSON.stringify(noExecuteTaints(node))) return;
    this.nodeQueue.add((node ?? old)!.metadata!.name!);
  }

  private handlePodUpdate(key: string): void {
    const queuedNode = this.podNode.get(key);
    this.podNode.delete(key);
    const pod = this.pods.get(key) as Pod | undefined;
    if (!pod) {
      this.cancelWorkWithEvent(key);
      return;
    }
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || (queuedNode !== undefined && nodeName !== queuedNode)) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(key, pod.spec?.tolerations ?? [], taints, this.engine.now);
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get(nodeName) as Node | undefined;
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.pods.byIndex('nodeName', nodeName) as Pod[];
    if (pods.length === 0) return;
    const now = this.engine.now;
    for (const pod of pods) {
      const key = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
      if (taints.length === 0) this.cancelWorkWithEvent(key);
      else this.processPodOnNode(key, pod.spec?.tolerations ?? [], taints, now);
    }
  }

  private processPodOnNode(
    key: string,
    tolerations: readonly Toleration[],
    taints: Taint[],
    now: number,
  ): void {
    if (taints.length === 0) this.cancelWorkWithEvent(key);
    const { allTolerated, used } = getMatchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancelWorkWithEvent(key);
      this.addWork(key, now, now);
      return;
    }
    const min = minTolerationTimeMs(used);
    if (min < 0) {
      this.cancelWorkWithEvent(key);
      return;
    }
    let start = now;
    const trigger = now + min;
    const scheduled = this.workers.get(key);
    if (scheduled) {
      start = scheduled.createdAt;
      if (start + min < trigger) return;
      this.cancelWorkWithEvent(key);
    }
    this.addWork(key, start, start + min);
  }

  /** TimedWorkerQueue.AddWork: a key already scheduled (or already carried out) is not scheduled again. */
  private addWork(key: string, createdAt: number, fireAt: number): void {
    if (this.workers.has(key)) return;
    const timer = this.engine.schedule(
      Math.max(0, fireAt - this.engine.now),
      `${this.name} evict ${key}`,
      () => this.fire(key),
    );
    this.workers.set(key, { createdAt, fireAt, timer });
  }

  private cancelWorkWithEvent(key: string): void {
    if (!this.workers.has(key)) return;
    const w = this.workers.get(key);
    this.workers.delete(key);
    if (!w) return;
    this.engine.cancel(w.timer);
    this.podEvent(key, `Cancelling deletion of Pod ${key}`);
  }

  private fire(key: string): void {
    this.podEvent(key, `Marking for deletion Pod ${key}`);
    const [namespace, name] = key.split('/');
    let ok = false;
    for (let i = 0; i < 5 && !ok; i++) ok = this.addConditionAndDeletePod(namespace, name);
    // A carried-out deletion keeps its key so later updates do not schedule it twice.
    if (ok) this.workers.set(key, undefined);
    else this.workers.delete(key);
  }

  /** The DisruptionTarget condition tells the pod's owner why it went, then the pod is deleted. */
  private addConditionAndDeletePod(namespace: string, name: string): boolean {
    const got = this.client.get({ resource: 'pods', namespace }, name);
    if (!got.ok) return got.error.code === 404;
    const pod = got.object as Pod;
    const has = pod.status?.conditions?.some(
      (c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'DeletionByTaintManager',
    );
    if (!has) {
      const r = this.client.patch(
        { resource: 'pods', namespace },
        name,
        'application/strategic-merge-patch+json',
        {
          status: {
            conditions: [
              {
                type: 'DisruptionTarget',
                status: 'True',
                reason: 'DeletionByTaintManager',
                message: 'Taint manager: deleting due to NoExecute taint',
                lastTransitionTime: this.engine.timestamp(),
              },
            ],
          },
        },
        { subresource: 'status', summary: `PATCH pods/${name}/status (DisruptionTarget)` },
      );
      if (!r.ok && r.error.code !== 404) return false;
    }
    const d = this.client.delete(
      { resource: 'pods', namespace },
      name,
      {},
      `DELETE pods/${name} (taint eviction)`,
    );
    return d.ok || d.error.code === 404;
  }

  private podEvent(key: string, message: string): void {
    const [namespace, name] = key.split('/');
    const ref: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace } };
    this.recorder.event(ref, 'Normal', 'TaintManagerEviction', message);
  }
}
