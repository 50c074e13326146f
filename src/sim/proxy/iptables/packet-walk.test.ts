import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../engine/random';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { buildTables } from './rules';
import type { Packet, WalkContext } from './packet-walk';
import { walkPacket } from './packet-walk';
import { emptyRecentTable } from './recent';
import { makeService, makeSlice } from './testing';

const NODE_IP = '192.168.49.2';

function tablesFor(services: Service[], slices: EndpointSlice[]) {
  return buildTables({
    services,
    endpointSlices: slices,
    nodeName: 'node-1',
    nodeIPs: [NODE_IP],
    clusterCIDR: '10.244.0.0/16',
  });
}

function webService(edit: (s: Service) => void = () => {}): Service {
  return makeService('default', 'web', (s) => {
    s.spec!.clusterIP = '10.96.0.20';
    s.spec!.ports = [{ port: 80, protocol: 'TCP' }];
    edit(s);
  });
}

const threeEndpoints = makeSlice(
  'default',
  'web',
  1,
  [
    { addresses: ['10.244.1.2'], nodeName: 'node-1' },
    { addresses: ['10.244.2.2'], nodeName: 'node-2' },
    { addresses: ['10.244.3.2'], nodeName: 'node-3' },
  ],
  [{ port: 8080 }],
);

function ctx(seed: number, nowMs = 0): WalkContext {
  return { random: new SeededRandom(seed), recent: emptyRecentTable(), nowMs, localAddresses: [NODE_IP] };
}

const fromPod: Packet = {
  srcIP: '10.244.1.7',
  dstIP: '10.96.0.20',
  dstPort: 80,
  protocol: 'tcp',
  fromLocalProcess: false,
};

