import { describe, expect, it } from 'vitest';
import { rest } from './apiserver/testing';
import { createCluster, type Cluster } from './cluster';

/** A scripted session: the same inputs a learner could give, at the same virtual times. */
function session(seed: number): Cluster {
  const c = createCluster({ seed, nodes: 3 });
  rest(c, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
  c.engine.advance(2_000);
  rest(c, 'POST', '/apis/apps/v1/namespaces/shop/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
    },
  });
  rest(c, 'POST', '/api/v1/namespaces/shop/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] },
  });
  rest(c, 'POST', '/api/v1/namespaces/shop/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { generateName: 'client-' },
    spec: { containers: [{ name: 'sh', image: 'busybox:1.37', command: ['sleep', '3600'] }] },
  });
  c.engine.advance(60_000);
  rest(
    c,
    'PATCH',
    '/apis/apps/v1/namespaces/shop/deployments/web/scale',
    { spec: { replicas: 5 } },
    { 'content-type': 'application/merge-patch+json' },
  );
  c.engine.advance(120_000);
  return c;
}

function etcdDump(c: Cluster): string {
  return c.etcd
    .range('/')
    .kvs.map((kv) => `${kv.key} ${kv.createRevision} ${kv.modRevision} ${kv.version}\n${kv.value}`)
    .join('\n');
}

function traceDump(c: Cluster): string {
  return c.engine.trace
    .since(0)
    .map((r) => JSON.stringify(r))
    .join('\n');
}

describe('determinism', () => {
  it('the same seed and the same inputs give byte-identical etcd contents and trace', () => {
    const a = session(42);
    const b = session(42);
    expect(etcdDump(a).length).toBeGreaterThan(10_000);
    expect(etcdDump(b)).toBe(etcdDump(a));
    expect(traceDump(b)).toBe(traceDump(a));
  });

  it('another seed gives another cluster (names, UIDs, ClusterIPs come from the seeded source)', () => {
    expect(etcdDump(session(7))).not.toBe(etcdDump(session(42)));
  });
});
