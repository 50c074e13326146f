import { sha256 } from '@noble/hashes/sha2.js';
import { base32 } from '@scure/base';

/**
 * Chain names kube-proxy (pkg/proxy/iptables/proxier.go, v1.32) creates. Per-service chain names
 * carry a hash because iptables chain names must fit in 28 characters.
 */

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
/** kubelet's anti-martian chain; kube-proxy writes an identical copy when localhost NodePorts are on. */
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
export const KUBE_KUBELET_CANARY = 'KUBE-KUBELET-CANARY';

const encoder = new TextEncoder();

/** sha256 → base32 (standard alphabet, padded, as Go's base32.StdEncoding) → first 16 characters. */
export function portProtoHash(servicePortName: string, protocol: string): string {
  return base32.encode(sha256(encoder.encode(servicePortName + protocol))).slice(0, 16);
}

/**
 * The `ServicePortName.String()` of upstream: `ns/name`, plus `:port` only when the port is named.
 */
export function servicePortNameString(namespace: string, name: string, portName: string): string {
  return portName === '' ? `${namespace}/${name}` : `${namespace}/${name}:${portName}`;
}

/** `KUBE-SVC-…`: the service port's chain for Cluster traffic policy. `protocol` is lower case. */
export function servicePortChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-SVC-' + portProtoHash(servicePortName, protocol);
}

/** `KUBE-SVL-…`: the service port's chain for Local traffic policy. */
export function servicePortLocalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-SVL-' + portProtoHash(servicePortName, protocol);
}

/** `KUBE-FW-…`: loadBalancerSourceRanges filtering. */
export function serviceFirewallChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-FW-' + portProtoHash(servicePortName, protocol);
}

/** `KUBE-EXT-…`: where NodePort, external IP and load-balancer traffic enters the service. */
export function externalChainName(servicePortName: string, protocol: string): string {
  return 'KUBE-EXT-' + portProtoHash(servicePortName, protocol);
}

/** `KUBE-SEP-…`: one endpoint of a service port; `endpoint` is `ip:port`. */
export function endpointChainName(servicePortName: string, protocol: string, endpoint: string): string {
  return 'KUBE-SEP-' + portProtoHash(servicePortName, protocol + endpoint);
}
