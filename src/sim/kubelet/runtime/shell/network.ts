import type { RequestOptions, RequestResult } from '../../../network/packet-path';

/** What `nslookup` learns from the pod's nameserver. */
export type LookupResult =
  | { server: string; name: string; addresses: string[] }
  | { server: string; error: 'NXDOMAIN' | 'timeout'; tried: string[] };

/**
 * The network as a process inside a pod sees it: requests leave through the pod's node (its
 * iptables rules, then the route to the serving pod) and names go to the cluster nameserver.
 * Only `kubectl exec` processes get one; a container's PID 1 script has none, because a
 * running script is plain data that a snapshot must be able to carry.
 */
export interface PodNetwork {
  request(url: string, opts?: RequestOptions): RequestResult;
  lookup(name: string): LookupResult;
}
