import { describe, expect, it } from 'vitest';
import {
  endpointChainName,
  externalChainName,
  serviceFirewallChainName,
  servicePortChainName,
} from './chains';

describe('chain names', () => {
  it('hashes an unnamed port as ns/svc + protocol', () => {
    expect(servicePortChainName('ns1/svc1', 'tcp')).toBe('KUBE-SVC-AQI2S6QIMU7PVVRP');
  });

  it('hashes a named port as ns/svc:port + protocol', () => {
    expect(servicePortChainName('ns1/svc1:p80', 'tcp')).toBe('KUBE-SVC-XPGD46QRK7WJZT7O');
  });

  it('hashes an endpoint with its ip:port appended', () => {
    expect(endpointChainName('ns1/svc1', 'tcp', '10.0.1.1:80')).toBe('KUBE-SEP-3JOIVZTXZZRGORX4');
  });

  it('shares the hash between the SVC, EXT and FW chains of a port', () => {
    // Upstream TestOverallIPTablesRules: ns5/svc5:p80 has KUBE-EXT-, KUBE-FW- and KUBE-SVC-NUKIZ6OKUXPJNT4C.
    expect(servicePortChainName('ns5/svc5:p80', 'tcp')).toBe('KUBE-SVC-NUKIZ6OKUXPJNT4C');
    expect(externalChainName('ns5/svc5:p80', 'tcp')).toBe('KUBE-EXT-NUKIZ6OKUXPJNT4C');
    expect(serviceFirewallChainName('ns5/svc5:p80', 'tcp')).toBe('KUBE-FW-NUKIZ6OKUXPJNT4C');
  });
});
