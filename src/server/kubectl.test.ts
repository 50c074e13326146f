import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { lookupKind } from '../sim/apiserver/resources';
import { startCluster, type TestCluster } from './harness';

/**
 * The real kubectl 1.32 against `npm run cluster`'s server, asserting on exactly what it prints.
 * AGE cells are masked; everything else must match a real cluster byte for byte.
 */
const EXAMPLES = '/work/shared/upstream-examples';
const examplesDir = process.env.KUBESIM_EXAMPLES ?? EXAMPLES;

function manifests(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? manifests(p) : f.endsWith('.yaml') ? [p] : [];
    })
    .sort();
}

/**
 * `kubectl create namespace` sends its body as protobuf (typed client); creating the namespace
 * from a manifest goes through the JSON path. Both must work on a real cluster: see the protobuf
 * test below.
 */
async function createNamespace(name: string): Promise<void> {
  const r = await c.kubectl(
    ['create', '-f', '-'],
    JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }),
  );
  if (r.code !== 0) throw new Error(`namespace ${name}: ${r.stderr}`);
}

/** `kubectl create` prints `<kind in lower case>[.<group>]/<name> created` for each object. */
function expectedLines(file: string, verb: string): string {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as { apiVersion: string; kind: string; metadata: { name: string } } | null)
    .filter((o) => o !== null)
    .map((o) => {
      const info = lookupKind(o.apiVersion, o.kind);
      if (!info) throw new Error(`no resource for ${o.apiVersion} ${o.kind}`);
      return `${info.group ? `${info.singular}.${info.group}` : info.singular}/${o.metadata.name} ${verb}\n`;
    })
    .join('');
}

function namespaceOf(file: string): string | undefined {
  const ns = parseAllDocuments(readFileSync(file, 'utf8')).map(
    (d) => (d.toJS() as { metadata?: { namespace?: string } } | null)?.metadata?.namespace,
  );
  return ns.find((n) => n);
}

const AGE = /^(\d+[smhdy]){1,2}$/;

/** A table as cells (split on runs of 2+ spaces), AGE-like cells masked. */
function table(out: string): string[][] {
  return out
    .trimEnd()
    .split('\n')
    .map((l) => l.split(/ {2,}/).map((c) => (AGE.test(c) ? '<age>' : c)));
}

let c: TestCluster;
beforeAll(async () => {
  c = await startCluster({ nodes: 3, seed: 1 });
}, 30_000);
afterAll(async () => {
  await c?.stop();
});

