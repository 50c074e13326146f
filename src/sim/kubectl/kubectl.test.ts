import { beforeEach, describe, expect, it } from 'vitest';
import type { HttpRequest } from '../apiserver/http';
import { createCluster } from '../cluster';
import { runKubectl, runKubectlStream, runTerminalLine } from './index';

let cluster: ReturnType<typeof createCluster>;
const transport = (req: HttpRequest) => {
  req.headers.authorization = `Bearer ${cluster.adminToken}`;
  return cluster.handle(req);
};
const k = (line: string, stdin?: string) => runKubectl(line, { transport, stdin });

beforeEach(() => {
  cluster = createCluster({ nodes: 2, seed: 3 });
});

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

describe('runKubectl', () => {
  it('prints server tables with kubectl column layout', async () => {
    const r = await k('get nodes');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('NAME            STATUS   ROLES           AGE   VERSION');
  });

  it('applies client-side: created, unchanged, configured', async () => {
    expect((await k('apply -f -', DEPLOY)).stdout).toBe('deployment.apps/web created\n');
    expect((await k('apply -f -', DEPLOY)).stdout).toBe('deployment.apps/web unchanged\n');
    expect((await k('apply -f -', DEPLOY.replace('replicas: 1', 'replicas: 2'))).stdout).toBe(
      'deployment.apps/web configured\n',
    );
    const last = await k(
      `get deploy web -o jsonpath='{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}'`,
    );
    expect(last.stdout).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"nginx"}]}}}}\n',
    );
    expect((await k('get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('2');
  });

  it('prints a client dry run as the typed object kubectl builds', async () => {
    const r = await k('create deployment web --image=nginx --dry-run=client -o yaml');
    expect(r.stdout).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
`);
    expect((await k('get deploy')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('reports errors as kubectl does, on stderr with exit 1', async () => {
    expect(await k('get pods --foo')).toEqual({
      stdout: '',
      stderr: "Error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n",
      exitCode: 1,
    });
    expect((await k('get podz')).stderr).toBe('error: the server doesn\'t have a resource type "podz"\n');
    expect((await k('get pod web')).stderr).toBe('Error from server (NotFound): pods "web" not found\n');
    expect((await k('apply -f -', 'a: b\n c: d\n')).stderr).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line \d+: /,
    );
    const bad = await k(
      'create -f -',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: Web_1\nspec:\n  containers:\n  - name: c\n    image: nginx\n',
    );
    expect(bad.stderr).toMatch(
      /^The Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123/,
    );
    expect(bad.exitCode).toBe(1);
  });

  it('labels, scales and deletes', async () => {
    await k('create deployment web --image=nginx:1.27');
    expect((await k('label deploy web tier=fe')).stdout).toBe('deployment.apps/web labeled\n');
    expect((await k('label deploy web tier=be')).stderr).toBe(
      "error: 'tier' already has a value (fe), and --overwrite is false\n",
    );
    expect((await k('scale deploy/web --replicas=3')).stdout).toBe('deployment.apps/web scaled\n');
    expect((await k('get deploy web -o jsonpath={.spec.replicas}')).stdout).toBe('3');
    expect((await k('delete deploy web')).stdout).toBe('deployment.apps "web" deleted\n');
  });

  it('execs in a pod through the apiserver and the kubelet, with exit codes and stdin', async () => {
    await k('run shell --image=busybox:1.37 -- sleep 3600');
    cluster.engine.advance(30_000);
    expect(await k('exec shell -- cat /etc/hostname')).toEqual({
      stdout: 'shell\n',
      stderr: '',
      exitCode: 0,
    });
    expect(await k("exec shell -- sh -c 'echo out; echo err >&2; exit 3'")).toEqual({
      stdout: 'out\n',
      stderr: 'err\ncommand terminated with exit code 3\n',
      exitCode: 3,
    });
    expect((await k('exec -i shell -- cat', 'piped\n')).stdout).toBe('piped\n');
    expect((await k('exec shell -c nope -- true')).stderr).toBe(
      'Error from server (BadRequest): container nope is not valid for pod shell\n',
    );
  });

  it('streams get -w until aborted', async () => {
    const abort = new AbortController();
    const chunks: string[] = [];
    const done = runKubectlStream('get ns -w', {
      transport,
      signal: abort.signal,
      onStdout: (s) => chunks.push(s),
    });
    await new Promise((r) => setTimeout(r, 20));
    await k('create namespace dev');
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    const r = await done;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^NAME +STATUS +AGE\n/);
    expect(r.stdout).toMatch(/\ndev +Active +\S+\n$/);
  });
});

describe('runTerminalLine', () => {
  const io = () => ({ transport });
  it('feeds a heredoc to kubectl apply -f -', async () => {
    const r = await runTerminalLine(`cat <<EOF | kubectl apply -f -\n${DEPLOY}EOF`, io());
    expect(r.stdout).toBe('deployment.apps/web created\n');
  });
  it('runs node commands over ssh', async () => {
    const r = await runTerminalLine('ssh control-plane hostname', io());
    expect(r).toEqual({ stdout: 'control-plane\n', stderr: '', exitCode: 0 });
  });
  it('knows clear and rejects other commands like bash', async () => {
    expect((await runTerminalLine('clear', io())).clear).toBe(true);
    expect(await runTerminalLine('ls -l', io())).toEqual({
      stdout: '',
      stderr: 'bash: ls: command not found\n',
      exitCode: 127,
    });
  });
});
