/**
 * The rule model shared by the iptables-save printer and the packet walk. It follows iptables'
 * own shape (an IP header part, an ordered list of matches, one target) so that printing in
 * `iptables-save` form and evaluating a packet read the same data.
 */

export type TableName = 'nat' | 'filter';
export type Protocol = 'tcp' | 'udp' | 'sctp';

/** An address match from the IP header (`-s` / `-d`), optionally negated with `!`. */
export interface AddressMatch {
  /** `a.b.c.d` or `a.b.c.d/len`, as written. */
  cidr: string;
  negate: boolean;
}

export type Match =
  | { kind: 'comment'; comment: string }
  /** `-m tcp` (or udp, sctp) with its optional `--dport`. */
  | { kind: 'proto'; protocol: Protocol; dport?: number }
  | { kind: 'addrtype'; srcType?: 'LOCAL'; dstType?: 'LOCAL' }
  | { kind: 'conntrack'; states: CtState[]; negate: boolean }
  | { kind: 'mark'; value: number; mask: number; negate: boolean }
  /** `probability` is kube-proxy's text (10 decimals); the kernel keeps a 31-bit fraction of it. */
  | { kind: 'statistic'; probability: string }
  | { kind: 'recent'; name: string; action: 'set' | 'rcheck'; seconds?: number; reap?: boolean }
  | { kind: 'nfacct'; name: string };

export type CtState = 'INVALID' | 'NEW' | 'RELATED' | 'ESTABLISHED' | 'DNAT';

export type Target =
  | { kind: 'jump'; chain: string }
  | { kind: 'DNAT'; toDestination: string }
  | { kind: 'MARK'; op: 'or' | 'xor'; value: number }
  | { kind: 'MASQUERADE'; randomFully: boolean }
  | { kind: 'REJECT' }
  | { kind: 'DROP' }
  | { kind: 'ACCEPT' }
  | { kind: 'RETURN' };

export interface Rule {
  table: TableName;
  chain: string;
  source?: AddressMatch;
  destination?: AddressMatch;
  protocol?: Protocol;
  matches: Match[];
  /** Absent for a rule that only counts (the last rule of a `KUBE-FW-…` chain). */
  target?: Target;
  /** The rule exactly as its author wrote it (kube-proxy's iptables-restore line, or the `-A` of an EnsureRule). */
  text: string;
}

export interface Table {
  name: TableName;
  /** Declared chains in iptables-save order: built-in chains first, then user chains sorted by name. */
  chains: string[];
  /** Policies of the built-in chains. */
  policies: Record<string, 'ACCEPT' | 'DROP'>;
  /** Rules in the order they sit in their chain (rules of different chains may interleave). */
  rules: Rule[];
}

export interface Tables {
  nat: Table;
  filter: Table;
}

export const BUILTIN_CHAINS: Record<TableName, string[]> = {
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

/** The rules of one chain, in order. */
export function chainRules(table: Table, chain: string): Rule[] {
  return table.rules.filter((r) => r.chain === chain);
}
