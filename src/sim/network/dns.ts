import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ApiServer } from '../apiserver/apiserver';
import type { Informer } from '../client/informer';
import { InformerFactory } from '../client/informer-factory';
import { slicesByServiceIndex } from '../controllers/endpointslice/endpointslice-controller';
import { CLUSTER_DOMAIN } from './pod-cidr';

export type DnsAnswer =
  | { rcode: 'NOERROR'; name: string; addresses: string[]; cname?: string }
  | { rcode: 'NXDOMAIN'; name: string };

export interface Resolution {
  /** The answer that ended the search: the first with addresses, else the last NXDOMAIN. */
  answer: DnsAnswer;
  /** Each absolute name queried, in order (the resolver's search-list expansion). */
  tried: string[];
}

const BY_SERVICE = 'coredns-service';

/** A pod's `/etc/resolv.conf` search path under dnsPolicy ClusterFirst. */
export function podSearchPath(namespace: string, domain = CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
}

/**
 * Cluster DNS as CoreDNS's `kubernetes` plugin answers it, from the Services and EndpointSlices
 * its informers hold: `<svc>.<ns>.svc.cluster.local` is the ClusterIP (or, for a headless
 * service, the ready endpoints' addresses), `<host>.<svc>.<ns>.svc…` one headless endpoint,
 * `a-b-c-d.<ns>.pod…` the dashed IP (`pods insecure`). Names outside the zone would be forwarded
 * upstream; KubeSim has no internet, so they do not resolve.
 */
export class ClusterDns {
  private readonly informers: InformerFactory;
  private readonly services: Informer;
  private readonly slices: Informer;

  constructor(
    api: ApiServer,
    readonly domain = CLUSTER_DOMAIN,
  ) {
    this.informers = new InformerFactory(api, 'coredns');
    this.services = this.informers.informer('services');
    this.slices = this.informers.informer('endpointslices', 'discovery.k8s.io');
    this.slices.addIndexer(BY_SERVICE, slicesByServiceIndex);
  }

  start(): void {
    this.informers.start();
  }

  /** The `kube-system/kube-dns` Service that kubeadm's CoreDNS add-on creates, if it exists. */
  dnsService(): Service | undefined {
    return this.services.get('kube-system/kube-dns') as Service | undefined;
  }

  /** One query for an absolute name. */
  lookup(fqdn: string): DnsAnswer {
    const name = fqdn.replace(/\.$/, '').toLowerCase();
    const nx: DnsAnswer = { rcode: 'NXDOMAIN', name };
    const zone = `.${this.domain}`;
    if (!name.endsWith(zone)) return nx;
    const labels = name.slice(0, -zone.length).split('.');
    if (labels.length === 3 && labels[2] === 'pod') {
      const ip = labels[0].replace(/-/g, '.');
      return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? { rcode: 'NOERROR', name, addresses: [ip] } : nx;
    }
    if (labels[labels.length - 1] !== 'svc') return nx;
    if (labels.length === 3) return this.serviceRecord(name, labels[1], labels[0]);
    if (labels.length === 4) return this.endpointRecord(name, labels[2], labels[1], labels[0]);
    return nx;
  }

  /**
   * The stub resolver (glibc, `options ndots:5`): a name with fewer dots than ndots tries the
   * search path first, then itself; a name ending in a dot is only ever itself.
   */
  resolve(name: string, search: string[], ndots = 5): Resolution {
    const tried: string[] = [];
    const candidates: string[] = [];
    if (name.endsWith('.')) candidates.push(name.slice(0, -1));
    else {
      const dots = name.split('.').length - 1;
      const expanded = search.map((s) => `${name}.${s}`);
      if (dots >= ndots) candidates.push(name, ...expanded);
      else candidates.push(...expanded, name);
    }
    let last: DnsAnswer = { rcode: 'NXDOMAIN', name };
    for (const c of candidates) {
      tried.push(c);
      last = this.lookup(c);
      if (last.rcode === 'NOERROR' && last.addresses.length > 0) return { answer: last, tried };
    }
    return { answer: last, tried };
  }

  private serviceRecord(name: string, namespace: string, svcName: string): DnsAnswer {
    const svc = this.services.get(`${namespace}/${svcName}`) as Service | undefined;
    if (!svc) return { rcode: 'NXDOMAIN', name };
    const spec = svc.spec ?? {};
    if (spec.type === 'ExternalName')
      // The CNAME points outside the cluster, where KubeSim's DNS cannot follow.
      return { rcode: 'NOERROR', name, addresses: [], cname: spec.externalName ?? '' };
    if (spec.clusterIP && spec.clusterIP !== 'None')
      return { rcode: 'NOERROR', name, addresses: [spec.clusterIP] };
    const ips = new Set<string>();
    for (const s of this.slicesOf(namespace, svcName))
      for (const ep of s.endpoints ?? [])
        if (ep.conditions?.ready !== false || spec.publishNotReadyAddresses)
          for (const a of ep.addresses) ips.add(a);
    if (ips.size === 0) return { rcode: 'NXDOMAIN', name };
    return { rcode: 'NOERROR', name, addresses: [...ips].sort() };
  }

  private endpointRecord(name: string, namespace: string, svcName: string, host: string): DnsAnswer {
    for (const s of this.slicesOf(namespace, svcName))
      for (const ep of s.endpoints ?? []) {
        const dashed = (ep.addresses[0] ?? '').replace(/\./g, '-');
        if (ep.hostname === host || (!ep.hostname && dashed === host))
          return { rcode: 'NOERROR', name, addresses: [...ep.addresses] };
      }
    return { rcode: 'NXDOMAIN', name };
  }

  private slicesOf(namespace: string, svc: string): EndpointSlice[] {
    return this.slices.byIndex(BY_SERVICE, `${namespace}/${svc}`) as unknown as EndpointSlice[];
  }
}
