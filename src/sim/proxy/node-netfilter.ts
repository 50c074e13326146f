import type { ConntrackTable } from './iptables/conntrack';
import type { Tables } from './iptables/model';
import { BUILTIN_CHAINS } from './iptables/model';
import type { RecentTable } from './iptables/recent';

/**
 * One node's netfilter state, as the kernel holds it: the tables kube-proxy last restored, the
 * conntrack entries of its flows and the `recent` lists of ClientIP affinity. kube-proxy writes
 * the tables; packets read all three. Plain data, so a snapshot copies it.
 */
export interface NodeNetfilter {
  node: string;
  tables: Tables;
  conntrack: ConntrackTable;
  recent: RecentTable;
}

/** A fresh kernel: only the built-in chains, every policy ACCEPT. */
export function emptyTables(): Tables {
  const table = (name: 'nat' | 'filter') => ({
    name,
    chains: [...BUILTIN_CHAINS[name]],
    policies: Object.fromEntries(BUILTIN_CHAINS[name].map((c) => [c, 'ACCEPT' as const])),
    rules: [],
  });
  return { nat: table('nat'), filter: table('filter') };
}

export function newNodeNetfilter(node: string): NodeNetfilter {
  return { node, tables: emptyTables(), conntrack: {}, recent: {} };
}
