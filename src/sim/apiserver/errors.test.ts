import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { MAX_BODY_BYTES } from './apiserver';
import { rest } from './testing';

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'web', image: 'nginx:1.14.2' }] },
});

function statusOf(res: { status: number; json: () => Record<string, unknown> }) {
  const s = res.json();
  return { code: res.status, reason: s.reason, message: s.message };
}

describe('kube-apiserver error paths, as kubectl receives them', () => {
  it('404 NotFound', () => {
    const c = createCluster({ nodes: 1 });
    expect(statusOf(rest(c, 'GET', '/api/v1/namespaces/default/pods/web'))).toEqual({
      code: 404,
      reason: 'NotFound',
      message: 'pods "web" not found',
    });
    expect(statusOf(rest(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web'))).toEqual({
      code: 404,
      reason: 'NotFound',
      message: 'deployments.apps "web" not found',
    });
  });

  it('409 AlreadyExists', () => {
    const c = createCluster({ nodes: 1 });
    expect(rest(c, 'POST', '/api/v1/namespaces/default/pods', pod('web')).status).toBe(201);
    expect(statusOf(rest(c, 'POST', '/api/v1/namespaces/default/pods', pod('web')))).toEqual({
      code: 409,
      reason: 'AlreadyExists',
      message: 'pods "web" already exists',
    });
  });

  it('409 Conflict for a stale resourceVersion: two clients read, the first update wins', () => {
    const c = createCluster({ nodes: 1 });
    rest(c, 'POST', '/api/v1/namespaces/default/pods', pod('web'));
    const a = rest(c, 'GET', '/api/v1/namespaces/default/pods/web').json();
    const b = structuredClone(a);
    (a.metadata as { labels?: Record<string, string> }).labels = { who: 'a' };
    (b.metadata as { labels?: Record<string, string> }).labels = { who: 'b' };
    expect(rest(c, 'PUT', '/api/v1/namespaces/default/pods/web', a).status).toBe(200);
    expect(statusOf(rest(c, 'PUT', '/api/v1/namespaces/default/pods/web', b))).toEqual({
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    });
    const now = rest(c, 'GET', '/api/v1/namespaces/default/pods/web').json();
    expect((now.metadata as { labels: Record<string, string> }).labels).toEqual({ who: 'a' });
  });

  it('422 Invalid with field causes and the upstream text', () => {
    const c = createCluster({ nodes: 1 });
    const res = rest(c, 'POST', '/api/v1/namespaces/default/pods', pod('Web_1'));
    const s = res.json() as { details: { causes: unknown[] } };
    expect(statusOf(res)).toEqual({
      code: 422,
      reason: 'Invalid',
      message:
        "Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    });
    expect(s.details.causes).toEqual([
      expect.objectContaining({ reason: 'FieldValueInvalid', field: 'metadata.name' }),
    ]);
  });

  it('401 without a token or with a wrong one', () => {
    const c = createCluster({ nodes: 1 });
    for (const headers of [{ authorization: 'Bearer nope' }, { authorization: '' }]) {
      expect(statusOf(rest(c, 'GET', '/api/v1/pods', undefined, headers))).toEqual({
        code: 401,
        reason: 'Unauthorized',
        message: 'Unauthorized',
      });
    }
  });

  it('403 for a ServiceAccount token without RBAC rights, with the upstream text', () => {
    const c = createCluster({ nodes: 1 });
    const tr = rest(c, 'POST', '/api/v1/namespaces/default/serviceaccounts/default/token', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: {},
    }).json() as { status: { token: string } };
    const res = rest(c, 'GET', '/api/v1/namespaces/default/pods', undefined, {
      authorization: `Bearer ${tr.status.token}`,
    });
    expect(statusOf(res)).toEqual({
      code: 403,
      reason: 'Forbidden',
      message:
        'pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
    });
  });
});

describe('bad input gets a Status and changes nothing', () => {
  const cases: Array<[string, string, string, unknown, number, RegExp]> = [
    [
      'malformed JSON',
      'POST',
      '/api/v1/namespaces/default/pods',
      '{"kind": "Pod", ',
      400,
      /json parse error/,
    ],
    ['malformed YAML', 'POST', '/api/v1/namespaces/default/pods', 'kind: Pod\n  metadata: [', 400, /error/],
    [
      'unknown resource',
      'POST',
      '/api/v1/namespaces/default/podz',
      pod('x'),
      404,
      /could not find the requested resource/,
    ],
    [
      'wrong apiVersion',
      'POST',
      '/api/v1/namespaces/default/pods',
      { ...pod('x'), apiVersion: 'apps/v1' },
      400,
      /API version/,
    ],
    [
      'missing kind',
      'POST',
      '/api/v1/namespaces/default/pods',
      { metadata: { name: 'x' } },
      400,
      /'Kind' is missing/,
    ],
    [
      'missing containers',
      'POST',
      '/api/v1/namespaces/default/pods',
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: {} },
      422,
      /spec.containers: Required value/,
    ],
    [
      'oversize body',
      'POST',
      '/api/v1/namespaces/default/configmaps',
      'x'.repeat(MAX_BODY_BYTES + 1),
      413,
      /Request entity too large: limit is 3145728/,
    ],
    [
      'namespace that does not exist',
      'POST',
      '/api/v1/namespaces/nope/pods',
      pod('x'),
      404,
      /namespaces "nope" not found/,
    ],
    [
      'bad label selector',
      'GET',
      '/api/v1/pods?labelSelector=a%20in%20(',
      undefined,
      400,
      /unable to parse requirement/,
    ],
    [
      'unsupported field selector',
      'GET',
      '/api/v1/pods?fieldSelector=spec.image%3Dx',
      undefined,
      400,
      /field label not supported: spec.image/,
    ],
  ];
  for (const [what, method, path, body, code, message] of cases) {
    it(what, () => {
      const c = createCluster({ nodes: 1 });
      const before = c.etcd.revision;
      const contentType =
        typeof body === 'string' && what.includes('YAML') ? 'application/yaml' : 'application/json';
      const res = rest(c, method, path, body, { 'content-type': contentType });
      expect(res.status).toBe(code);
      const s = res.json();
      expect(s.kind).toBe('Status');
      expect(String(s.message)).toMatch(message);
      expect(c.etcd.revision).toBe(before);
    });
  }
});
