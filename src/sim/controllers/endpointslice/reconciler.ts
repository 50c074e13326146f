import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Mutable } from '../../api/object';
import {
  endpointKey,
  endpointsEqualBeyondHash,
  getEndpointPorts,
  IS_HEADLESS_SERVICE,
  isServiceIPSet,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
  podToEndpoint,
  portMapKey,
  shouldPodBeInEndpoints,
} from './pod-endpoint';

/**
 * The endpointslice reconciler (staging/src/k8s.io/endpointslice/reconciler.go, v1.32) as a pure
 * function: from a service, its pods and its existing slices, the slices to create, update and
 * delete. KubeSim is IPv4-only, so there is one address type.
 */
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export type Slice = Mutable<EndpointSlice>;

export interface ReconcileInput {
  service: Service;
  pods: Pod[];
  nodeOf: (name: string) => Node | undefined;
  existing: EndpointSlice[];
  maxEndpointsPerSlice?: number;
}

export interface ReconcileResult {
  create: Slice[];
  update: Slice[];
  delete: EndpointSlice[];
  /** Pods left out because their node is unknown; upstream requeues the service for them. */
  skippedPods: string[];
}

function clone<T>(v: T): Mutable<T> {
  return structuredClone(v) as Mutable<T>;
}

function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some(
    (o) => o.uid === svc.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1',
  );
}

/** `setEndpointSliceLabels`: the service's labels, minus the reserved ones, plus the controller's. */
function sliceLabels(
  slice: EndpointSlice | undefined,
  svc: Service,
): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) =>
    k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === IS_HEADLESS_SERVICE;
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata?.labels ?? {})) if (!reserved(k)) current[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!reserved(k)) labels[k] = v;
  const changed = !sameMap(current, labels);
  if (!isServiceIPSet(svc)) labels[IS_HEADLESS_SERVICE] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata?.name ?? '';
  labels[LABEL_MANAGED_BY] = CONTROLLER_NAME;
  return { labels, changed };
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => b[k] === a[k]);
}

/** `getEndpointSlicePrefix`: `<svc>-`, or the bare name when the dash would make it too long. */
function slicePrefix(name: string): string {
  return name.length + 1 <= 253 ? `${name}-` : name;
}

/** `newEndpointSlice`; ports and endpoints stay null on a placeholder, as the apiserver returns it. */
function newSlice(svc: Service, ports: EndpointPort[] | null): Slice {
  const slice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: slicePrefix(svc.metadata?.name ?? ''),
      namespace: svc.metadata?.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          name: svc.metadata?.name ?? '',
          uid: svc.metadata?.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    addressType: 'IPv4',
    endpoints: ports === null ? null : [],
    ports: ports === null || ports.length === 0 ? null : ports,
  };
  return slice as unknown as Slice;
}

/** Go's map iteration is random; KubeSim orders by address so output is deterministic and readable. */
function byAddress(a: Endpoint, b: Endpoint): number {
  const x = a.addresses[0] ?? '';
  const y = b.addresses[0] ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export function reconcile(input: ReconcileInput): ReconcileResult {
  const { service } = input;
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const result: ReconcileResult = { create: [], update: [], delete: [], skippedPods: [] };

  const existingByPortMap = new Map<string, EndpointSlice[]>();
  for (const s of input.existing) {
    if (s.addressType !== 'IPv4' || !ownedBy(s, service)) {
      result.delete.push(s);
      continue;
    }
    const key = portMapKey(s.ports);
    const list = existingByPortMap.get(key);
    if (list) list.push(s);
    else existingByPortMap.set(key, [s]);
  }

  const desiredPorts = new Map<string, EndpointPort[]>();
  const desired = new Map<string, Map<string, Endpoint>>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(service, pod);
    const key = portMapKey(ports);
    if (!desired.has(key)) {
      desired.set(key, new Map());
      desiredPorts.set(key, ports);
    }
    const node = input.nodeOf(pod.spec?.nodeName ?? '');
    if (!node && !service.spec?.publishNotReadyAddresses) {
      result.skippedPods.push(pod.metadata?.name ?? '');
      continue;
    }
    const ep = podToEndpoint(pod, node, service);
    if (ep.addresses.length > 0) desired.get(key)!.set(endpointKey(ep), ep);
  }

  const deleteNames = new Set(result.delete.map((s) => s.metadata?.name));
  for (const [key, set] of desired) {
    const r = reconcileByPortMapping(
      service,
      existingByPortMap.get(key) ?? [],
      set,
      desiredPorts.get(key)!,
      max,
    );
    result.create.push(...r.create);
    result.update.push(...r.update);
    for (const s of r.delete) {
      result.delete.push(s);
      deleteNames.add(s.metadata?.name);
    }
  }
  for (const [key, slices] of existingByPortMap)
    if (!desired.has(key))
      for (const s of slices) {
        result.delete.push(s);
        deleteNames.add(s.metadata?.name);
      }

  // A service with no endpoints still gets one (placeholder) slice.
  if (input.existing.length === result.delete.length && result.create.length === 0) {
    const placeholder = newSlice(service, null);
    if (result.delete.length === 1 && isSamePlaceholder(result.delete[0], placeholder)) result.delete = [];
    else result.create.push(placeholder);
  }

  // Creates become updates of slices that would otherwise be deleted (`finalize`).
  for (let i = 0; i < result.delete.length && result.create.length > 0;) {
    const victim = result.delete[i];
    if (victim.addressType === 'IPv4' && ownedBy(victim, service)) {
      const slice = result.create.pop()!;
      const m = slice.metadata!;
      m.name = victim.metadata?.name;
      delete m.generateName;
      m.resourceVersion = victim.metadata?.resourceVersion;
      m.uid = victim.metadata?.uid;
      m.creationTimestamp = victim.metadata?.creationTimestamp;
      result.update.push(slice);
      result.delete.splice(i, 1);
    } else i++;
  }
  return result;
}

