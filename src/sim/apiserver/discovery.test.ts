import { describe, expect, it } from 'vitest';
import { discoveryResponse, storageVersionHash } from './discovery';
import type { HttpRequest } from './http';
import { RESOURCES } from './resources';

/** The Accept header kubectl 1.32 sends for `/api` and `/apis` (seen on the wire). */
const KUBECTL_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

function get(
  path: string,
  accept = 'application/json, */*',
): { status: number; headers: Record<string, string>; json: Record<string, unknown> } {
  const req: HttpRequest = { method: 'GET', path, query: new URLSearchParams(), headers: { accept } };
  const res = discoveryResponse(req);
  if (!res) throw new Error(`no discovery answer for ${path}`);
  return { status: res.status, headers: res.headers, json: JSON.parse(res.body) as Record<string, unknown> };
}

type Entry = {
  name: string;
  kind: string;
  verbs: string[];
  group?: string;
  version?: string;
  singularName: string;
  storageVersionHash?: string;
};

describe('discovery', () => {
  it('reports v1.32.0 as a kubeadm apiserver does', () => {
    const v = get('/version').json;
    expect(v.gitVersion).toBe('v1.32.0');
    expect(v.minor).toBe('32');
    expect(v.platform).toBe('linux/amd64');
  });

  it('serves the aggregated v2 document when kubectl asks for it, with its content type', () => {
    const r = get('/api', KUBECTL_ACCEPT);
    expect(r.headers['content-type']).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    expect(r.json.kind).toBe('APIGroupDiscoveryList');
    expect(r.json.apiVersion).toBe('apidiscovery.k8s.io/v2');
    const items = r.json.items as {
      metadata: object;
      versions: {
        version: string;
        resources: {
          resource: string;
          subresources?: { subresource: string; responseKind: object; verbs: string[] }[];
        }[];
      }[];
    }[];
    expect(items).toHaveLength(1);
    expect(items[0].metadata).toEqual({ creationTimestamp: null });
    const pods = items[0].versions[0].resources.find((x) => x.resource === 'pods')!;
    expect(pods).toMatchObject({
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      scope: 'Namespaced',
      singularResource: 'pod',
      shortNames: ['po'],
      categories: ['all'],
    });
    expect(pods.subresources!.find((s) => s.subresource === 'log')).toEqual({
      subresource: 'log',
      responseKind: { group: '', version: 'v1', kind: 'Pod' },
      verbs: ['get'],
    });
  });

  it('falls back to the legacy documents for plain JSON', () => {
    expect(get('/api').json).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const groups = (get('/apis').json.groups as { name: string }[]).map((g) => g.name);
    expect(groups[0]).toBe('apps');
    // kube-aggregator priorities: rbac (17000) before coordination (16500) before discovery (16200).
    expect(groups.indexOf('rbac.authorization.k8s.io')).toBeLessThan(groups.indexOf('coordination.k8s.io'));
    expect(groups.indexOf('coordination.k8s.io')).toBeLessThan(groups.indexOf('discovery.k8s.io'));
  });

  it('lists subresources beside their resources, sorted, in APIResourceList', () => {
    const core = get('/api/v1').json;
    expect(core.apiVersion).toBeUndefined();
    expect(core.groupVersion).toBe('v1');
    const res = core.resources as Entry[];
    const names = res.map((r) => r.name);
    expect(names).toEqual([...names].sort());
    expect(res.find((r) => r.name === 'pods/log')).toEqual({
      name: 'pods/log',
      singularName: '',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get'],
    });
    expect(res.find((r) => r.name === 'pods')!.storageVersionHash).toBe('xPOwRZ+Yhw8=');
    const apps = get('/apis/apps/v1').json;
    expect(apps.apiVersion).toBe('v1');
    const scale = (apps.resources as Entry[]).find((r) => r.name === 'deployments/scale');
    expect(scale).toEqual({
      name: 'deployments/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
  });

  it('hashes storage versions as upstream (sha256 of group/version/kind, 8 bytes)', () => {
    const hash = (kind: string) =>
      storageVersionHash(RESOURCES.find((r) => r.kind === kind && r.etcdPrefix)!);
    expect(hash('Deployment')).toBe('8aSe+NMegvE=');
    expect(hash('Service')).toBe('0/CO1lhkEBI=');
    expect(hash('Namespace')).toBe('Q3oi5N2YM8M=');
  });

  it('leaves other paths to the router', () => {
    const req: HttpRequest = {
      method: 'GET',
      path: '/api/v1/namespaces/default/pods',
      query: new URLSearchParams(),
      headers: {},
    };
    expect(discoveryResponse(req)).toBeUndefined();
    expect(discoveryResponse({ ...req, path: '/apis/nope.example.com/v1' })).toBeUndefined();
    expect(discoveryResponse({ ...req, method: 'POST', path: '/api' })).toBeUndefined();
  });
});
