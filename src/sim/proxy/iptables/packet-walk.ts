import type { SeededRandom } from '../../engine/random';
import type { CtState, Match, Protocol, Rule, Table, TableName, Tables } from './model';
import type { RecentTable } from './recent';
import { recentCheck, recentSet } from './recent';
import { kernelProbabilityFraction } from './save';
import { cidrContains } from './cidr';

/**
 * The first packet of a connection walked through the node's tables rule by rule, as netfilter
 * does: nat PREROUTING (or nat OUTPUT for a local process), the routing decision, filter INPUT,
 * FORWARD or OUTPUT, then nat POSTROUTING. Later packets of the flow follow conntrack instead
 * (see conntrack.ts). Only nat and filter are modelled; mangle and raw hold nothing of kube-proxy's.
 */
export interface Packet {
  srcIP: string;
  dstIP: string;
  dstPort: number;
  protocol: Protocol;
  /** Sent by a process on this node (walks nat OUTPUT), rather than arriving from a pod or the network. */
  fromLocalProcess: boolean;
}

export interface WalkContext {
  random: SeededRandom;
  recent: RecentTable;
  nowMs: number;
  /** The node's own addresses (`-m addrtype --dst-type LOCAL`); 127.0.0.0/8 is always local. */
  localAddresses: string[];
}

export interface MatchedRule {
  table: TableName;
  chain: string;
  /** Position of the rule in its chain, from 0. */
  ruleIndex: number;
  text: string;
}

export type Verdict = 'DNAT' | 'ACCEPT' | 'REJECT' | 'DROP';

export interface WalkResult {
  verdict: Verdict;
  dnatTo?: { ip: string; port: number };
  masquerade: boolean;
  matched: MatchedRule[];
}

/** What a chain ended with: a verdict, or falling off its end / RETURN (back to the caller). */
type Outcome = 'ACCEPT' | 'DROP' | 'REJECT' | 'DNAT' | 'CONTINUE';

interface PacketState {
  srcIP: string;
  dstIP: string;
  dstPort: number;
  protocol: Protocol;
  mark: number;
  dnatTo?: { ip: string; port: number };
  masquerade: boolean;
}

const chainIndexes = new WeakMap<Table, Map<string, Rule[]>>();

function chainIndex(table: Table): Map<string, Rule[]> {
  let index = chainIndexes.get(table);
  if (!index) {
    index = new Map();
    for (const r of table.rules) {
      const list = index.get(r.chain);
      if (list) list.push(r);
      else index.set(r.chain, [r]);
    }
    chainIndexes.set(table, index);
  }
  return index;
}

/** Guards against a loop of jumps; iptables itself refuses to load one. */
const MAX_DEPTH = 32;

