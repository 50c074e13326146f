import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { BuildTablesInput } from './rules';
import { buildTables, computeProbability, kubeProxyRestoreInput } from './rules';
import { makeService, makeSlice, sortRestoreInput } from './testing';

/** Upstream's NewFakeProxier: pod CIDR 10.0.0.0/8, node test-node at 192.168.0.2. */
function fakeProxierInput(services: Service[], endpointSlices: EndpointSlice[]): BuildTablesInput {
  return {
    services,
    endpointSlices,
    nodeName: 'test-node',
    nodeIPs: ['192.168.0.2'],
    clusterCIDR: '10.0.0.0/8',
    // Upstream's fake iptables reports no --random-fully support.
    randomFully: false,
  };
}

/**
 * Upstream's fake proxier is given masqueradeMark "0x4000"; the real one formats the mark with
 * Go's %#08x, "0x00004000". This is the only adaptation made to upstream's expected output.
 */
function asUpstreamFake(text: string): string {
  return text.replaceAll('0x00004000', '0x4000');
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

describe('kube-proxy restore input', () => {
  it('matches upstream TestOverallIPTablesRules', () => {
    const services = [
      makeService('ns1', 'svc1', (svc) => {
        svc.spec!.clusterIP = '172.30.0.41';
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
      }),
      makeService('ns2', 'svc2', (svc) => {
        svc.spec!.type = 'LoadBalancer';
        svc.spec!.externalTrafficPolicy = 'Local';
        svc.spec!.clusterIP = '172.30.0.42';
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3001 }];
        svc.status!.loadBalancer = { ingress: [{ ip: '1.2.3.4' }] };
        svc.spec!.externalIPs = ['192.168.99.22'];
        svc.spec!.healthCheckNodePort = 30000;
      }),
      makeService('ns3', 'svc3', (svc) => {
        svc.spec!.type = 'NodePort';
        svc.spec!.clusterIP = '172.30.0.43';
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3003 }];
      }),
      makeService('ns4', 'svc4', (svc) => {
        svc.spec!.type = 'NodePort';
        svc.spec!.clusterIP = '172.30.0.44';
        svc.spec!.externalIPs = ['192.168.99.33'];
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
      }),
      makeService('ns5', 'svc5', (svc) => {
        svc.spec!.type = 'LoadBalancer';
        svc.spec!.externalTrafficPolicy = 'Cluster';
        svc.spec!.clusterIP = '172.30.0.45';
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 3002 }];
        svc.status!.loadBalancer = { ingress: [{ ip: '5.6.7.8' }] };
        svc.spec!.healthCheckNodePort = 30000;
        svc.spec!.loadBalancerSourceRanges = [' 203.0.113.0/25'];
        svc.spec!.sessionAffinity = 'ClientIP';
        svc.spec!.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
      }),
      makeService('ns6', 'svc6', (svc) => {
        svc.spec!.type = 'ClusterIP';
        svc.spec!.clusterIP = '172.30.0.46';
        svc.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', targetPort: 80 }];
      }),
    ];
    const p80 = [{ name: 'p80', port: 80 }];
    const slices = [
      makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.180.0.1'] }], p80),
      // No nodeName: upstream counts this endpoint as non-local.
      makeSlice('ns2', 'svc2', 1, [{ addresses: ['10.180.0.2'] }], p80),
      makeSlice('ns3', 'svc3', 1, [{ addresses: ['10.180.0.3'] }], p80),
      makeSlice(
        'ns4',
        'svc4',
        1,
        [{ addresses: ['10.180.0.4'] }, { addresses: ['10.180.0.5'], nodeName: 'test-node' }],
        p80,
      ),
      makeSlice('ns5', 'svc5', 1, [{ addresses: ['10.180.0.3'] }], p80),
    ];

    const expected = `*filter
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]
:KUBE-EXT-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-EXT-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]
:KUBE-FW-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-C6EBXVWJJZMIWKLZ - [0:0]
:KUBE-SEP-I77PXRDZVX7PMWMN - [0:0]
:KUBE-SEP-OYPFS5VJICHGATKP - [0:0]
:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
:KUBE-SEP-UKSFD7AGPMPPLUHC - [0:0]
:KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
:KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-SVC-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3003 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3002 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --rcheck --seconds 10800 --reap -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
COMMIT
`;
    const actual = sortRestoreInput(
      asUpstreamFake(kubeProxyRestoreInput(fakeProxierInput(services, slices))),
    );
    expect(lines(actual)).toEqual(lines(expected));
  });

  it('writes the FIDELITY.md example (upstream TestInternalTrafficPolicyE2E) line for line', () => {
    const svc = makeService('ns1', 'svc1', (s) => {
      s.spec!.clusterIP = '172.30.1.1';
      s.spec!.ports = [{ port: 80, protocol: 'TCP' }];
    });
    const slice = makeSlice(
      'ns1',
      'svc1',
      1,
      [
        { addresses: ['10.0.1.1'], nodeName: 'test-node' },
        { addresses: ['10.0.1.2'], nodeName: 'host1' },
        { addresses: ['10.0.1.3'], nodeName: 'host2' },
      ],
      [{ port: 80 }],
    );
    const expected = [
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 -j KUBE-SVC-AQI2S6QIMU7PVVRP',
      '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 cluster IP" -m tcp -p tcp -d 172.30.1.1 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ',
      '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-3JOIVZTXZZRGORX4',
      '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.2:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-IO5XOSKPAXIFQXAJ',
      '-A KUBE-SVC-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.3:80" -j KUBE-SEP-XGJFVO3L2O5SRFNT',
      '-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -s 10.0.1.1 -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-3JOIVZTXZZRGORX4 -m comment --comment ns1/svc1 -m tcp -p tcp -j DNAT --to-destination 10.0.1.1:80',
    ];
    const rules = lines(kubeProxyRestoreInput(fakeProxierInput([svc], [slice]))).filter((l) =>
      l.startsWith('-A'),
    );
    const start = rules.indexOf(expected[0]);
    expect(start).toBeGreaterThanOrEqual(0);
    const svcRules = rules.filter((l) => /KUBE-(SERVICES|SVC-|SEP-3JOI)/.test(l) && !l.includes('nodeports'));
    expect(svcRules).toEqual(expected);
  });
});