describe('kubectl basics', () => {
  it('version reports the v1.32.0 server', async () => {
    const r = await c.kubectl(['version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^Client Version: v1\.32\.\d+\S*\nKustomize Version: v5\.5\.0\nServer Version: v1\.32\.0\n$/,
    );
  });

  it('get ns lists the four kubeadm namespaces', async () => {
    const r = await c.kubectl(['get', 'ns']);
    expect(r.stderr).toBe('');
    expect(table(r.stdout)).toEqual([
      ['NAME', 'STATUS', 'AGE'],
      ['default', 'Active', '<age>'],
      ['kube-node-lease', 'Active', '<age>'],
      ['kube-public', 'Active', '<age>'],
      ['kube-system', 'Active', '<age>'],
    ]);
  });

  it('create namespace (a protobuf body from the typed client), after get ns has seen the four', async () => {
    expect(await c.kubectl(['create', 'namespace', 'proto'])).toEqual({
      stdout: 'namespace/proto created\n',
      stderr: '',
      code: 0,
    });
  });

  it('get nodes lists the control plane and the workers', async () => {
    const r = await c.kubectl(['get', 'nodes']);
    expect(r.code).toBe(0);
    expect(table(r.stdout)).toEqual([
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['control-plane', 'Ready', 'control-plane', '<age>', 'v1.32.0'],
      ['node-1', 'Ready', '<none>', '<age>', 'v1.32.0'],
      ['node-2', 'Ready', '<none>', '<age>', 'v1.32.0'],
      ['node-3', 'Ready', '<none>', '<age>', 'v1.32.0'],
    ]);
  });

  it('api-resources lists the served resources with short names', async () => {
    const r = await c.kubectl(['api-resources']);
    expect(r.code).toBe(0);
    const rows = table(r.stdout);
    expect(rows[0]).toEqual(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']);
    expect(rows).toContainEqual(['pods', 'po', 'v1', 'true', 'Pod']);
    expect(rows).toContainEqual(['deployments', 'deploy', 'apps/v1', 'true', 'Deployment']);
    expect(rows).toContainEqual(['namespaces', 'ns', 'v1', 'false', 'Namespace']);
    expect(rows).toContainEqual(['leases', 'coordination.k8s.io/v1', 'true', 'Lease']);
  });

  it('explain renders the served schemas', async () => {
    const r = await c.kubectl(['explain', 'deployment.spec.replicas']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n',
    );
  });
});

describe('create and apply every upstream example', () => {
  const files = manifests(examplesDir);

  it('finds the examples', () => {
    expect(files.length).toBeGreaterThan(25);
  });

  it('create -f', async () => {
    for (const ns of ['mem-example', 'cpu-example', 'qos-example']) await createNamespace(ns);
    for (const [i, file] of files.entries()) {
      const args = ['create', '-f', file];
      if (!namespaceOf(file)) {
        const ns = `create-${i}`;
        await createNamespace(ns);
        args.push('-n', ns);
      }
      const r = await c.kubectl(args);
      expect({ file: relative(examplesDir, file), ...r }).toEqual({
        file: relative(examplesDir, file),
        stdout: expectedLines(file, 'created'),
        stderr: '',
        code: 0,
      });
    }
  }, 120_000);

  it('apply -f, then again: created, then unchanged', async () => {
    for (const [i, file] of files.entries()) {
      if (namespaceOf(file) || file.endsWith('namespace-dev.yaml')) continue;
      const ns = `apply-${i}`;
      await createNamespace(ns);
      const first = await c.kubectl(['apply', '-n', ns, '-f', file]);
      expect({ file, ...first }).toEqual({
        file,
        stdout: expectedLines(file, 'created'),
        stderr: '',
        code: 0,
      });
      const again = await c.kubectl(['apply', '-n', ns, '-f', file]);
      if (file.endsWith('pod-with-toleration.yaml')) {
        // As on a real cluster: tolerations is an atomic list, so kubectl's three-way patch sets it
        // to the manifest's one toleration, dropping the two DefaultTolerationSeconds added — and
        // pod update validation forbids removing tolerations.
        expect({ file, ...again }).toEqual({
          file,
          stdout: '',
          stderr:
            'The Pod "nginx" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds\n',
          code: 1,
        });
        continue;
      }
      expect({ file, ...again }).toEqual({
        file,
        stdout: expectedLines(file, 'unchanged'),
        stderr: '',
        code: 0,
      });
    }
  }, 180_000);

  it('apply of an updated Deployment reports configured', async () => {
    await createNamespace('rollout');
    const k = (f: string) => c.kubectl(['apply', '-n', 'rollout', '-f', join(examplesDir, 'application', f)]);
    expect((await k('deployment.yaml')).stdout).toBe('deployment.apps/nginx-deployment created\n');
    expect(await k('deployment-update.yaml')).toEqual({
      stdout: 'deployment.apps/nginx-deployment configured\n',
      stderr: '',
      code: 0,
    });
    expect(await k('deployment-scale.yaml')).toEqual({
      stdout: 'deployment.apps/nginx-deployment configured\n',
      stderr: '',
      code: 0,
    });
    const r = await c.kubectl([
      'get',
      'deploy',
      'nginx-deployment',
      '-n',
      'rollout',
      '-o',
      'jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}',
    ]);
    expect(r.stdout).toBe('4 nginx:1.16.1');
  });
});

describe('reading, labelling, replacing, deleting', () => {
  const ns = 'work';
  beforeAll(async () => {
    await createNamespace(ns);
    await c.kubectl(['apply', '-n', ns, '-f', join(examplesDir, 'pods/simple-pod.yaml')]);
    await c.kubectl(['apply', '-n', ns, '-f', join(examplesDir, 'application/deployment.yaml')]);
    await c.kubectl(['apply', '-n', ns, '-f', join(examplesDir, 'service/nginx-service.yaml')]);
  }, 60_000);

  it('get -o wide prints the wide pod columns', async () => {
    const r = await c.kubectl(['get', 'pod', 'nginx', '-n', ns, '-o', 'wide']);
    expect(r.code).toBe(0);
    expect(table(r.stdout)[0]).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(table(r.stdout)[1][0]).toBe('nginx');
  });

  it('get -o json / yaml / jsonpath', async () => {
    const j = await c.kubectl(['get', 'deploy', 'nginx-deployment', '-n', ns, '-o', 'json']);
    const obj = JSON.parse(j.stdout) as {
      kind: string;
      metadata: { namespace: string; resourceVersion: string; uid: string };
      spec: { replicas: number };
    };
    expect(obj.kind).toBe('Deployment');
    expect(obj.metadata.namespace).toBe(ns);
    expect(obj.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(obj.spec.replicas).toBe(2);
    const y = await c.kubectl(['get', 'svc', 'nginx-service', '-n', ns, '-o', 'yaml']);
    expect(y.stdout).toMatch(/^apiVersion: v1\nkind: Service\nmetadata:\n/);
    const p = await c.kubectl(['get', 'svc', 'nginx-service', '-n', ns, '-o', 'jsonpath={.spec.clusterIP}']);
    expect(p.stdout).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
  });

  it('label and annotate', async () => {
    expect(await c.kubectl(['label', 'pod', 'nginx', '-n', ns, 'env=prod'])).toEqual({
      stdout: 'pod/nginx labeled\n',
      stderr: '',
      code: 0,
    });
    expect(await c.kubectl(['label', 'pod', 'nginx', '-n', ns, 'env=dev'])).toEqual({
      stdout: '',
      stderr: "error: 'env' already has a value (prod), and --overwrite is false\n",
      code: 1,
    });
    expect(await c.kubectl(['annotate', 'pod', 'nginx', '-n', ns, 'owner=team-a'])).toEqual({
      stdout: 'pod/nginx annotated\n',
      stderr: '',
      code: 0,
    });
    const r = await c.kubectl([
      'get',
      'pod',
      'nginx',
      '-n',
      ns,
      '-o',
      'jsonpath={.metadata.labels.env} {.metadata.annotations.owner}',
    ]);
    expect(r.stdout).toBe('prod team-a');
  });

  it('replace -f of an edited object, and 409 Conflict for a stale one', async () => {
    const y = await c.kubectl(['get', 'deploy', 'nginx-deployment', '-n', ns, '-o', 'yaml']);
    const edited = y.stdout.replace(/^ {2}replicas: 2$/m, '  replicas: 3');
    expect(await c.kubectl(['replace', '-f', '-'], edited)).toEqual({
      stdout: 'deployment.apps/nginx-deployment replaced\n',
      stderr: '',
      code: 0,
    });
    expect(await c.kubectl(['replace', '-f', '-'], edited)).toEqual({
      stdout: '',
      stderr:
        'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "nginx-deployment": the object has been modified; please apply your changes to the latest version and try again\n',
      code: 1,
    });
  });

  it('delete', async () => {
    expect(await c.kubectl(['delete', 'svc', 'nginx-service', '-n', ns])).toEqual({
      stdout: 'service "nginx-service" deleted\n',
      stderr: '',
      code: 0,
    });
    expect(await c.kubectl(['delete', 'pod', 'nginx', '-n', ns, '--wait=false'])).toEqual({
      stdout: 'pod "nginx" deleted\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('errors, as kubectl prints them', () => {
  it('404 NotFound', async () => {
    expect(await c.kubectl(['get', 'pod', 'nope'])).toEqual({
      stdout: '',
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      code: 1,
    });
  });

  it('409 AlreadyExists', async () => {
    await createNamespace('dup');
    const file = join(examplesDir, 'pods/pod-nginx.yaml');
    expect((await c.kubectl(['create', '-n', 'dup', '-f', file])).code).toBe(0);
    expect(await c.kubectl(['create', '-n', 'dup', '-f', file])).toEqual({
      stdout: '',
      stderr: `Error from server (AlreadyExists): error when creating "${file}": pods "nginx" already exists\n`,
      code: 1,
    });
  });

  it('422 Invalid with the upstream name message', async () => {
    const pod = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'Web_1' },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    });
    expect(await c.kubectl(['create', '-f', '-'], pod)).toEqual({
      stdout: '',
      stderr:
        "The Pod \"Web_1\" is invalid: metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
      code: 1,
    });
  });

  it('400 strict field validation names the unknown fields', async () => {
    const deploy = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: typo}',
      'spec:',
      '  replica: 2',
      '  selector: {matchLabels: {app: typo}}',
      '  template:',
      '    metadata: {labels: {app: typo}}',
      '    spec: {containers: [{name: c, image: nginx}]}',
    ].join('\n');
    expect(await c.kubectl(['create', '-f', '-'], deploy)).toEqual({
      stdout: '',
      stderr:
        'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"\n',
      code: 1,
    });
    const warn = await c.kubectl(['create', '--validate=warn', '-f', '-'], deploy);
    expect(warn).toEqual({
      stdout: 'deployment.apps/typo created\n',
      stderr: 'Warning: unknown field "spec.replica"\n',
      code: 0,
    });
  });

  /** kubectl 1.32 fails discovery first, five times, then reports the 401 of the last attempt. */
  const unauthorized = (stderr: string) => {
    const lines = stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'error: You must be logged in to the server (the server has asked for the client to provide credentials)',
    );
    for (const l of lines.slice(0, -1))
      expect(l).toMatch(
        /memcache\.go:\d+\] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"$/,
      );
  };

  it('401 with a wrong token, discovery cached: the request itself is refused', async () => {
    await c.kubectl(['get', 'ns']); // warms kubectl's discovery cache for this server
    expect(await c.kubectl(['--token=not-a-token', 'get', 'pods'])).toEqual({
      stdout: '',
      stderr: 'error: You must be logged in to the server (Unauthorized)\n',
      code: 1,
    });
  });

  it('401 with a wrong token, cold cache: discovery is refused first', async () => {
    const r = await c.kubectl([
      '--token=not-a-token',
      `--cache-dir=${c.kubeconfigPath}.cold-cache`,
      'get',
      'pods',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    unauthorized(r.stderr);
  });

  it('401 with no token (kubectl itself would prompt for a password, so ask over plain HTTP)', async () => {
    const res = await fetch(`${c.url.replace('https:', 'http:')}/api/v1/namespaces/default/pods`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Unauthorized',
      reason: 'Unauthorized',
      code: 401,
    });
  });

  it('403 for a user without rights (--as)', async () => {
    expect(await c.kubectl(['--as=jane', 'get', 'pods'])).toEqual({
      stdout: '',
      stderr:
        'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"\n',
      code: 1,
    });
  });

  it('403 for a ServiceAccount token', async () => {
    const sa = await c.kubectl(['create', 'token', 'default']);
    expect(sa).toMatchObject({ stderr: '', code: 0 });
    const r = await c.kubectl([`--token=${sa.stdout.trim()}`, 'get', 'pods', '-n', 'kube-system']);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "kube-system"\n',
      code: 1,
    });
  });
});
