import type { Protocol } from './model';

/**
 * Connection tracking: only the first packet of a connection walks the nat table; the kernel
 * remembers its NAT decision and applies it to every later packet of the flow, so an
 * established connection keeps its endpoint even when the rules change. Plain data.
 */
export interface FlowTuple {
  protocol: Protocol;
  srcIP: string;
  srcPort: number;
  dstIP: string;
  dstPort: number;
}

export interface ConntrackEntry {
  tuple: FlowTuple;
  /** Where the flow was DNATed to, if it was. */
  dnatTo?: { ip: string; port: number };
  masquerade: boolean;
  createdMs: number;
  expiresMs: number;
}

export type ConntrackTable = Record<string, ConntrackEntry>;

/**
 * Idle timeouts: TCP established 24 h is what kube-proxy sets (`conntrack.tcpEstablishedTimeout`);
 * UDP 30 s and SCTP established 5 days are the kernel's defaults.
 */
export const CONNTRACK_TIMEOUT_MS: Record<Protocol, number> = {
  tcp: 86_400_000,
  udp: 30_000,
  sctp: 432_000_000,
};

export function conntrackKey(t: FlowTuple): string {
  return `${t.protocol} ${t.srcIP}:${t.srcPort} -> ${t.dstIP}:${t.dstPort}`;
}

/** The live entry of a flow, refreshing its timeout as a packet would; undefined when none or expired. */
export function conntrackLookup(
  table: ConntrackTable,
  tuple: FlowTuple,
  nowMs: number,
): ConntrackEntry | undefined {
  const key = conntrackKey(tuple);
  const entry = table[key];
  if (!entry) return undefined;
  if (entry.expiresMs <= nowMs) {
    delete table[key];
    return undefined;
  }
  entry.expiresMs = nowMs + CONNTRACK_TIMEOUT_MS[tuple.protocol];
  return entry;
}

/** Record the NAT decision of a flow's first packet. */
export function conntrackRecord(
  table: ConntrackTable,
  tuple: FlowTuple,
  decision: { dnatTo?: { ip: string; port: number }; masquerade: boolean },
  nowMs: number,
): ConntrackEntry {
  const entry: ConntrackEntry = {
    tuple: { ...tuple },
    masquerade: decision.masquerade,
    createdMs: nowMs,
    expiresMs: nowMs + CONNTRACK_TIMEOUT_MS[tuple.protocol],
  };
  if (decision.dnatTo) entry.dnatTo = { ...decision.dnatTo };
  table[conntrackKey(tuple)] = entry;
  return entry;
}

/** Drop expired entries (the kernel's garbage collector). */
export function conntrackExpire(table: ConntrackTable, nowMs: number): void {
  for (const [key, e] of Object.entries(table)) if (e.expiresMs <= nowMs) delete table[key];
}

/** Delete the flows DNATed to an endpoint, as kube-proxy does for UDP when an endpoint goes away. */
export function conntrackDeleteByDestination(table: ConntrackTable, ip: string, protocol?: Protocol): number {
  let n = 0;
  for (const [key, e] of Object.entries(table)) {
    if (e.dnatTo?.ip === ip && (protocol === undefined || e.tuple.protocol === protocol)) {
      delete table[key];
      n++;
    }
  }
  return n;
}
