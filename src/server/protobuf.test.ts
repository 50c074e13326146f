import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type TestCluster } from './harness';

/**
 * kubectl's typed clients send protobuf bodies (`create namespace|token|deployment|service|
 * configmap|secret|serviceaccount|role|rolebinding|…`); `run`, `expose`, `drain` and the patching
 * verbs send JSON. Each command must print what it prints against a real cluster, and the object
 * stored must be the one kubectl meant.
 */
let c: TestCluster;
beforeAll(async () => {
  c = await startCluster({ nodes: 2, seed: 1 });
}, 30_000);
afterAll(async () => {
  await c?.stop();
});

async function ok(args: string[]): Promise<string> {
  const r = await c.kubectl(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('kubectl commands that send protobuf', () => {
  it('create namespace', async () => {
    expect(await ok(['create', 'namespace', 'foo'])).toBe('namespace/foo created\n');
    expect(await ok(['get', 'ns', 'foo', '-o', 'jsonpath={.status.phase}'])).toBe('Active');
  });

  it('create token prints a JWT for the service account', async () => {
    const out = await ok(['create', 'token', 'default']);
    // kubectl prints the bare token, without a newline.
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(atob(out.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub: string;
    };
    expect(claims.sub).toBe('system:serviceaccount:default:default');
  });

  it('create token with a duration', async () => {
    const out = await ok(['create', 'token', 'default', '--duration=2h']);
    const claims = JSON.parse(atob(out.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp: number;
      iat: number;
    };
    expect(claims.exp - claims.iat).toBe(7200);
  });

  it('create deployment', async () => {
    expect(await ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=3'])).toBe(
      'deployment.apps/web created\n',
    );
    expect(
      await ok([
        'get',
        'deployment',
        'web',
        '-o',
        'jsonpath={.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].name}={.spec.template.spec.containers[0].image}',
      ]),
    ).toBe('3 web nginx=nginx');
  });

  it('create service clusterip', async () => {
    expect(await ok(['create', 'service', 'clusterip', 'web', '--tcp=80:80'])).toBe('service/web created\n');
    expect(
      await ok([
        'get',
        'service',
        'web',
        '-o',
        'jsonpath={.spec.type} {.spec.ports[0].name} {.spec.ports[0].targetPort}',
      ]),
    ).toBe('ClusterIP 80-80 80');
  });

  it('create configmap', async () => {
    expect(await ok(['create', 'configmap', 'c', '--from-literal=a=b'])).toBe('configmap/c created\n');
    expect(await ok(['get', 'configmap', 'c', '-o', 'jsonpath={.data.a}'])).toBe('b');
  });

  it('create secret generic keeps the bytes', async () => {
    expect(await ok(['create', 'secret', 'generic', 's', '--from-literal=a=b'])).toBe('secret/s created\n');
    expect(await ok(['get', 'secret', 's', '-o', 'jsonpath={.type} {.data.a}'])).toBe('Opaque Yg==');
  });

  it('create serviceaccount, role and rolebinding', async () => {
    expect(await ok(['create', 'serviceaccount', 'sa1'])).toBe('serviceaccount/sa1 created\n');
    expect(await ok(['create', 'role', 'r', '--verb=get,list', '--resource=pods'])).toBe(
      'role.rbac.authorization.k8s.io/r created\n',
    );
    expect(await ok(['create', 'rolebinding', 'rb', '--role=r', '--serviceaccount=default:sa1'])).toBe(
      'rolebinding.rbac.authorization.k8s.io/rb created\n',
    );
  });

  it('auth can-i (a SelfSubjectAccessReview)', async () => {
    expect(await ok(['auth', 'can-i', 'list', 'pods', '--as=system:serviceaccount:default:sa1'])).toBe(
      'yes\n',
    );
    const r = await c.kubectl(['auth', 'can-i', 'delete', 'pods', '--as=system:serviceaccount:default:sa1']);
    expect(r).toEqual({ stdout: 'no\n', stderr: '', code: 1 });
  });

  it('run (a JSON body) still works beside them', async () => {
    expect(await ok(['run', 'web', '--image=nginx'])).toBe('pod/web created\n');
  });
});
