import { describe, expect, it } from 'vitest';
import type { FlowTuple } from './conntrack';
import { conntrackDeleteByDestination, conntrackExpire, conntrackLookup, conntrackRecord } from './conntrack';
import type { ConntrackTable } from './conntrack';

const flow: FlowTuple = {
  protocol: 'udp',
  srcIP: '10.244.1.7',
  srcPort: 40000,
  dstIP: '10.96.0.10',
  dstPort: 53,
};

describe('conntrack', () => {
  it('keeps a flow on its endpoint while packets keep coming, and forgets it after the timeout', () => {
    const table: ConntrackTable = {};
    conntrackRecord(table, flow, { dnatTo: { ip: '10.244.0.3', port: 53 }, masquerade: false }, 0);
    expect(conntrackLookup(table, flow, 20_000)?.dnatTo).toEqual({ ip: '10.244.0.3', port: 53 });
    // The lookup at 20 s refreshed the 30 s UDP timeout.
    expect(conntrackLookup(table, flow, 49_000)).toBeDefined();
    expect(conntrackLookup(table, flow, 79_001)).toBeUndefined();
    expect(Object.keys(table)).toHaveLength(0);
  });

  it('expires and deletes entries in bulk', () => {
    const table: ConntrackTable = {};
    conntrackRecord(table, flow, { dnatTo: { ip: '10.244.0.3', port: 53 }, masquerade: false }, 0);
    conntrackRecord(table, { ...flow, protocol: 'tcp', dstPort: 80 }, { masquerade: true }, 0);
    expect(conntrackDeleteByDestination(table, '10.244.0.3', 'udp')).toBe(1);
    conntrackExpire(table, 86_400_001);
    expect(table).toEqual({});
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});
