import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../http';
import { openapiResponse, unknownFields } from './index';

function get(path: string, query = ''): ReturnType<typeof openapiResponse> {
  const req: HttpRequest = {
    method: 'GET',
    path,
    query: new URLSearchParams(query),
    headers: { accept: 'application/json' },
  };
  return openapiResponse(req);
}

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: { name: string; in: string }[]; 'x-kubernetes-group-version-kind'?: object }
    >
  >;
  components: { schemas: Record<string, { 'x-kubernetes-group-version-kind'?: object }> };
};

describe('openapi v3', () => {
  it('lists one document per served group-version, each addressed by its hash', () => {
    const root = JSON.parse(get('/openapi/v3')!.body) as {
      paths: Record<string, { serverRelativeURL: string }>;
    };
    expect(Object.keys(root.paths)).toContain('api/v1');
    expect(root.paths['apis/apps/v1'].serverRelativeURL).toMatch(
      /^\/openapi\/v3\/apis\/apps\/v1\?hash=[0-9A-F]{128}$/,
    );
  });

  it('declares fieldValidation on PATCH for each kind, which is what makes kubectl leave validation to the server', () => {
    const url = (
      JSON.parse(get('/openapi/v3')!.body) as { paths: Record<string, { serverRelativeURL: string }> }
    ).paths['apis/apps/v1'].serverRelativeURL;
    const [path, query] = url.split('?');
    const res = get(path, query)!;
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, immutable');
    const doc = JSON.parse(res.body) as Doc;
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    });
    expect(patch.parameters!.some((p) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
    expect(
      doc.components.schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind'],
    ).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(doc.components.schemas['io.k8s.api.core.v1.PodSpec']).toBeDefined();
  });

  it('redirects a stale hash, and 404s what it does not serve', () => {
    expect(get('/openapi/v3/apis/apps/v1', 'hash=OLD')!.status).toBe(301);
    expect(get('/openapi/v3/apis/batch/v1')!.status).toBe(404);
    expect(get('/openapi/v2')!.status).toBe(404);
    expect(get('/api/v1')).toBeUndefined();
  });
});

describe('unknownFields', () => {
  it('names unknown fields by path, in document order, through lists and refs', () => {
    const obj = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { a: 'b' } },
      spec: {
        replica: 2,
        selector: { matchLabels: { app: 'x' } },
        template: {
          metadata: { labels: { app: 'x' } },
          spec: {
            containers: [
              { name: 'c', image: 'nginx', imagee: 'y', ports: [{ containerPort: 80, hostPortt: 1 }] },
            ],
          },
        },
      },
    };
    expect(unknownFields('Deployment', obj)).toEqual([
      'spec.replica',
      'spec.template.spec.containers[0].imagee',
      'spec.template.spec.containers[0].ports[0].hostPortt',
    ]);
  });

  it('accepts every known field, int-or-string and quantities included', () => {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 'http' }], selector: { app: 'x' } },
    };
    expect(unknownFields('Service', svc)).toEqual([]);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1', memory: '1Gi' } } }] },
    };
    expect(unknownFields('Pod', pod)).toEqual([]);
    expect(unknownFields('Pod', { ...pod, status: { phase: 'Running', bogus: 1 } })).toEqual([
      'status.bogus',
    ]);
  });

  it('knows nothing of kinds it has no schema for', () => {
    expect(unknownFields('Widget', { apiVersion: 'example.com/v1', kind: 'Widget', spec: { a: 1 } })).toEqual(
      [],
    );
  });
});