export function walkPacket(tables: Tables, packet: Packet, ctx: WalkContext): WalkResult {
  const matched: MatchedRule[] = [];
  const pkt: PacketState = {
    srcIP: packet.srcIP,
    dstIP: packet.dstIP,
    dstPort: packet.dstPort,
    protocol: packet.protocol,
    mark: 0,
    masquerade: false,
  };
  const isLocal = (ip: string): boolean => ctx.localAddresses.includes(ip) || cidrContains('127.0.0.0/8', ip);

  const matches = (m: Match): boolean => {
    switch (m.kind) {
      case 'comment':
      case 'nfacct':
        return true;
      case 'proto':
        return m.protocol === pkt.protocol && (m.dport === undefined || m.dport === pkt.dstPort);
      case 'addrtype':
        return (!m.srcType || isLocal(pkt.srcIP)) && (!m.dstType || isLocal(pkt.dstIP));
      case 'conntrack': {
        // Only a connection's first packet walks the rules, so its state is NEW (and DNAT once natted).
        const states: CtState[] = pkt.dnatTo ? ['NEW', 'DNAT'] : ['NEW'];
        const hit = m.states.some((s) => states.includes(s));
        return hit !== m.negate;
      }
      case 'mark':
        return ((pkt.mark & m.mask) >>> 0 === m.value) !== m.negate;
      case 'statistic': {
        // The kernel compares a 31-bit random number with the stored fraction.
        const draw = Math.floor(ctx.random.float() * 0x80000000);
        return draw < kernelProbabilityFraction(m.probability);
      }
      case 'recent':
        if (m.action === 'set') {
          recentSet(ctx.recent, m.name, pkt.srcIP, ctx.nowMs);
          return true;
        }
        return recentCheck(ctx.recent, m.name, pkt.srcIP, ctx.nowMs, m.seconds ?? 0, m.reap ?? false);
    }
  };

  const ruleMatches = (r: Rule): boolean => {
    if (r.source && cidrContains(r.source.cidr, pkt.srcIP) === r.source.negate) return false;
    if (r.destination && cidrContains(r.destination.cidr, pkt.dstIP) === r.destination.negate) return false;
    if (r.protocol && r.protocol !== pkt.protocol) return false;
    for (const m of r.matches) if (!matches(m)) return false;
    return true;
  };

  const runChain = (table: Table, chain: string, depth: number): Outcome => {
    if (depth > MAX_DEPTH) return 'DROP';
    const rules = chainIndex(table).get(chain) ?? [];
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (!ruleMatches(r)) continue;
      matched.push({ table: table.name, chain, ruleIndex: i, text: r.text });
      const t = r.target;
      if (!t) continue;
      switch (t.kind) {
        case 'jump': {
          const outcome = runChain(table, t.chain, depth + 1);
          if (outcome !== 'CONTINUE') return outcome;
          break;
        }
        case 'RETURN':
          return 'CONTINUE';
        case 'MARK':
          pkt.mark = t.op === 'or' ? (pkt.mark | t.value) >>> 0 : (pkt.mark ^ t.value) >>> 0;
          break;
        case 'DNAT': {
          const sep = t.toDestination.lastIndexOf(':');
          pkt.dnatTo = { ip: t.toDestination.slice(0, sep), port: Number(t.toDestination.slice(sep + 1)) };
          pkt.dstIP = pkt.dnatTo.ip;
          pkt.dstPort = pkt.dnatTo.port;
          return 'DNAT';
        }
        case 'MASQUERADE':
          pkt.masquerade = true;
          return 'ACCEPT';
        case 'ACCEPT':
        case 'DROP':
        case 'REJECT':
          return t.kind;
      }
    }
    return 'CONTINUE';
  };

  /** A built-in chain: falling off its end applies the chain's policy. */
  const runHook = (table: Table, chain: string): Outcome => {
    const outcome = runChain(table, chain, 0);
    return outcome === 'CONTINUE' ? (table.policies[chain] ?? 'ACCEPT') : outcome;
  };

  const finish = (outcome: Outcome): WalkResult => {
    const verdict: Verdict =
      outcome === 'DROP' || outcome === 'REJECT' ? outcome : pkt.dnatTo ? 'DNAT' : 'ACCEPT';
    const result: WalkResult = { verdict, masquerade: pkt.masquerade, matched };
    if (pkt.dnatTo) result.dnatTo = pkt.dnatTo;
    return result;
  };

  if (packet.fromLocalProcess) {
    runHook(tables.nat, 'OUTPUT');
    const filterOutcome = runHook(tables.filter, 'OUTPUT');
    if (filterOutcome === 'DROP' || filterOutcome === 'REJECT') return finish(filterOutcome);
    runHook(tables.nat, 'POSTROUTING');
    return finish('ACCEPT');
  }

  runHook(tables.nat, 'PREROUTING');
  // The routing decision sees the destination after DNAT.
  if (isLocal(pkt.dstIP)) {
    const filterOutcome = runHook(tables.filter, 'INPUT');
    if (filterOutcome === 'DROP' || filterOutcome === 'REJECT') return finish(filterOutcome);
    runHook(tables.nat, 'INPUT');
    return finish('ACCEPT');
  }
  const filterOutcome = runHook(tables.filter, 'FORWARD');
  if (filterOutcome === 'DROP' || filterOutcome === 'REJECT') return finish(filterOutcome);
  runHook(tables.nat, 'POSTROUTING');
  return finish('ACCEPT');
}
