import type {
  EndpointAddress,
  EndpointPort,
  Endpoints,
  EndpointSubset,
  Pod,
  Service,
} from 'kubernetes-types/core/v1';
import { toKube, type KubeObject, type Mutable } from '../../api/object';
import type { Client } from '../../client/clientset';
import type { Informer } from '../../client/informer';
import { objectKey } from '../../client/informer';
import type { InformerFactory } from '../../client/informer-factory';
import { SYNC_WINDOW_MS, WorkQueue } from '../../client/workqueue';
import type { Engine } from '../../engine/simulation';
import type { Controller } from '../controller';
import {
  ENDPOINTS_LAST_CHANGE_TRIGGER_TIME,
  findPort,
  hasSelector,
  IS_HEADLESS_SERVICE,
  isPodReady,
  isServiceIPSet,
  podIPv4s,
  selectorMatches,
  shouldPodBeInEndpoints,
} from '../endpointslice/pod-endpoint';
import { formatTriggerTime, TriggerTimeTracker } from '../endpointslice/trigger-time';
import { repackSubsets } from './repack';

const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** Endpoints objects hold at most this many addresses (`maxCapacity`). */
const MAX_CAPACITY = 1000;

/**
 * pkg/controller/endpoint: the legacy Endpoints object (`kubectl get ep`) for every Service with a
 * selector — ready pods under `addresses`, unready under `notReadyAddresses`, terminating ones
 * left out unless the service publishes not-ready addresses.
 */
export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  private readonly queue: WorkQueue;
  private readonly triggerTimes = new TriggerTimeTracker();
  private services!: Informer;
  private pods!: Informer;
  private endpoints!: Informer;

  constructor(
    engine: Engine,
    private readonly client: Client,
    private readonly informers: InformerFactory,
  ) {
    this.queue = new WorkQueue(engine, this.name, (key) => this.sync(key)).throttle(SYNC_WINDOW_MS);
  }

  setup(): void {
    this.services = this.informers.informer('services');
    this.pods = this.informers.informer('pods');
    this.endpoints = this.informers.informer('endpoints');
    this.services.addEventHandler({
      onAdd: (s) => this.queue.add(objectKey(s)),
      onUpdate: (_o, s) => this.queue.add(objectKey(s)),
      onDelete: (s) => this.queue.add(objectKey(s)),
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.queuePodServices(p),
      onUpdate: (o, p) => {
        this.queuePodServices(p);
        if (JSON.stringify(o.metadata?.labels ?? {}) !== JSON.stringify(p.metadata?.labels ?? {}))
          this.queuePodServices(o);
      },
      onDelete: (p) => this.queuePodServices(p),
    });
    // An Endpoints object deleted by hand comes back while its service selects pods.
    this.endpoints.addEventHandler({
      onDelete: (e) => {
        if (this.services.get(objectKey(e))) this.queue.add(objectKey(e));
      },
    });
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  private queuePodServices(pod: KubeObject): void {
    for (const s of this.services.byIndex('namespace', pod.metadata?.namespace ?? ''))
      if (selectorMatches(s as Service, pod.metadata?.labels)) this.queue.add(objectKey(s));
  }

  private sync(key: string): void | 'requeue' {
    const [namespace, name] = key.split('/');
    const target = { resource: 'endpoints', namespace };
    const service = this.services.get(key) as Service | undefined;
    if (!service) {
      this.triggerTimes.delete(key);
      if (!this.endpoints.get(key)) return;
      const r = this.client.delete(target, name);
      return r.ok || r.error.status.reason === 'NotFound' ? undefined : 'requeue';
    }
    if (service.spec?.type === 'ExternalName' || !hasSelector(service)) return;

    const publishNotReady = service.spec?.publishNotReadyAddresses === true;
    const pods = (this.pods.byIndex('namespace', namespace) as Pod[]).filter((p) =>
      selectorMatches(service, p.metadata?.labels),
    );
    const subsets: EndpointSubset[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPv4s(pod)[0];
      if (!ip) continue;
      const epa: Mutable<EndpointAddress> = {
        ip,
        nodeName: pod.spec?.nodeName ?? '',
        targetRef: { kind: 'Pod', namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
      };
      if (pod.spec?.hostname && pod.spec.subdomain === name) epa.hostname = pod.spec.hostname;
      const ready = publishNotReady || isPodReady(pod);
      const add = (ports: EndpointPort[]) =>
        subsets.push(ready ? { addresses: [epa], ports } : { notReadyAddresses: [epa], ports });
      const svcPorts = service.spec?.ports ?? [];
      if (svcPorts.length === 0) {
        // Headless services may have no ports.
        if (service.spec?.clusterIP === 'None') add([]);
        continue;
      }
      for (const sp of svcPorts) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const epp: Mutable<EndpointPort> = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
        if (sp.appProtocol !== undefined) epp.appProtocol = sp.appProtocol;
        add([epp]);
      }
    }
    const repacked = repackSubsets(subsets);

    const current = this.endpoints.get(key) as Endpoints | undefined;
    const svcLabels = service.metadata?.labels ?? {};
    const trigger = this.triggerTimes.compute(key, service, pods);
    if (current) {
      const labels = { ...(current.metadata?.labels ?? {}) };
      delete labels[IS_HEADLESS_SERVICE];
      const overCapacity = current.metadata?.annotations?.[OVER_CAPACITY] !== undefined;
      if (
        JSON.stringify(current.subsets ?? []) === JSON.stringify(repacked) &&
        sameLabels(labels, svcLabels) &&
        overCapacity === countAddresses(current.subsets ?? []) > MAX_CAPACITY
      )
        return;
    }
    const next: Mutable<Endpoints> = current
      ? (structuredClone(current) as Mutable<Endpoints>)
      : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
    const annotations: Record<string, string> = { ...(next.metadata?.annotations ?? {}) };
    if (trigger !== undefined) annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(trigger);
    else delete annotations[ENDPOINTS_LAST_CHANGE_TRIGGER_TIME];
    // KubeSim does not truncate past 1000 addresses; it only marks it, as upstream's annotation does.
    if (countAddresses(repacked) > MAX_CAPACITY) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    const labels: Record<string, string> = { ...svcLabels };
    if (!isServiceIPSet(service)) labels[IS_HEADLESS_SERVICE] = '';
    next.metadata = { ...next.metadata, labels, annotations };
    if (Object.keys(labels).length === 0) delete next.metadata.labels;
    if (Object.keys(annotations).length === 0) delete next.metadata.annotations;
    if (repacked.length > 0) next.subsets = repacked as Mutable<EndpointSubset>[];
    else delete next.subsets;
    const r = current
      ? this.client.update(target, toKube(next), { summary: `PUT endpoints/${name}` })
      : this.client.create(target, toKube(next), { summary: `POST endpoints (${name})` });
    if (!r.ok && r.error.status.reason !== 'AlreadyExists') return 'requeue';
  }
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function countAddresses(subsets: readonly EndpointSubset[]): number {
  let n = 0;
  for (const s of subsets) n += (s.addresses ?? []).length + (s.notReadyAddresses ?? []).length;
  return n;
}
