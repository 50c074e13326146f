import type { Node, Pod } from 'kubernetes-types/core/v1';
import { toKube, type KubeObject } from '../api/object';
import type { ApiServer } from '../apiserver/apiserver';
import { errors, type ApiError } from '../apiserver/status';
import { Client } from '../client/clientset';
import { EventRecorder } from '../client/event-recorder';
import { Informer } from '../client/informer';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import { admitPod, podRequests } from './admission';
import { Backoff } from './backoff';
import type { ContainerRuntime } from './container-runtime';
import { ImageManager } from './image-manager';
import { LEASE_RENEW_MS, NodeLease } from './lease';
import { containerLogs } from './logs';
import { NodeStatusReporter, nodeRef } from './node-status';
import { PodWorker, type KubeletContext } from './pod-worker';
import { isMirrorPod, mirrorPodOf, staticPods } from './static-pods';
import { StatusManager } from './status-manager';

export interface KubeletOptions {
  engine: Engine;
  apiserver: ApiServer;
  runtime: ContainerRuntime;
  nodeName: string;
  nodeIP: string;
  bootID: string;
  /** The node was just registered (first start ever): announce it Ready. */
  firstStart: boolean;
  /** Run the control-plane static pods (the kubeadm control-plane node). */
  controlPlane: boolean;
  /** Whether the node's network reaches the apiserver (false while its link is cut). */
  reachable?: () => boolean;
}

/**
 * The kubelet of one node (pkg/kubelet): watches the pods bound to its node, runs a worker per
 * pod against the container runtime, renews the node's Lease and posts node status. One
 * instance is one kubelet process: `systemctl restart kubelet` makes a new one, which finds the
 * containers the runtime kept running.
 */
