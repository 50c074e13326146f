import type { Service } from 'kubernetes-types/core/v1';
import type { Protocol } from './model';
import {
  externalChainName,
  serviceFirewallChainName,
  servicePortChainName,
  servicePortLocalChainName,
  servicePortNameString,
} from './chains';

/**
 * What kube-proxy keeps of one port of one Service (pkg/proxy/serviceport.go `newBaseServiceInfo`
 * plus the iptables proxier's cached chain names), for the IPv4 proxier. KubeSim is IPv4-only.
 */
export interface ServicePortInfo {
  namespace: string;
  name: string;
  portName: string;
  /** `ns/name` or `ns/name:port`. */
  nameString: string;
  protocol: Protocol;
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  sessionAffinityClientIP: boolean;
  stickyMaxAgeSeconds: number;
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  clusterPolicyChain: string;
  localPolicyChain: string;
  firewallChain: string;
  externalChain: string;
}

/** The label that hands a Service to another proxy implementation; kube-proxy's informer skips it. */
const SERVICE_PROXY_NAME_LABEL = 'service.kubernetes.io/service-proxy-name';

const isIPv4 = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);
const isIPv4CIDR = (s: string): boolean => /^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(s);

export function externallyAccessible(p: ServicePortInfo): boolean {
  return p.nodePort !== 0 || p.loadBalancerVIPs.length > 0 || p.externalIPs.length > 0;
}

/** Cluster endpoints are needed for Cluster internal policy, and for any external traffic (short-circuiting). */
export function usesClusterEndpoints(p: ServicePortInfo): boolean {
  return !p.internalPolicyLocal || externallyAccessible(p);
}

export function usesLocalEndpoints(p: ServicePortInfo): boolean {
  return p.internalPolicyLocal || (p.externalPolicyLocal && externallyAccessible(p));
}

/** The IPv4 cluster IP, as `GetClusterIPByFamily`; '' when the service has none. */
function clusterIPv4(svc: Service): string {
  const spec = svc.spec ?? {};
  const ips =
    spec.clusterIPs && spec.clusterIPs.length > 0 ? spec.clusterIPs : spec.clusterIP ? [spec.clusterIP] : [];
  return ips.find(isIPv4) ?? '';
}

/** `ShouldSkipService`: headless, IP-less and ExternalName services get no rules. */
function shouldSkip(svc: Service): boolean {
  const spec = svc.spec ?? {};
  if (spec.clusterIP === 'None' || !spec.clusterIP) return true;
  if (spec.type === 'ExternalName') return true;
  return svc.metadata?.labels?.[SERVICE_PROXY_NAME_LABEL] !== undefined;
}

export function servicePortInfos(svc: Service): ServicePortInfo[] {
  if (shouldSkip(svc)) return [];
  const clusterIP = clusterIPv4(svc);
  if (clusterIP === '') return [];
  const spec = svc.spec ?? {};
  const namespace = svc.metadata?.namespace ?? 'default';
  const name = svc.metadata?.name ?? '';
  const type = spec.type ?? 'ClusterIP';
  const externalIPs = (spec.externalIPs ?? []).filter(isIPv4);
  const externalPolicyLocal =
    (type === 'NodePort' || type === 'LoadBalancer' || (spec.externalIPs ?? []).length > 0) &&
    spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  const sessionAffinityClientIP = spec.sessionAffinity === 'ClientIP';
  // The apiserver defaults timeoutSeconds to 10800 whenever affinity is ClientIP.
  const stickyMaxAgeSeconds = sessionAffinityClientIP
    ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800)
    : 0;
  // Validation tolerates whitespace around source ranges; kube-proxy trims it.
  const loadBalancerSourceRanges = (spec.loadBalancerSourceRanges ?? [])
    .map((s) => s.trim())
    .filter(isIPv4CIDR);
  // Only VIP-mode ingress IPs get rules; Proxy-mode load balancers deliver to the node instead.
  const loadBalancerVIPs = (svc.status?.loadBalancer?.ingress ?? [])
    .filter((ing) => ing.ip && (ing.ipMode === undefined || ing.ipMode === 'VIP') && isIPv4(ing.ip))
    .map((ing) => ing.ip as string);
  const needsHealthCheck = type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
  const healthCheckNodePort = needsHealthCheck ? (spec.healthCheckNodePort ?? 0) : 0;

  return (spec.ports ?? []).map((port) => {
    const portName = port.name ?? '';
    const protocol = (port.protocol ?? 'TCP').toLowerCase() as Protocol;
    const nameString = servicePortNameString(namespace, name, portName);
    return {
      namespace,
      name,
      portName,
      nameString,
      protocol,
      clusterIP,
      port: port.port,
      nodePort: port.nodePort ?? 0,
      externalIPs,
      loadBalancerVIPs,
      loadBalancerSourceRanges,
      healthCheckNodePort,
      sessionAffinityClientIP,
      stickyMaxAgeSeconds,
      internalPolicyLocal,
      externalPolicyLocal,
      clusterPolicyChain: servicePortChainName(nameString, protocol),
      localPolicyChain: servicePortLocalChainName(nameString, protocol),
      firewallChain: serviceFirewallChainName(nameString, protocol),
      externalChain: externalChainName(nameString, protocol),
    };
  });
}
