import type { DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { toKube, type KubeObject, type Mutable } from '../../api/object';
import type { Client } from '../../client/clientset';
import { EventRecorder } from '../../client/event-recorder';
import { byControllerUid, type Informer } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { SYNC_WINDOW_MS, WorkQueue } from '../../client/workqueue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import {
  byCreationTimestamp,
  createPodTemplate,
  isPodAvailable,
  isPodReady,
  isPodUpdated,
  nodeShouldRunDaemonPod,
  pinToNode,
  targetNodeName,
} from './daemon-pods';
import { computeTemplateHash } from './hash';
import { rollingUpdatePodsToDelete, updateBudget } from './update';

const DS = { resource: 'daemonsets', group: 'apps' };
/** Expectations that are never observed expire, as ControllerExpectations' 5 minute TTL. */
const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Expectations {
  adds: Set<string>;
  dels: Set<string>;
  at: number;
}

function dsKey(ds: KubeObject): string {
  return `${ds.metadata!.namespace}/${ds.metadata!.name}`;
}

/**
 * pkg/controller/daemon: one pod per eligible node. Each pod is pinned to its node through a
 * `matchFields metadata.name` node affinity and bound by the scheduler; RollingUpdate replaces
 * old pods at most `maxUnavailable` at a time.
 */
