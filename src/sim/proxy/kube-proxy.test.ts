import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/simulation';
import { makeService, makeSlice } from './iptables/testing';
import { RuleCache, type ProxyView } from './rule-cache';
import { SyncRunner } from './sync-runner';
import { diffTables, rulesChanged } from './table-diff';
import { emptyTables } from './node-netfilter';

function view(fingerprint: string, local: boolean): ProxyView {
  const svc = makeService('ns1', 'svc1', (s) => {
    s.spec = {
      ...s.spec,
      clusterIP: '172.30.1.1',
      ports: [{ port: 80, protocol: 'TCP' }],
      internalTrafficPolicy: local ? 'Local' : 'Cluster',
    };
  });
  const slice = makeSlice(
    'ns1',
    'svc1',
    1,
    [
      { addresses: ['10.0.1.1'], nodeName: 'node-1', conditions: { ready: true } },
      { addresses: ['10.0.2.1'], nodeName: 'node-2', conditions: { ready: true } },
    ],
    [{ port: 80 }],
  );
  return { fingerprint, services: () => [svc], endpointSlices: () => [slice], slicesOf: () => [slice] };
}

describe('rule cache', () => {
  it('builds once for every node when no service is Local', () => {
    const cache = new RuleCache('10.0.0.0/8');
    const v = view('a', false);
    const t1 = cache.tablesFor(v, 'node-1', '192.168.0.1');
    const t2 = cache.tablesFor(v, 'node-2', '192.168.0.2');
    expect(t2).toBe(t1);
    expect(cache.builds).toBe(1);
  });

  it('builds per node when internalTrafficPolicy Local makes the rules node-specific', () => {
    const cache = new RuleCache('10.0.0.0/8');
    const v = view('b', true);
    const t1 = cache.tablesFor(v, 'node-1', '192.168.0.1');
    const t2 = cache.tablesFor(v, 'node-2', '192.168.0.2');
    const t3 = cache.tablesFor(v, 'node-3', '192.168.0.3');
    expect(cache.builds).toBe(3);
    const dnat = (t: typeof t1) => t.nat.rules.filter((r) => r.target?.kind === 'DNAT').map((r) => r.text);
    expect(dnat(t1).join()).toContain('10.0.1.1:80');
    expect(dnat(t2).join()).toContain('10.0.2.1:80');
    expect(dnat(t3)).toEqual([]);
    // node-3 has no local endpoint: its cluster IP traffic is dropped in filter.
    expect(t3.filter.rules.some((r) => r.text.includes('has no local endpoints'))).toBe(true);
  });

  it('counts a sync as the rules that appeared and went away', () => {
    const cache = new RuleCache('10.0.0.0/8');
    const t = cache.tablesFor(view('c', false), 'node-1', '192.168.0.1');
    const d = diffTables(emptyTables(), t);
    expect(d.removed).toEqual([]);
    expect(rulesChanged(d)).toBe(t.nat.rules.length + t.filter.rules.length);
    expect(rulesChanged(diffTables(t, t))).toBe(0);
  });
});

describe('sync runner (minSyncPeriod 1 s, burst 2)', () => {
  it('syncs at once when quiet and at most once a second when busy', () => {
    const engine = new Engine({ seed: 1 });
    const at: number[] = [];
    const runner = new SyncRunner(engine, 'test', () => at.push(engine.now));
    for (let t = 0; t < 5; t++) {
      runner.run();
      engine.advance(100);
    }
    engine.advance(5_000);
    expect(at[0]).toBe(0);
    expect(at[1]).toBe(100);
    // The bucket is empty: the next waits for a token.
    expect(at[2]).toBeGreaterThanOrEqual(900);
    for (let i = 3; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(999);
  });
});
