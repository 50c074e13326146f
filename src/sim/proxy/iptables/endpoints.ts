import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Protocol } from './model';
import type { ServicePortInfo } from './service-ports';
import { usesClusterEndpoints, usesLocalEndpoints } from './service-ports';
import { endpointChainName, servicePortNameString } from './chains';

/**
 * One endpoint of one service port as kube-proxy holds it (pkg/proxy/endpoint.go BaseEndpointInfo
 * plus the iptables proxier's `KUBE-SEP-…` chain name).
 */
export interface EndpointInfo {
  ip: string;
  port: number;
  /** `ip:port`, the string endpoints are sorted and hashed by. */
  hostPort: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  chain: string;
}

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
/** kube-proxy's informers select away slices of headless services and of other proxies. */
const HEADLESS_LABEL = 'service.kubernetes.io/headless';
const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

/** Key of the endpoints map: service, port name and protocol, as upstream's ServicePortName. */
export function endpointsKey(
  namespace: string,
  service: string,
  portName: string,
  protocol: Protocol,
): string {
  return `${namespace}/${service}:${portName}/${protocol}`;
}

const isIPv4 = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

/**
 * The endpoints map built from EndpointSlices (pkg/proxy/endpointslicecache.go): slices of a
 * service are merged per port, duplicates collapse (a local copy wins), and each list is sorted
 * by `ip:port` string. Unready endpoints are kept here; CategorizeEndpoints filters them.
 */
export function buildEndpointsMap(slices: EndpointSlice[], nodeName: string): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  for (const slice of slices) {
    const labels = slice.metadata?.labels ?? {};
    const service = labels[SERVICE_NAME_LABEL];
    if (!service || labels[HEADLESS_LABEL] !== undefined || labels[SERVICE_PROXY_NAME_LABEL] !== undefined)
      continue;
    if (slice.addressType !== 'IPv4') continue;
    const namespace = slice.metadata?.namespace ?? 'default';
    for (const port of slice.ports ?? []) {
      // The endpointslice controller always sets the name ("" when unnamed); KubeSim reads a missing one as "".
      if (port.port === undefined || port.port === 0) continue;
      const portName = port.name ?? '';
      const protocol = (port.protocol ?? 'TCP').toLowerCase() as Protocol;
      const key = endpointsKey(namespace, service, portName, protocol);
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      const svcPortName = servicePortNameString(namespace, service, portName);
      for (const ep of slice.endpoints) {
        const ip = ep.addresses[0];
        if (!ip || !isIPv4(ip)) continue;
        const isLocal = ep.nodeName !== undefined && ep.nodeName === nodeName;
        const hostPort = `${ip}:${port.port}`;
        if (set.has(hostPort) && !isLocal) continue;
        set.set(hostPort, {
          ip,
          port: port.port,
          hostPort,
          isLocal,
          ready: ep.conditions?.ready ?? true,
          serving: ep.conditions?.serving ?? true,
          terminating: ep.conditions?.terminating ?? false,
          chain: endpointChainName(svcPortName, protocol, hostPort),
        });
      }
    }
  }
  const map = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    map.set(
      key,
      [...set.values()].sort((a, b) => compareStrings(a.hostPort, b.hostPort)),
    );
  }
  return map;
}

/** Go's string order (byte-wise), which is what upstream's sort uses. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface CategorizedEndpoints {
  clusterEndpoints: EndpointInfo[];
  localEndpoints: EndpointInfo[];
  allReachable: EndpointInfo[];
  hasAnyEndpoints: boolean;
}

/**
 * pkg/proxy/topology.go `CategorizeEndpoints`: Ready endpoints, falling back to serving and
 * terminating ones (separately for Cluster and Local) when none are ready. KubeSim has no zones,
 * so topology hints never apply.
 */
export function categorizeEndpoints(endpoints: EndpointInfo[], svc: ServicePortInfo): CategorizedEndpoints {
  const out: CategorizedEndpoints = {
    clusterEndpoints: [],
    localEndpoints: [],
    allReachable: [],
    hasAnyEndpoints: false,
  };
  if (endpoints.length === 0) return out;

  if (usesClusterEndpoints(svc)) {
    out.clusterEndpoints = endpoints.filter((ep) => ep.ready);
    if (out.clusterEndpoints.length === 0)
      out.clusterEndpoints = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (out.clusterEndpoints.length > 0) out.hasAnyEndpoints = true;
  }
  if (!usesLocalEndpoints(svc)) {
    out.allReachable = out.clusterEndpoints;
    return out;
  }

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      out.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      out.hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let useServingTerminating = false;
  if (hasLocalReady) {
    out.localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    out.localEndpoints = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }

  if (!usesClusterEndpoints(svc)) {
    out.allReachable = out.localEndpoints;
    return out;
  }
  if (!useServingTerminating) {
    out.allReachable = out.clusterEndpoints;
    return out;
  }
  // Upstream merges through a Go map (random order); KubeSim sorts by ip:port to stay deterministic.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of out.clusterEndpoints) merged.set(ep.hostPort, ep);
  for (const ep of out.localEndpoints) merged.set(ep.hostPort, ep);
  out.allReachable = [...merged.values()].sort((a, b) => compareStrings(a.hostPort, b.hostPort));
  return out;
}