function isSamePlaceholder(existing: EndpointSlice, placeholder: Slice): boolean {
  if ((existing.endpoints ?? []).length > 0 || (existing.ports ?? []).length > 0) return false;
  if (existing.metadata?.namespace !== placeholder.metadata?.namespace) return false;
  const a = existing.metadata?.labels ?? {};
  const b = placeholder.metadata?.labels ?? {};
  if (!sameMap(a, b)) return false;
  const ra = existing.metadata?.ownerReferences ?? [];
  const rb = placeholder.metadata?.ownerReferences ?? [];
  return JSON.stringify(ra) === JSON.stringify(rb);
}

/**
 * `reconcileByPortMapping`: keep desired endpoints where they are (updating changed ones), drop the
 * rest, fill slices being updated anyway, then the fullest-fitting unchanged slice, then new ones.
 */
function reconcileByPortMapping(
  service: Service,
  existing: EndpointSlice[],
  desiredSet: Map<string, Endpoint>,
  ports: EndpointPort[],
  max: number,
): { create: Slice[]; update: Slice[]; delete: EndpointSlice[] } {
  const byName = new Map<string, Slice>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: EndpointSlice[] = [];

  for (const s of existing) {
    const name = s.metadata?.name ?? '';
    const kept: Endpoint[] = [];
    let changed = false;
    for (const ep of s.endpoints ?? []) {
      const key = endpointKey(ep);
      const want = desiredSet.get(key);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondHash(want, ep)) changed = true;
      desiredSet.delete(key);
    }
    const { labels, changed: labelsChanged } = sliceLabels(s, service);
    if (changed || (s.endpoints ?? []).length !== kept.length) {
      if (kept.length === 0) toDelete.push(s);
      else {
        const copy = clone(s);
        copy.endpoints = kept as Slice['endpoints'];
        copy.metadata = { ...copy.metadata, labels };
        byName.set(name, copy);
        toUpdate.push(name);
      }
    } else if (labelsChanged) {
      const copy = clone(s);
      copy.metadata = { ...copy.metadata, labels };
      byName.set(name, copy);
      toUpdate.push(name);
    } else {
      byName.set(name, s as Slice);
      unchanged.push(name);
    }
  }

  const remaining = [...desiredSet.values()].sort(byAddress);
  const take = (slice: Slice) => {
    while (remaining.length > 0 && slice.endpoints.length < max)
      slice.endpoints.push(remaining.shift() as Slice['endpoints'][number]);
  };

  if (remaining.length > 0 && toUpdate.length > 0) {
    const slices = toUpdate
      .map((n) => byName.get(n)!)
      .sort((a, b) => b.endpoints.length - a.endpoints.length);
    for (const s of slices) take(s);
  }

  const create: Slice[] = [];
  while (remaining.length > 0) {
    let fill: Slice | undefined;
    if (remaining.length < max && unchanged.length > 0) {
      // `getSliceToFill`: the slice that ends up closest to full.
      let closest = max;
      for (const n of unchanged) {
        const s = byName.get(n)!;
        const diff = max - (remaining.length + (s.endpoints ?? []).length);
        if (diff >= 0 && diff < closest) {
          closest = diff;
          fill = s;
          if (diff === 0) break;
        }
      }
    }
    if (!fill) {
      fill = newSlice(service, ports);
      fill.endpoints = [];
      take(fill);
      create.push(fill);
    } else {
      const copy = clone(fill);
      copy.endpoints = copy.endpoints ?? [];
      const name = copy.metadata?.name ?? '';
      byName.set(name, copy);
      take(copy);
      toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    }
  }

  return { create, update: toUpdate.map((n) => byName.get(n)!), delete: toDelete };
}
