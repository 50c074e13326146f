/**
 * Pod resource requests as the scheduler counts them (component-helpers resource.PodRequests and
 * framework.Resource): CPU in millicores, everything else in whole units (bytes for memory).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseMilli, parseValue } from '../../api/quantity';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: counted for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** framework.Resource. */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  /** Extended resources (`example.com/gpu`), hugepages-*: whole units. */
  scalar: Map<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: new Map() };
}

/** schedutil.IsScalarResourceName: extended (has a domain), hugepages-, attachable-volumes-. */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.startsWith('requests.');
}

function quantity(name: string, q: string | number): number {
  const v = name === 'cpu' ? parseMilli(q) : parseValue(q);
  return v ?? 0;
}

type ResourceMap = Map<string, number>;

function addInto(dst: ResourceMap, src: ResourceMap): void {
  for (const [k, v] of src) dst.set(k, (dst.get(k) ?? 0) + v);
}

function maxInto(dst: ResourceMap, src: ResourceMap): void {
  for (const [k, v] of src) {
    const cur = dst.get(k);
    if (cur === undefined || v > cur) dst.set(k, v);
  }
}

function containerRequests(c: Container, nonMissingDefaults: boolean): ResourceMap {
  const m: ResourceMap = new Map();
  const reqs = c.resources?.requests ?? {};
  for (const [k, v] of Object.entries(reqs)) m.set(k, quantity(k, v));
  // NonMissingContainerRequests: only a request that is absent gets the default; an explicit 0 stays 0.
  if (nonMissingDefaults) {
    if (!m.has('cpu')) m.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!m.has('memory')) m.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return m;
}

/**
 * resourcehelper.PodRequests: sum of the containers, then max with each init container (sidecars,
 * restartPolicy Always, accumulate), plus the pod overhead. Pod-level resources (alpha in v1.32)
 * are not modelled.
 */
export function podRequests(pod: Pod, nonMissingDefaults: boolean): ResourceMap {
  const reqs: ResourceMap = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, nonMissingDefaults));
  const restartable: ResourceMap = new Map();
  const initReqs: ResourceMap = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    let cr = containerRequests(c, nonMissingDefaults);
    if (c.restartPolicy === 'Always') {
      addInto(reqs, cr);
      addInto(restartable, cr);
      cr = new Map(restartable);
    } else {
      const tmp: ResourceMap = new Map();
      addInto(tmp, cr);
      addInto(tmp, restartable);
      cr = tmp;
    }
    maxInto(initReqs, cr);
  }
  maxInto(reqs, initReqs);
  for (const [k, v] of Object.entries(pod.spec?.overhead ?? {}))
    reqs.set(k, (reqs.get(k) ?? 0) + quantity(k, v));
  return reqs;
}

/** framework.Resource.Add over a request map. */
export function resourceFromMap(m: ResourceMap): Resource {
  const r = emptyResource();
  for (const [k, v] of m) {
    if (k === 'cpu') r.milliCPU += v;
    else if (k === 'memory') r.memory += v;
    else if (k === 'pods') r.allowedPodNumber += v;
    else if (k === 'ephemeral-storage') r.ephemeralStorage += v;
    else if (isScalarResourceName(k)) r.scalar.set(k, (r.scalar.get(k) ?? 0) + v);
  }
  return r;
}

/** A node's allocatable (status.allocatable, which the kubelet defaults to capacity). */
export function resourceFromList(list: Readonly<Record<string, string | number>> | undefined): Resource {
  const m: ResourceMap = new Map();
  for (const [k, v] of Object.entries(list ?? {})) m.set(k, quantity(k, v));
  return resourceFromMap(m);
}

/** What PodInfo.CalculateResource caches: actual requests, and the non-zero CPU/memory for scoring. */
export interface PodResource {
  resource: Resource;
  non0CPU: number;
  non0Mem: number;
}

export function calculatePodResource(pod: Pod): PodResource {
  const resource = resourceFromMap(podRequests(pod, false));
  const non0 = podRequests(pod, true);
  return { resource, non0CPU: non0.get('cpu') ?? 0, non0Mem: non0.get('memory') ?? 0 };
}