function clusterIPService(name: string, ip: string, edit: (svc: Service) => void = () => {}): Service {
  return makeService('ns1', name, (s) => {
    s.spec!.clusterIP = ip;
    s.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP' }];
    edit(s);
  });
}

function natRuleTexts(input: BuildTablesInput, chainPrefix: string): string[] {
  return buildTables(input)
    .nat.rules.filter((r) => r.chain.startsWith(chainPrefix))
    .map((r) => r.text);
}

describe('buildTables', () => {
  it('computes 1/(n-i) with 10 decimals', () => {
    expect([1, 2, 3, 4, 7].map(computeProbability)).toEqual([
      '1.0000000000',
      '0.5000000000',
      '0.3333333333',
      '0.2500000000',
      '0.1428571429',
    ]);
  });

  it.each([
    [1, []],
    [2, ['0.5000000000']],
    [3, ['0.3333333333', '0.5000000000']],
    [4, ['0.2500000000', '0.3333333333', '0.5000000000']],
  ])('gives %i endpoints the probabilities %j and a catch-all last rule', (n, probs) => {
    const eps = Array.from({ length: n }, (_, i) => ({ addresses: [`10.244.1.${i + 1}`] }));
    const input = fakeProxierInput(
      [clusterIPService('web', '10.96.0.20')],
      [makeSlice('ns1', 'web', 1, eps, [{ name: 'p80', port: 80 }])],
    );
    const svcRules = natRuleTexts(input, 'KUBE-SVC-').filter((t) => t.includes(' -> '));
    expect(svcRules).toHaveLength(n);
    expect(svcRules.map((t) => /--probability (\S+)/.exec(t)?.[1]).filter(Boolean)).toEqual(probs);
    expect(svcRules[n - 1]).not.toContain('statistic');
  });

  it('sorts endpoints by their ip:port string and merges slices', () => {
    const input = fakeProxierInput(
      [clusterIPService('web', '10.96.0.20')],
      [
        makeSlice(
          'ns1',
          'web',
          1,
          [{ addresses: ['10.244.1.2'] }, { addresses: ['10.244.1.10'] }],
          [{ name: 'p80', port: 8080 }],
        ),
        makeSlice('ns1', 'web', 2, [{ addresses: ['10.244.2.1'] }], [{ name: 'p80', port: 8080 }]),
      ],
    );
    const order = natRuleTexts(input, 'KUBE-SVC-')
      .filter((t) => t.includes(' -> '))
      .map((t) => /-> (\S+)"/.exec(t)?.[1]);
    expect(order).toEqual(['10.244.1.10:8080', '10.244.1.2:8080', '10.244.2.1:8080']);
  });

  it('uses only ready endpoints, and serving terminating ones when none is ready', () => {
    const p = [{ name: 'p80', port: 80 }];
    const ready = fakeProxierInput(
      [clusterIPService('web', '10.96.0.20')],
      [
        makeSlice(
          'ns1',
          'web',
          1,
          [
            { addresses: ['10.244.1.1'], conditions: { ready: true } },
            { addresses: ['10.244.1.2'], conditions: { ready: false, serving: true, terminating: true } },
            { addresses: ['10.244.1.3'], conditions: { ready: false, serving: false } },
          ],
          p,
        ),
      ],
    );
    expect(natRuleTexts(ready, 'KUBE-SEP-').filter((t) => t.includes('DNAT'))).toHaveLength(1);
    const terminating = fakeProxierInput(
      [clusterIPService('web', '10.96.0.20')],
      [
        makeSlice(
          'ns1',
          'web',
          1,
          [{ addresses: ['10.244.1.2'], conditions: { ready: false, serving: true, terminating: true } }],
          p,
        ),
      ],
    );
    const dnat = natRuleTexts(terminating, 'KUBE-SEP-').filter((t) => t.includes('DNAT'));
    expect(dnat).toHaveLength(1);
    expect(dnat[0]).toMatch(
      /^-A KUBE-SEP-\w{16} -m comment --comment ns1\/web:p80 -m tcp -p tcp -j DNAT --to-destination 10\.244\.1\.2:80$/,
    );
  });

  it('writes nothing for headless and ExternalName services', () => {
    const headless = makeService('ns1', 'db', (s) => {
      s.spec!.clusterIP = 'None';
      s.spec!.ports = [{ port: 5432 }];
    });
    const external = makeService('ns1', 'ext', (s) => {
      s.spec!.type = 'ExternalName';
      s.spec!.externalName = 'example.com';
    });
    const input = fakeProxierInput(
      [headless, external],
      [makeSlice('ns1', 'db', 1, [{ addresses: ['10.244.1.1'] }], [{ port: 5432 }])],
    );
    const t = buildTables(input);
    expect(t.nat.chains.filter((c) => /KUBE-(SVC|SEP)-/.test(c))).toEqual([]);
    expect(t.filter.rules.filter((r) => r.text.includes('ns1/'))).toEqual([]);
  });

  it('names chains and comments with the port name only when the port is named', () => {
    const svc = makeService('ns1', 'svc1', (s) => {
      s.spec!.clusterIP = '172.30.0.41';
      s.spec!.ports = [
        { name: 'p80', port: 80, protocol: 'TCP' },
        { name: 'p443', port: 443, protocol: 'TCP' },
      ];
    });
    const input = fakeProxierInput(
      [svc],
      [
        makeSlice(
          'ns1',
          'svc1',
          1,
          [{ addresses: ['10.180.0.1'] }],
          [
            { name: 'p80', port: 80 },
            { name: 'p443', port: 443 },
          ],
        ),
      ],
    );
    const services = natRuleTexts(input, 'KUBE-SERVICES').filter((t) => t.includes('cluster IP'));
    expect(services).toEqual([
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p443 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 443 -j KUBE-SVC-' +
        services[0].slice(-16),
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O',
    ]);
    // An endpoint port must match the service port by name: an unnamed endpoint port serves nothing here.
    const unnamed = fakeProxierInput(
      [svc],
      [makeSlice('ns1', 'svc1', 1, [{ addresses: ['10.180.0.1'] }], [{ port: 80 }])],
    );
    expect(buildTables(unnamed).filter.rules.map((r) => r.text)).toContain(
      '-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT',
    );
  });

  it('rejects in the filter table when a NodePort service has no endpoints', () => {
    const svc = clusterIPService('web', '10.96.0.20', (s) => {
      s.spec!.type = 'NodePort';
      s.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }];
    });
    const t = buildTables(fakeProxierInput([svc], []));
    expect(t.filter.rules.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        '-A KUBE-SERVICES -m comment --comment "ns1/web:p80 has no endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j REJECT',
        '-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/web:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT',
      ]),
    );
    expect(t.nat.rules.filter((r) => r.text.includes('ns1/web'))).toEqual([]);
  });

  it('writes NodePort jumps into KUBE-NODEPORTS and keeps the KUBE-NODEPORTS tail-call last', () => {
    const svc = clusterIPService('web', '10.96.0.20', (s) => {
      s.spec!.type = 'NodePort';
      s.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }];
    });
    const t = buildTables(
      fakeProxierInput(
        [svc],
        [makeSlice('ns1', 'web', 1, [{ addresses: ['10.244.1.1'] }], [{ name: 'p80', port: 80 }])],
      ),
    );
    const ext = t.nat.rules.find((r) => r.chain === 'KUBE-NODEPORTS' && !r.destination)!;
    expect(ext.text).toMatch(
      /^-A KUBE-NODEPORTS -m comment --comment ns1\/web:p80 -m tcp -p tcp --dport 30080 -j KUBE-EXT-/,
    );
    const services = t.nat.rules.filter((r) => r.chain === 'KUBE-SERVICES');
    expect(services[services.length - 1].text).toBe(
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
    );
  });

  it('writes ClientIP affinity as recent checks before the random rules, with the configured timeout', () => {
    const svc = clusterIPService('web', '10.96.0.20', (s) => {
      s.spec!.sessionAffinity = 'ClientIP';
      s.spec!.sessionAffinityConfig = { clientIP: { timeoutSeconds: 600 } };
    });
    const eps = [{ addresses: ['10.244.1.1'] }, { addresses: ['10.244.2.1'] }];
    const svcRules = natRuleTexts(
      fakeProxierInput([svc], [makeSlice('ns1', 'web', 1, eps, [{ name: 'p80', port: 80 }])]),
      'KUBE-SVC-',
    );
    expect(
      svcRules
        .slice(1, 3)
        .every((t) => / -m recent --name KUBE-SEP-\w+ --rcheck --seconds 600 --reap -j KUBE-SEP-/.test(t)),
    ).toBe(true);
    expect(svcRules[3]).toContain('--probability 0.5000000000');
    const sep = natRuleTexts(
      fakeProxierInput([svc], [makeSlice('ns1', 'web', 1, eps, [{ name: 'p80', port: 80 }])]),
      'KUBE-SEP-',
    );
    expect(
      sep
        .filter((t) => t.includes('DNAT'))
        .every((t) => /-m recent --name (KUBE-SEP-\w+) --set -m tcp/.test(t)),
    ).toBe(true);
  });

  it('sends Local-policy external traffic to KUBE-SVL with local endpoints only', () => {
    const svc = clusterIPService('web', '10.96.0.20', (s) => {
      s.spec!.type = 'NodePort';
      s.spec!.externalTrafficPolicy = 'Local';
      s.spec!.ports = [{ name: 'p80', port: 80, protocol: 'TCP', nodePort: 30080 }];
    });
    const eps = [
      { addresses: ['10.244.1.1'], nodeName: 'test-node' },
      { addresses: ['10.244.2.1'], nodeName: 'node-2' },
    ];
    const input = fakeProxierInput([svc], [makeSlice('ns1', 'web', 1, eps, [{ name: 'p80', port: 80 }])]);
    const svl = natRuleTexts(input, 'KUBE-SVL-');
    expect(svl).toHaveLength(1);
    expect(svl[0]).toMatch(
      /^-A KUBE-SVL-\w+ -m comment --comment "ns1\/web:p80 -> 10.244.1.1:80" -j KUBE-SEP-/,
    );
    const ext = natRuleTexts(input, 'KUBE-EXT-');
    expect(ext[ext.length - 1]).toMatch(/^-A KUBE-EXT-(\w+) -j KUBE-SVL-\1$/);
    // Cluster IP traffic still balances over both endpoints.
    expect(natRuleTexts(input, 'KUBE-SVC-').filter((t) => t.includes(' -> '))).toHaveLength(2);
  });

  it('drops cluster IP traffic when internalTrafficPolicy is Local and no endpoint is local', () => {
    const svc = clusterIPService('web', '10.96.0.20', (s) => {
      s.spec!.internalTrafficPolicy = 'Local';
    });
    const eps = [{ addresses: ['10.244.2.1'], nodeName: 'node-2' }];
    const t = buildTables(
      fakeProxierInput([svc], [makeSlice('ns1', 'web', 1, eps, [{ name: 'p80', port: 80 }])]),
    );
    expect(t.filter.rules.map((r) => r.text)).toContain(
      '-A KUBE-SERVICES -m comment --comment "ns1/web:p80 has no local endpoints" -m tcp -p tcp -d 10.96.0.20 --dport 80 -j DROP',
    );
    expect(t.nat.chains.some((c) => c.startsWith('KUBE-SVC-') || c.startsWith('KUBE-SVL-'))).toBe(false);
  });

  it('declares built-in chains first, then user chains sorted, with the jumps kube-proxy and kubelet install', () => {
    const t = buildTables({ ...fakeProxierInput([], []), randomFully: true });
    expect(t.nat.chains).toEqual([
      'PREROUTING',
      'INPUT',
      'OUTPUT',
      'POSTROUTING',
      'KUBE-KUBELET-CANARY',
      'KUBE-MARK-MASQ',
      'KUBE-NODEPORTS',
      'KUBE-POSTROUTING',
      'KUBE-PROXY-CANARY',
      'KUBE-SERVICES',
    ]);
    expect(t.filter.rules.filter((r) => r.chain === 'INPUT').map((r) => r.text)).toEqual([
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      '-A INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      '-A INPUT -j KUBE-FIREWALL',
    ]);
    expect(t.nat.rules.find((r) => r.target?.kind === 'MASQUERADE')?.text).toBe(
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    );
    expect(t.nat.rules.find((r) => r.chain === 'KUBE-MARK-MASQ')?.text).toBe(
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000',
    );
  });
});