describe('walkPacket', () => {
  it('DNATs a pod → cluster IP packet through KUBE-SERVICES, KUBE-SVC and KUBE-SEP', () => {
    const tables = tablesFor([webService()], [threeEndpoints]);
    const r = walkPacket(tables, fromPod, ctx(1));
    expect(r.verdict).toBe('DNAT');
    expect(r.dnatTo?.port).toBe(8080);
    expect(['10.244.1.2', '10.244.2.2', '10.244.3.2']).toContain(r.dnatTo?.ip);
    // From inside the cluster CIDR: no masquerade.
    expect(r.masquerade).toBe(false);
    const chains = r.matched.map((m) => `${m.table}/${m.chain}`);
    expect(chains.slice(0, 2)).toEqual(['nat/PREROUTING', 'nat/KUBE-SERVICES']);
    expect(chains).toContain(
      'nat/KUBE-SVC-' + tables.nat.chains.find((c) => c.startsWith('KUBE-SVC-'))!.slice(9),
    );
    const dnat = r.matched.find((m) => m.text.includes('DNAT'))!;
    expect(dnat.chain.startsWith('KUBE-SEP-')).toBe(true);
    expect(dnat.text).toBe(
      `-A ${dnat.chain} -m comment --comment default/web -m tcp -p tcp -j DNAT --to-destination ${r.dnatTo!.ip}:8080`,
    );
  });

  it('spreads 3,000 connections over 3 endpoints within 5 % of uniform', () => {
    const tables = tablesFor([webService()], [threeEndpoints]);
    const c = ctx(42);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const r = walkPacket(tables, { ...fromPod, srcIP: `10.244.1.${(i % 200) + 10}` }, c);
      counts.set(r.dnatTo!.ip, (counts.get(r.dnatTo!.ip) ?? 0) + 1);
    }
    expect(counts.size).toBe(3);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThanOrEqual(50);
  });

  it('is deterministic for a seed', () => {
    const tables = tablesFor([webService()], [threeEndpoints]);
    const run = () => {
      const c = ctx(7);
      return Array.from({ length: 20 }, () => walkPacket(tables, fromPod, c).dnatTo!.ip);
    };
    expect(run()).toEqual(run());
  });

  it('pins a client to its endpoint with ClientIP affinity until the timeout passes', () => {
    const svc = webService((s) => {
      s.spec!.sessionAffinity = 'ClientIP';
      s.spec!.sessionAffinityConfig = { clientIP: { timeoutSeconds: 60 } };
    });
    const tables = tablesFor([svc], [threeEndpoints]);
    const c = ctx(3);
    const first = walkPacket(tables, fromPod, c).dnatTo!.ip;
    for (let i = 1; i <= 50; i++) {
      c.nowMs = i * 1000;
      const r = walkPacket(tables, fromPod, c);
      expect(r.dnatTo!.ip).toBe(first);
      expect(r.matched.some((m) => m.text.includes('--rcheck'))).toBe(true);
    }
    // Each hit re-sets the entry; after 61 s of silence the client is balanced afresh.
    c.nowMs = 50_000 + 61_000;
    const later = walkPacket(tables, fromPod, c);
    expect(later.matched.some((m) => m.text.includes('--rcheck'))).toBe(false);
    // Another client is not pinned by the first one's entry.
    const other = walkPacket(tables, { ...fromPod, srcIP: '10.244.9.9' }, ctx(3, 0));
    expect(other.matched.some((m) => m.text.includes('--rcheck'))).toBe(false);
  });

  it('rejects in the filter table when the service has no endpoints', () => {
    const r = walkPacket(tablesFor([webService()], []), fromPod, ctx(1));
    expect(r.verdict).toBe('REJECT');
    expect(r.matched[r.matched.length - 1]).toMatchObject({
      table: 'filter',
      chain: 'KUBE-SERVICES',
      text: '-A KUBE-SERVICES -m comment --comment "default/web has no endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j REJECT',
    });
  });

  it('masquerades cluster IP traffic from a process on the node', () => {
    const r = walkPacket(
      tablesFor([webService()], [threeEndpoints]),
      { ...fromPod, srcIP: NODE_IP, fromLocalProcess: true },
      ctx(1),
    );
    expect(r.verdict).toBe('DNAT');
    expect(r.masquerade).toBe(true);
    expect(r.matched[0].chain).toBe('OUTPUT');
    expect(r.matched.some((m) => m.chain === 'KUBE-MARK-MASQ')).toBe(true);
  });

  it('DNATs and masquerades NodePort traffic from outside through KUBE-NODEPORTS and KUBE-EXT', () => {
    const svc = webService((s) => {
      s.spec!.type = 'NodePort';
      s.spec!.ports = [{ port: 80, protocol: 'TCP', nodePort: 30080 }];
    });
    const packet: Packet = {
      srcIP: '203.0.113.5',
      dstIP: NODE_IP,
      dstPort: 30080,
      protocol: 'tcp',
      fromLocalProcess: false,
    };
    const r = walkPacket(tablesFor([svc], [threeEndpoints]), packet, ctx(5));
    expect(r.verdict).toBe('DNAT');
    expect(r.masquerade).toBe(true);
    const chains = r.matched.map((m) => m.chain);
    expect(chains).toContain('KUBE-NODEPORTS');
    expect(chains.some((c) => c.startsWith('KUBE-EXT-'))).toBe(true);
    // The DNATed packet is forwarded (pod IPs are not the node's), and KUBE-FORWARD accepts the marked packet.
    expect(
      r.matched.some((m) => m.table === 'filter' && m.text.includes('kubernetes forwarding rules')),
    ).toBe(true);
  });

  it('rejects NodePort traffic for a service without endpoints in KUBE-EXTERNAL-SERVICES', () => {
    const svc = webService((s) => {
      s.spec!.type = 'NodePort';
      s.spec!.ports = [{ port: 80, protocol: 'TCP', nodePort: 30080 }];
    });
    const packet: Packet = {
      srcIP: '203.0.113.5',
      dstIP: NODE_IP,
      dstPort: 30080,
      protocol: 'tcp',
      fromLocalProcess: false,
    };
    const r = walkPacket(tablesFor([svc], []), packet, ctx(5));
    expect(r.verdict).toBe('REJECT');
    expect(r.matched[r.matched.length - 1].chain).toBe('KUBE-EXTERNAL-SERVICES');
  });

  it('lets traffic that is no service through untouched', () => {
    const r = walkPacket(
      tablesFor([webService()], [threeEndpoints]),
      { ...fromPod, dstIP: '8.8.8.8' },
      ctx(1),
    );
    expect(r.verdict).toBe('ACCEPT');
    expect(r.dnatTo).toBeUndefined();
  });
});