export class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  readonly startedAt: number;
  private readonly staticByMirror = new Map<string, string>();
  private readonly client: Client;
  private readonly recorder: EventRecorder;
  private readonly status: StatusManager;
  private readonly images: ImageManager;
  private readonly lease: NodeLease;
  private readonly nodeStatus: NodeStatusReporter;
  private readonly informer: Informer;
  private readonly ctx: KubeletContext;
  private heartbeat: ScheduledEvent | undefined;
  private nodeUid: string | undefined;
  private running = false;

  constructor(private readonly opts: KubeletOptions) {
    const { engine, apiserver, nodeName } = opts;
    this.startedAt = engine.now;
    this.client = new Client(
      apiserver,
      {
        user: { name: `system:node:${nodeName}`, groups: ['system:nodes', 'system:authenticated'] },
        component: `kubelet@${nodeName}`,
      },
      opts.reachable,
    );
    this.recorder = new EventRecorder(engine, this.client, 'kubelet', nodeName);
    this.status = new StatusManager(engine, this.client);
    this.images = new ImageManager(engine, opts.runtime);
    this.lease = new NodeLease(engine, this.client, nodeName);
    this.nodeStatus = new NodeStatusReporter(
      engine,
      this.client,
      this.recorder,
      opts.runtime,
      nodeName,
      opts.bootID,
    );
    this.informer = new Informer(apiserver, { component: `kubelet@${nodeName}`, resource: 'pods', nodeName });
    this.ctx = {
      engine,
      runtime: opts.runtime,
      images: this.images,
      status: this.status,
      recorder: this.recorder,
      client: this.client,
      nodeName,
      nodeIP: opts.nodeIP,
      crashBackoff: new Backoff(),
      done: (uid) => this.workers.delete(uid),
    };
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const { nodeName } = this.opts;
    const got = this.client.get({ resource: 'nodes' }, nodeName);
    const node = got.ok ? (got.object as Node) : undefined;
    this.nodeUid = node?.metadata?.uid;
    const ref = nodeRef(nodeName);
    this.recorder.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    const oldBoot = node?.status?.nodeInfo?.bootID;
    if (oldBoot && oldBoot !== this.opts.bootID)
      this.recorder.event(
        ref,
        'Warning',
        'Rebooted',
        `Node ${nodeName} has been rebooted, boot id: ${this.opts.bootID}`,
      );
    this.recorder.event(
      ref,
      'Normal',
      'NodeAllocatableEnforced',
      'Updated Node Allocatable limit across pods',
    );
    for (const r of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID'])
      this.recorder.event(ref, 'Normal', r, `Node ${nodeName} status is now: ${r}`);
    if (this.opts.firstStart)
      this.recorder.event(ref, 'Normal', 'NodeReady', `Node ${nodeName} status is now: NodeReady`);
    this.opts.runtime.onContainerEvent = (uid) => this.workers.get(uid)?.plegEvent();
    this.beat();
    if (this.opts.controlPlane) this.startStaticPods();
    this.informer.addEventHandler({
      onAdd: (o) => this.handlePod(o as Pod),
      onUpdate: (_old, o) => this.handlePod(o as Pod),
      onDelete: (o) => this.handleDelete(o as Pod),
    });
    this.informer.run();
  }

  /** The node's link went down (no watch events arrive) or came back (the watch reconnects and relists). */
  setReachable(up: boolean): void {
    if (!this.running) return;
    if (!up) return this.informer.stop();
    // Upstream compares with the Node it reads back, which the node controller marked Unknown.
    this.nodeStatus.forget();
    if (!this.informer.running) this.informer.run();
  }

  /** The process ends: no more lease, status or syncs; the runtime's containers keep running. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.informer.stop();
    this.opts.engine.cancel(this.heartbeat);
    this.heartbeat = undefined;
    for (const w of this.workers.values()) w.stop();
    this.status.stop();
    this.opts.runtime.onContainerEvent = undefined;
  }

  private beat(): void {
    this.heartbeat = undefined;
    if (!this.running) return;
    this.lease.renew(this.nodeUid);
    this.nodeStatus.tick();
    this.heartbeat = this.opts.engine.schedule(
      LEASE_RENEW_MS,
      `kubelet@${this.opts.nodeName} heartbeat`,
      () => this.beat(),
    );
  }

  // ------------------------------------------------------------ pods

  private handlePod(pod: Pod): void {
    if (!this.running) return;
    if (isMirrorPod(pod)) return;
    const uid = pod.metadata?.uid ?? '';
    const existing = this.workers.get(uid);
    if (existing) return existing.update(pod);
    const phase = pod.status?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && this.opts.runtime.sandboxesOf(uid).length === 0)
      return;
    let rejected: { reason: string; message: string } | undefined;
    if (this.opts.runtime.sandboxesOf(uid).length === 0 && !pod.metadata?.deletionTimestamp) {
      const r = this.admit(pod);
      if (!r.admit) {
        rejected = { reason: r.reason, message: r.message };
        this.recorder.event(pod as unknown as KubeObject, 'Warning', r.reason, r.message);
      }
    }
    const w = new PodWorker(this.ctx, pod, { rejected });
    this.workers.set(uid, w);
    w.start();
  }

  private admit(pod: Pod): ReturnType<typeof admitPod> {
    const got = this.client.get({ resource: 'nodes' }, this.opts.nodeName);
    if (!got.ok) return { admit: true };
    const used = { cpuMilli: 0, memoryBytes: 0 };
    let count = 0;
    for (const w of this.workers.values()) {
      const phase = this.status.last(w.uid)?.phase;
      if (w.rejected || phase === 'Succeeded' || phase === 'Failed') continue;
      const r = podRequests(w.pod);
      used.cpuMilli += r.cpuMilli;
      used.memoryBytes += r.memoryBytes;
      count++;
    }
    return admitPod(pod, got.object as Node, used, count);
  }

  private handleDelete(pod: Pod): void {
    if (!this.running) return;
    if (isMirrorPod(pod)) {
      // A deleted mirror pod comes back: the static pod is still running from its manifest.
      const staticUid = this.staticByMirror.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
      const w = staticUid ? this.workers.get(staticUid) : undefined;
      if (w)
        this.opts.engine.schedule(0, `kubelet@${this.opts.nodeName} mirror`, () => this.createMirror(w.pod));
      return;
    }
    this.workers.get(pod.metadata?.uid ?? '')?.remove();
  }

  private startStaticPods(): void {
    for (const pod of staticPods(this.opts.nodeName, this.opts.nodeIP, this.opts.engine.microTimestamp())) {
      const uid = pod.metadata!.uid!;
      this.staticByMirror.set(`kube-system/${pod.metadata!.name}`, uid);
      if (this.workers.has(uid)) continue;
      this.createMirror(pod as Pod);
      const w = new PodWorker(this.ctx, pod as Pod, { isStatic: true });
      this.workers.set(uid, w);
      w.start();
    }
  }

  private createMirror(pod: Pod): void {
    if (!this.running || !this.nodeUid) return;
    const r = this.client.create(
      { resource: 'pods', namespace: 'kube-system' },
      toKube(mirrorPodOf(pod, this.nodeUid)),
      { summary: `POST pods (mirror ${pod.metadata?.name})` },
    );
    if (r.ok) {
      // A new mirror starts with no status: write the static pod's status again.
      this.status.forget(pod.metadata?.uid ?? '');
      this.workers.get(pod.metadata?.uid ?? '')?.postStatus(false);
    }
  }

  /** The worker of a pod as the API names it (mirror pods lead to their static pod). */
  workerFor(pod: Pod): PodWorker | undefined {
    const byUid = this.workers.get(pod.metadata?.uid ?? '');
    if (byUid) return byUid;
    const staticUid = this.staticByMirror.get(`${pod.metadata?.namespace}/${pod.metadata?.name}`);
    return staticUid ? this.workers.get(staticUid) : undefined;
  }

  /** GET /containerLogs/<ns>/<pod>/<container> on this kubelet. */
  logs(pod: Pod, container: string, query: URLSearchParams): string | ApiError {
    const port = 10250;
    if (!this.running)
      return errors.internal(
        `Get "https://${this.opts.nodeIP}:${port}/containerLogs/${pod.metadata?.namespace}/${pod.metadata?.name}/${container}": dial tcp ${this.opts.nodeIP}:${port}: connect: connection refused`,
      );
    const w = this.workerFor(pod);
    const src = w?.containersFor(container);
    if (!src)
      return errors.badRequest(
        `container "${container}" in pod "${pod.metadata?.name}" is waiting to start: ContainerCreating`,
      );
    return containerLogs(
      src,
      pod.metadata?.name ?? '',
      container,
      query,
      this.opts.engine.epochMs + this.opts.engine.now,
    );
  }
}
