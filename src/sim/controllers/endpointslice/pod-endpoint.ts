import type { Node, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { Mutable } from '../../api/object';

/**
 * The per-pod rules shared by the endpointslice and endpoints controllers
 * (staging/src/k8s.io/endpointslice/utils.go and util/controller_utils.go, v1.32).
 */

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const IS_HEADLESS_SERVICE = 'service.kubernetes.io/headless';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
export const ENDPOINTS_LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** The pod's IPv4 addresses, from `status.podIPs` (or the older `podIP`). */
export function podIPv4s(pod: Pod): string[] {
  const ips = pod.status?.podIPs?.map((p) => p.ip) ?? (pod.status?.podIP ? [pod.status.podIP] : []);
  return ips.filter((ip): ip is string => !!ip && !ip.includes(':'));
}

/**
 * `ShouldPodBeInEndpoints`: finished pods and pods without an IP never appear; terminating ones
 * only when the caller tracks terminating endpoints (EndpointSlices always do).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** Whether the service's selector (a plain map) selects these labels. */
export function selectorMatches(service: Service, labels: Record<string, string> | undefined): boolean {
  const sel = service.spec?.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel)) if (l[k] !== v) return false;
  return true;
}

/** Whether the controllers manage endpoints for this service at all. */
export function hasSelector(service: Service): boolean {
  return !!service.spec?.selector && Object.keys(service.spec.selector).length > 0;
}

export function isServiceIPSet(service: Service): boolean {
  const ip = service.spec?.clusterIP;
  return ip !== undefined && ip !== '' && ip !== 'None';
}

/**
 * `FindPort`: a numeric targetPort is used as is; a named one is looked up among the containers'
 * (and restartable init containers') ports with the same protocol.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  const protocol = svcPort.protocol ?? 'TCP';
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const spec = pod.spec;
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(spec?.containers ?? []), ...sidecars])
    for (const p of c.ports ?? [])
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  return undefined;
}

/** `getEndpointPorts`: one port per service port the pod can serve; unresolvable ones are left out. */
export function getEndpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const ports = service.spec?.ports ?? [];
  const out: EndpointPort[] = [];
  if (ports.length === 0 && service.spec?.clusterIP === 'None') return out;
  for (const sp of ports) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: Mutable<EndpointPort> = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** `ShouldSetHostname`: a pod with hostname and a subdomain naming this (headless) service. */
function shouldSetHostname(pod: Pod, service: Service): boolean {
  return (
    !!pod.spec?.hostname &&
    pod.spec.subdomain === service.metadata?.name &&
    service.metadata?.namespace === pod.metadata?.namespace
  );
}

/**
 * `podToEndpoint`: serving follows the Ready condition, terminating the deletion timestamp, and
 * ready is serving-and-not-terminating unless the service publishes unready addresses.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, service: Service): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: Mutable<Endpoint> = {
    addresses: podIPv4s(pod),
    conditions: { ready, serving, terminating },
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name,
      uid: pod.metadata?.uid,
    },
  };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LABEL_TOPOLOGY_ZONE];
  if (zone) ep.zone = zone;
  if (shouldSetHostname(pod, service)) ep.hostname = pod.spec?.hostname;
  return ep;
}

/** The identity of an endpoint within a slice (`hashEndpoint`): addresses, hostname and target. */
export function endpointKey(ep: Endpoint): string {
  return [
    [...ep.addresses].sort().join(','),
    ep.hostname ?? '',
    ep.targetRef?.namespace ?? '',
    ep.targetRef?.name ?? '',
  ].join('|');
}

/** `EndpointsEqualBeyondHash`: the fields that can change while the endpoint stays the same one. */
export function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  const c = (e: Endpoint) =>
    JSON.stringify([
      e.conditions?.ready ?? null,
      e.conditions?.serving ?? null,
      e.conditions?.terminating ?? null,
      e.zone ?? null,
      e.nodeName ?? null,
      e.targetRef?.uid ?? null,
      e.hints ?? null,
    ]);
  return c(a) === c(b);
}

/** `NewPortMapKey`: endpoints that expose the same ports share slices. */
export function portMapKey(ports: readonly EndpointPort[] | null | undefined): string {
  return (ports ?? [])
    .map((p) => `${p.name ?? ''}/${p.protocol ?? ''}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}
