import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { buildTables } from './iptables/rules';
import type { Tables } from './iptables/model';
import { servicePortInfos, usesLocalEndpoints } from './iptables/service-ports';
import { diffTables, type TablesDiff } from './table-diff';

/** A kube-proxy's informer contents, with a fingerprint that is equal when the contents are. */
export interface ProxyView {
  fingerprint: string;
  services(): Service[];
  endpointSlices(): EndpointSlice[];
  /** Slices of one service (`<ns>/<name>`), from an index. */
  slicesOf(serviceKey: string): EndpointSlice[];
}

interface Entry {
  /** Services whose rules depend on which endpoints are local to the node. */
  localServices: string[];
  /** Whether a loadBalancerSourceRanges rule depends on the node's own IP. */
  needsNodeIP: boolean;
  tables: Map<string, Tables>;
}

const MAX_ENTRIES = 16;
const MAX_DIFFS = 64;

/**
 * `buildTables` is a pure function of (services, slices, node): two nodes with the same informer
 * contents get the same rules, except for services with a Local traffic policy, whose chains list
 * only that node's endpoints. The cache computes the rules once per distinct input — once for
 * the whole cluster when no service is Local — so a sync costs each of 1,000 nodes a lookup.
 * It is a memo of a pure function, not a channel between kube-proxies: each still reads its own
 * informers and decides for itself when to sync.
 */
export class RuleCache {
  private readonly entries = new Map<string, Entry>();
  private readonly diffs = new Map<string, TablesDiff>();
  private readonly ids = new WeakMap<Tables, number>();
  private nextId = 1;
  builds = 0;

  constructor(private readonly clusterCIDR: string) {}

  tablesFor(view: ProxyView, node: string, nodeIP: string): Tables {
    let entry = this.entries.get(view.fingerprint);
    if (!entry) {
      entry = analyse(view.services());
      this.entries.set(view.fingerprint, entry);
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    const sig = signature(entry, view, node, nodeIP);
    let tables = entry.tables.get(sig);
    if (!tables) {
      this.builds++;
      tables = buildTables({
        services: view.services(),
        endpointSlices: view.endpointSlices(),
        nodeName: node,
        nodeIPs: [nodeIP],
        clusterCIDR: this.clusterCIDR,
      });
      entry.tables.set(sig, tables);
    }
    return tables;
  }

  diff(prev: Tables, next: Tables): TablesDiff {
    const key = `${this.id(prev)}>${this.id(next)}`;
    let d = this.diffs.get(key);
    if (!d) {
      d = diffTables(prev, next);
      this.diffs.set(key, d);
      if (this.diffs.size > MAX_DIFFS) this.diffs.delete(this.diffs.keys().next().value as string);
    }
    return d;
  }

  private id(t: Tables): number {
    let id = this.ids.get(t);
    if (id === undefined) this.ids.set(t, (id = this.nextId++));
    return id;
  }
}

function analyse(services: Service[]): Entry {
  const local = new Set<string>();
  let needsNodeIP = false;
  for (const svc of services)
    for (const p of servicePortInfos(svc)) {
      if (usesLocalEndpoints(p)) local.add(`${p.namespace}/${p.name}`);
      if (p.loadBalancerVIPs.length > 0 && p.loadBalancerSourceRanges.length > 0) needsNodeIP = true;
    }
  return { localServices: [...local].sort(), needsNodeIP, tables: new Map() };
}

/** What makes this node's rules differ from another's: its local endpoints of Local services. */
function signature(entry: Entry, view: ProxyView, node: string, nodeIP: string): string {
  if (entry.localServices.length === 0 && !entry.needsNodeIP) return '';
  const parts: string[] = entry.needsNodeIP ? [nodeIP] : [];
  for (const key of entry.localServices) {
    const ips: string[] = [];
    for (const s of view.slicesOf(key))
      for (const ep of s.endpoints ?? []) if (ep.nodeName === node) ips.push(ep.addresses[0] ?? '');
    parts.push(`${key}=${ips.sort().join(',')}`);
  }
  return parts.join(';');
}