export class DaemonSetsController implements Controller {
  readonly name = 'daemonset-controller';
  private readonly dss: Informer;
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly queue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly expectations = new Map<string, Expectations>();

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    informers: InformerFactory,
  ) {
    this.dss = informers.informer('daemonsets', 'apps');
    this.pods = informers.informer('pods');
    this.nodes = informers.informer('nodes');
    this.recorder = new EventRecorder(engine, client, this.name);
    this.queue = new WorkQueue(engine, this.name, (k) => this.sync(k)).throttle(SYNC_WINDOW_MS);
  }

  setup(): void {
    this.pods.addIndexer('controllerUid', byControllerUid);
    this.dss.addEventHandler({
      onAdd: (ds) => this.queue.add(dsKey(ds)),
      onUpdate: (_o, ds) => this.queue.add(dsKey(ds)),
      onDelete: (ds) => {
        this.expectations.delete(dsKey(ds));
        this.queue.add(dsKey(ds));
      },
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.podEvent(p as Pod, 'add'),
      onUpdate: (_o, p) => this.podEvent(p as Pod, p.metadata?.deletionTimestamp ? 'delete' : 'update'),
      onDelete: (p) => this.podEvent(p as Pod, 'delete'),
    });
    this.nodes.addEventHandler({
      onAdd: (n) => {
        for (const ds of this.dss.list() as DaemonSet[])
          if (nodeShouldRunDaemonPod(n as Node, ds).shouldRun) this.queue.add(dsKey(toKube(ds)));
      },
      onUpdate: (o, n) => this.nodeUpdated(o as Node, n as Node),
    });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private ownerOf(pod: Pod): DaemonSet | undefined {
    const ref = pod.metadata?.ownerReferences?.find((r) => r.controller);
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.dss.get(`${pod.metadata!.namespace}/${ref.name}`) as DaemonSet | undefined;
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  private podEvent(pod: Pod, kind: 'add' | 'update' | 'delete'): void {
    const ds = this.ownerOf(pod);
    if (!ds) return;
    const key = dsKey(toKube(ds));
    const exp = this.expectations.get(key);
    const podKey = `${pod.metadata!.namespace}/${pod.metadata!.name}`;
    if (exp && kind === 'add') exp.adds.delete(podKey);
    if (exp && kind === 'delete') exp.dels.delete(podKey);
    this.queue.add(key);
  }

  /** Only changes that can move a node in or out of a DaemonSet's reach (labels, taints) matter. */
  private nodeUpdated(old: Node, cur: Node): void {
    const sig = (n: Node) => JSON.stringify([n.metadata?.labels, n.spec?.taints, n.spec?.unschedulable]);
    if (sig(old) === sig(cur)) return;
    for (const ds of this.dss.list() as DaemonSet[]) {
      const a = nodeShouldRunDaemonPod(old, ds);
      const b = nodeShouldRunDaemonPod(cur, ds);
      if (a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning)
        this.queue.add(dsKey(toKube(ds)));
    }
  }

  private satisfied(key: string): boolean {
    const e = this.expectations.get(key);
    if (!e) return true;
    if ((e.adds.size === 0 && e.dels.size === 0) || this.engine.now - e.at > EXPECTATIONS_TTL_MS) {
      this.expectations.delete(key);
      return true;
    }
    return false;
  }

  /** The DaemonSet's pods by target node, found through the controller-uid index (no namespace scan). */
  private nodeToDaemonPods(ds: DaemonSet): Map<string, Pod[]> {
    const out = new Map<string, Pod[]>();
    for (const p of this.pods.byIndex('controllerUid', ds.metadata!.uid!) as Pod[]) {
      const node = targetNodeName(p);
      if (!node) continue;
      const list = out.get(node);
      if (list) list.push(p);
      else out.set(node, [p]);
    }
    return out;
  }

  private sync(key: string): void | 'requeue' {
    const ds = this.dss.get(key) as DaemonSet | undefined;
    if (!ds) {
      this.expectations.delete(key);
      return;
    }
    if (ds.metadata?.deletionTimestamp) return;
    const nodes = this.nodes.list() as Node[];
    const hash = computeTemplateHash(ds.spec?.template, ds.status?.collisionCount);
    if (!this.satisfied(key)) return this.updateStatus(ds, nodes, hash, false);
    let ok = this.manage(ds, nodes, hash);
    if (ok && this.satisfied(key) && ds.spec?.updateStrategy?.type !== 'OnDelete') {
      const nodeToPods = this.nodeToDaemonPods(ds);
      let desired = 0;
      for (const n of nodes) if (nodeShouldRunDaemonPod(n, ds).shouldRun) desired++;
      const { maxUnavailable } = updateBudget(ds, desired);
      const toDelete = rollingUpdatePodsToDelete(ds, nodeToPods, hash, maxUnavailable, this.nowMs());
      ok = this.syncNodes(ds, toDelete, [], hash);
    }
    const r = this.updateStatus(ds, nodes, hash, true);
    return ok ? r : 'requeue';
  }

  private nowMs(): number {
    return this.engine.epochMs + this.engine.now;
  }

  /** manage: which nodes need a daemon pod, and which pods must go (podsShouldBeOnNode). */
  private manage(ds: DaemonSet, nodes: Node[], hash: string): boolean {
    const nodeToPods = this.nodeToDaemonPods(ds);
    const needing: string[] = [];
    const toDelete: string[] = [];
    for (const node of nodes) {
      const name = node.metadata!.name!;
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      const pods = nodeToPods.get(name);
      if (shouldRun && !pods) needing.push(name);
      else if (shouldContinueRunning && pods) {
        const running: Pod[] = [];
        for (const p of pods) {
          if (p.metadata?.deletionTimestamp) continue;
          if (p.status?.phase === 'Failed') {
            // Simplified: upstream backs off failed-pod deletion per node (1 s doubling to 15 min).
            this.recorder.event(
              toKube(ds),
              'Warning',
              'FailedDaemonPod',
              `Found failed daemon pod ${p.metadata!.namespace}/${p.metadata!.name} on node ${name}, will try to kill it`,
            );
            toDelete.push(p.metadata!.name!);
            continue;
          }
          running.push(p);
        }
        // Without surge, one pod per node: all but the oldest go.
        running.sort(byCreationTimestamp);
        for (const p of running.slice(1)) toDelete.push(p.metadata!.name!);
      } else if (!shouldContinueRunning && pods) {
        for (const p of pods) if (!p.metadata?.deletionTimestamp) toDelete.push(p.metadata!.name!);
      }
    }
    // Pods pinned to nodes that no longer exist go too.
    const names = new Set(nodes.map((n) => n.metadata!.name!));
    for (const [node, pods] of nodeToPods)
      if (!names.has(node))
        for (const p of pods) if (!p.metadata?.deletionTimestamp) toDelete.push(p.metadata!.name!);
    return this.syncNodes(ds, toDelete, needing, hash);
  }

  /** syncNodes: deletes, then creates in slow-start batches (1, 2, 4, …), stopping at the first error. */
  private syncNodes(ds: DaemonSet, podsToDelete: string[], nodesNeeding: string[], hash: string): boolean {
    const key = dsKey(toKube(ds));
    const ns = ds.metadata!.namespace!;
    if (podsToDelete.length === 0 && nodesNeeding.length === 0) return true;
    const exp: Expectations = this.expectations.get(key) ?? {
      adds: new Set(),
      dels: new Set(),
      at: this.engine.now,
    };
    exp.at = this.engine.now;
    this.expectations.set(key, exp);
    const template = createPodTemplate(ds, hash);
    let ok = true;
    let batch = 1;
    let i = 0;
    outer: while (i < nodesNeeding.length) {
      const end = Math.min(nodesNeeding.length, i + batch);
      for (; i < end; i++) {
        const pod = this.podFor(ds, template, nodesNeeding[i]);
        const r = this.client.create({ resource: 'pods', namespace: ns }, toKube(pod), {
          summary: `POST pods (${ds.metadata!.name} on ${nodesNeeding[i]})`,
        });
        if (!r.ok) {
          this.recorder.event(toKube(ds), 'Warning', 'FailedCreate', `Error creating: ${r.error.message}`);
          ok = false;
          break outer;
        }
        exp.adds.add(`${ns}/${r.object.metadata!.name}`);
        this.recorder.event(
          toKube(ds),
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${r.object.metadata!.name}`,
        );
      }
      batch *= 2;
    }
    for (const name of podsToDelete) {
      const r = this.client.delete({ resource: 'pods', namespace: ns }, name);
      if (!r.ok) {
        if (r.error.code !== 404) {
          this.recorder.event(toKube(ds), 'Warning', 'FailedDelete', `Error deleting: ${r.error.message}`);
          ok = false;
        }
        continue;
      }
      exp.dels.add(`${ns}/${name}`);
      this.recorder.event(toKube(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
    }
    return ok;
  }

  private podFor(
    ds: DaemonSet,
    template: ReturnType<typeof createPodTemplate>,
    nodeName: string,
  ): Mutable<Pod> {
    const spec = structuredClone(template.spec!);
    spec.affinity = pinToNode(spec.affinity, nodeName);
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${ds.metadata!.name}-`,
        namespace: ds.metadata!.namespace,
        labels: { ...template.metadata?.labels },
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ...(template.metadata?.finalizers ? { finalizers: [...template.metadata.finalizers] } : {}),
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'DaemonSet',
            name: ds.metadata!.name!,
            uid: ds.metadata!.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec,
    };
  }

  /** updateDaemonSetStatus: counts over the nodes that should run a daemon pod and those that should not. */
  private updateStatus(
    ds: DaemonSet,
    nodes: Node[],
    hash: string,
    updateObservedGen: boolean,
  ): void | 'requeue' {
    const nodeToPods = this.nodeToDaemonPods(ds);
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const now = this.nowMs();
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
      const pods = (nodeToPods.get(node.metadata!.name!) ?? []).filter(
        (p) =>
          !(
            p.metadata?.deletionTimestamp &&
            (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed')
          ),
      );
      const scheduled = pods.length > 0;
      if (shouldRun) {
        desired++;
        if (!scheduled) continue;
        current++;
        const pod = [...pods].sort(byCreationTimestamp)[0];
        if (isPodReady(pod)) {
          ready++;
          if (isPodAvailable(pod, minReady, now)) available++;
        }
        if (isPodUpdated(pod, hash, ds.metadata?.generation)) updated++;
      } else if (scheduled) misscheduled++;
    }
    const status: Mutable<DaemonSetStatus> = {
      ...ds.status,
      observedGeneration: updateObservedGen ? ds.metadata?.generation : ds.status?.observedGeneration,
      desiredNumberScheduled: desired,
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    if (status.numberUnavailable === 0) delete status.numberUnavailable;
    if (status.numberAvailable === 0) delete status.numberAvailable;
    if (status.updatedNumberScheduled === 0) delete status.updatedNumberScheduled;
    if (status.observedGeneration === undefined) delete status.observedGeneration;
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    const next = { ...structuredClone(ds), status } as DaemonSet;
    const r = this.client.updateStatus(
      { ...DS, namespace: ds.metadata!.namespace },
      toKube({ ...next, apiVersion: 'apps/v1', kind: 'DaemonSet' }),
      {
        summary: `PUT daemonsets/${ds.metadata!.name}/status`,
      },
    );
    if (!r.ok) return r.error.code === 404 ? undefined : 'requeue';
    // A pod becomes available minReadySeconds after it is ready, with no event to say so.
    if (minReady > 0 && ready !== available) this.queue.addAfter(dsKey(toKube(ds)), minReady * 1000);
  }
}
