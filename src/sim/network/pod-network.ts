import type { LookupResult, PodNetwork } from '../kubelet/runtime/shell/network';
import type { ClusterNetwork } from './cluster-network';
import { podSearchPath } from './dns';
import { parseSource } from './packet-path';
import { CLUSTER_DNS_IP } from './pod-cidr';

/**
 * The network a process in `<namespace>/<pod>` reaches: its HTTP requests take the packet path
 * from the pod (DNS, the node's iptables walk, the route, the serving container). `nslookup`
 * asks CoreDNS's view of the Services directly — the name resolution curl does on its way is
 * the one that walks the rules.
 */
export function podNetwork(network: ClusterNetwork, source: string): PodNetwork {
  const src = parseSource(source);
  const namespace = src.kind === 'pod' ? src.namespace : 'default';
  return {
    request: (url, opts) => network.request(src, url, opts),
    lookup: (name): LookupResult => {
      const server = network.dns.dnsService()?.spec?.clusterIP ?? CLUSTER_DNS_IP;
      const r = network.dns.resolve(name, podSearchPath(namespace, network.dns.domain));
      if (r.answer.rcode === 'NOERROR' && r.answer.addresses.length > 0)
        return { server, name: r.answer.name, addresses: r.answer.addresses };
      return { server, error: 'NXDOMAIN', tried: r.tried };
    },
  };
}
