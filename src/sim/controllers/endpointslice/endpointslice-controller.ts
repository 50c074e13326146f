import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { toKube, type KubeObject } from '../../api/object';
import type { Client } from '../../client/clientset';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { SYNC_WINDOW_MS, WorkQueue } from '../../client/workqueue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import {
  ENDPOINTS_LAST_CHANGE_TRIGGER_TIME,
  hasSelector,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  selectorMatches,
} from './pod-endpoint';
import { CONTROLLER_NAME, reconcile, type Slice } from './reconciler';
import { formatTriggerTime, TriggerTimeTracker } from './trigger-time';

const SLICES = { resource: 'endpointslices', group: 'discovery.k8s.io' } as const;
/** Informer index of slices by `<namespace>/<service>` from the service-name label. */
export const SLICES_BY_SERVICE = 'endpointslice-service';

export function slicesByServiceIndex(o: KubeObject): string[] {
  const svc = o.metadata?.labels?.[LABEL_SERVICE_NAME];
  return svc ? [`${o.metadata?.namespace ?? ''}/${svc}`] : [];
}

/**
 * pkg/controller/endpointslice: keeps one or more EndpointSlices per Service with a selector, so
 * kube-proxy and CoreDNS learn which pods back it. Pods, Services and the controller's own slices
 * queue the service; the reconciler decides the writes.
 */
export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  private readonly queue: WorkQueue;
  private readonly triggerTimes = new TriggerTimeTracker();
  private services!: Informer;
  private pods!: Informer;
  private slices!: Informer;
  private nodes!: Informer;

  constructor(
    engine: Engine,
    private readonly client: Client,
    private readonly informers: InformerFactory,
    private readonly maxEndpointsPerSlice = 100,
  ) {
    this.queue = new WorkQueue(engine, this.name, (key) => this.sync(key)).throttle(SYNC_WINDOW_MS);
  }

  setup(): void {
    this.services = this.informers.informer('services');
    this.pods = this.informers.informer('pods');
    this.slices = this.informers.informer(SLICES.resource, SLICES.group);
    this.nodes = this.informers.informer('nodes');
    this.slices.addIndexer(SLICES_BY_SERVICE, slicesByServiceIndex);
    this.services.addEventHandler({
      onAdd: (s) => this.queue.add(objectKey(s)),
      onUpdate: (_o, s) => this.queue.add(objectKey(s)),
      onDelete: (s) => this.queue.add(objectKey(s)),
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.queuePodServices(p as Pod),
      onUpdate: (o, p) => {
        this.queuePodServices(p as Pod);
        if (JSON.stringify(o.metadata?.labels ?? {}) !== JSON.stringify(p.metadata?.labels ?? {}))
          this.queuePodServices(o as Pod);
      },
      onDelete: (p) => this.queuePodServices(p as Pod),
    });
    // Slices this controller manages are put back in shape if someone edits or deletes them.
    const onSlice = (s: KubeObject) => {
      if (s.metadata?.labels?.[LABEL_MANAGED_BY] !== CONTROLLER_NAME) return;
      const key = slicesByServiceIndex(s)[0];
      if (key) this.queue.add(key);
    };
    this.slices.addEventHandler({ onUpdate: (_o, s) => onSlice(s), onDelete: onSlice });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  /** `GetPodServiceMemberships`: every service in the pod's namespace whose selector matches it. */
  private queuePodServices(pod: Pod): void {
    const ns = pod.metadata?.namespace ?? '';
    for (const s of this.services.byIndex('namespace', ns))
      if (selectorMatches(s as Service, pod.metadata?.labels)) this.queue.add(objectKey(s));
  }

  private sync(key: string): void | 'requeue' {
    const service = this.services.get(key) as Service | undefined;
    if (!service) {
      this.triggerTimes.delete(key);
      // The garbage collector removes the slices through their owner reference.
      return;
    }
    if (service.spec?.type === 'ExternalName' || !hasSelector(service)) return;
    const ns = service.metadata?.namespace ?? '';
    const pods = (this.pods.byIndex('namespace', ns) as Pod[]).filter((p) =>
      selectorMatches(service, p.metadata?.labels),
    );
    pods.sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
    const existing = (this.slices.byIndex(SLICES_BY_SERVICE, key) as unknown as EndpointSlice[]).filter(
      (s) => s.metadata?.labels?.[LABEL_MANAGED_BY] === CONTROLLER_NAME,
    );
    const result = reconcile({
      service,
      pods,
      nodeOf: (n) => this.nodes.get(n) as Node | undefined,
      existing,
      maxEndpointsPerSlice: this.maxEndpointsPerSlice,
    });
    const trigger = this.triggerTimes.compute(key, service, pods);
    const annotate = (s: Slice) => {
      const a = { ...(s.metadata?.annotations ?? {}) };
      if (trigger !== undefined) a[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(trigger);
      else delete a[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME];
      s.metadata = { ...s.metadata, annotations: a };
      if (Object.keys(a).length === 0) delete s.metadata.annotations;
    };
    let failed = false;
    const target = { ...SLICES, namespace: ns };
    // Don't create new slices while the service is being deleted (a race with the garbage collector).
    if (!service.metadata?.deletionTimestamp)
      for (const s of result.create) {
        annotate(s);
        const r = this.client.create(target, toKube(s), {
          summary: `POST endpointslices (${service.metadata?.name})`,
        });
        if (!r.ok) failed = true;
      }
    for (const s of result.update) {
      annotate(s);
      const r = this.client.update(target, toKube(s), { summary: `PUT endpointslices/${s.metadata?.name}` });
      if (!r.ok) failed = true;
    }
    for (const s of result.delete) {
      const r = this.client.delete(target, s.metadata?.name ?? '');
      if (!r.ok && r.error.status.reason !== 'NotFound') failed = true;
    }
    if (failed || result.skippedPods.length > 0) return 'requeue';
  }
}
