import { describe, expect, it } from 'vitest';
import { rest } from '../apiserver/testing';
import { createCluster } from '../cluster';

describe('namespace controller', () => {
  it('a deleted namespace is Terminating, is emptied, and then is gone', () => {
    const c = createCluster({ nodes: 1 });
    rest(c, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'shop' },
    });
    c.engine.advance(1_000);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } };
    expect(rest(c, 'POST', '/api/v1/namespaces/shop/configmaps', cm).status).toBe(201);

    const del = rest(c, 'DELETE', '/api/v1/namespaces/shop');
    expect(del.status).toBe(200);
    expect((del.json().status as { phase: string }).phase).toBe('Terminating');
    // Nothing new may be created while it terminates.
    const refused = rest(c, 'POST', '/api/v1/namespaces/shop/configmaps', {
      ...cm,
      metadata: { name: 'late' },
    });
    expect(refused.json().message).toBe(
      'unable to create new content in namespace shop because it is being terminated',
    );

    c.engine.advance(5_000);
    expect(rest(c, 'GET', '/api/v1/namespaces/shop/configmaps/settings').status).toBe(404);
    expect(rest(c, 'GET', '/api/v1/namespaces/shop').json().message).toBe('namespaces "shop" not found');
    expect(c.etcd.range('/registry/').kvs.filter((kv) => kv.key.includes('/shop/'))).toEqual([]);
  });
});
