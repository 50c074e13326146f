import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

/**
 * pkg/api/v1/endpoints `RepackSubsets`: the controller builds one subset per (address, port);
 * repacking groups addresses that offer exactly the same ports, keeps an address not-ready on a
 * port if any input said so, and sorts. Upstream orders subsets and ports by an md5 of their
 * printed form; KubeSim orders them by their text, which is as stable and readable.
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const addrs = new Map<string, EndpointAddress>();
  /** Per port (by key): address key → ready. */
  const portAddrs = new Map<string, { port: EndpointPort | undefined; ready: Map<string, boolean> }>();
  const mapAddress = (addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const key = `${addr.ip}|${addr.targetRef?.uid ?? ''}`;
    if (!addrs.has(key)) addrs.set(key, addr);
    const pk = port ? portKey(port) : '<sentinel>';
    let entry = portAddrs.get(pk);
    if (!entry) portAddrs.set(pk, (entry = { port, ready: new Map() }));
    const was = entry.ready.get(key);
    // Not ready always wins over ready.
    if (was === undefined || was) entry.ready.set(key, ready);
  };
  for (const ss of subsets) {
    const ports: (EndpointPort | undefined)[] = (ss.ports ?? []).length > 0 ? (ss.ports ?? []) : [undefined];
    for (const port of ports) {
      for (const a of ss.addresses ?? []) mapAddress(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) mapAddress(a, port, false);
    }
  }
  // Group ports by the exact set of (address, readiness) they map to.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, ready } of portAddrs.values()) {
    const key = [...ready.entries()]
      .map(([a, r]) => `${a}=${r}`)
      .sort()
      .join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ready, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.ready) (r ? ready : notReady).push(addrs.get(k)!);
    const ss: {
      addresses?: EndpointAddress[];
      notReadyAddresses?: EndpointAddress[];
      ports?: EndpointPort[];
    } = {};
    if (ready.length > 0) ss.addresses = ready.sort(lessAddress);
    if (notReady.length > 0) ss.notReadyAddresses = notReady.sort(lessAddress);
    if (g.ports.length > 0) ss.ports = g.ports.sort((a, b) => cmp(portKey(a), portKey(b)));
    out.push(ss);
  }
  return out.sort((a, b) => cmp(subsetKey(a), subsetKey(b)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}/${p.protocol ?? ''}/${p.port}/${p.appProtocol ?? ''}`;
}

function subsetKey(s: EndpointSubset): string {
  return (s.ports ?? []).map(portKey).join(',') + '#' + (s.addresses ?? s.notReadyAddresses ?? [])[0]?.ip;
}

/** `LessEndpointAddress`: by IP text, then by target UID. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  return cmp(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}
