import type { Event, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { toKube, type KubeObject } from '../api/object';
import { createCluster, type Cluster } from '../cluster';
import { Client } from '../client/clientset';

function admin(c: Cluster): Client {
  return new Client(c.apiserver, {
    user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    component: 'kubectl',
  });
}

function podSpec(name: string, spec: Pod['spec'], labels: Record<string, string> = {}): KubeObject {
  return toKube({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels },
    spec,
  } as Pod);
}

/** Creates a pod and binds it to `node` through the binding subresource, as the scheduler would. */
function runPod(c: Cluster, name: string, spec: Pod['spec'], node = 'node-1'): void {
  const k = admin(c);
  const r = k.create({ resource: 'pods', namespace: 'default' }, podSpec(name, spec));
  if (!r.ok) throw new Error(r.error.message);
  const b = k.create(
    { resource: 'pods', namespace: 'default' },
    toKube({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } }),
    { subresource: 'binding', name },
  );
  if (!b.ok) throw new Error(b.error.message);
}

function getPod(c: Cluster, name: string, ns = 'default'): Pod {
  const r = admin(c).get({ resource: 'pods', namespace: ns }, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as unknown as Pod;
}

function events(c: Cluster, name: string): Event[] {
  return (c.apiserver.listInternal('events', '', 'default').items as unknown as Event[])
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata?.resourceVersion) - Number(b.metadata?.resourceVersion));
}

function exec(c: Cluster, host: string, cmd: string): string {
  return c.shell.run(host, cmd).stdout;
}

describe('kubelet and container runtime', () => {
  it('takes a pod from ContainerCreating to Running and Ready, with upstream events', () => {
    const c = createCluster({ nodes: 3 });
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(500);
    let p = getPod(c, 'web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('ContainerCreating');
    expect(p.status?.conditions?.map((x) => x.type)).toEqual([
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ]);
    c.engine.advance(10_000);
    p = getPod(c, 'web');
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(p.status?.hostIP).toBe('192.168.49.3');
    const cs = p.status!.containerStatuses![0];
    expect(cs.ready).toBe(true);
    expect(cs.started).toBe(true);
    expect(cs.image).toBe('docker.io/library/nginx:1.14.2');
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(p.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    const ev = events(c, 'web').map((e) => `${e.reason}: ${e.message}`);
    expect(ev).toContain('Pulling: Pulling image "nginx:1.14.2"');
    expect(ev.find((e) => e.startsWith('Pulled:'))).toMatch(
      /^Pulled: Successfully pulled image "nginx:1\.14\.2" in 2\.636s \(\d+\.\d+s including waiting\)\. Image size: 44710204 bytes\.$/,
    );
    expect(ev).toContain('Created: Created container nginx');
    expect(ev).toContain('Started: Started container nginx');
    // The trace has the kubelet → runtime hops.
    const cri = c.engine.trace.since(0).filter((r) => r.kind === 'cri' && r.object?.name === 'web');
    expect(cri.map((r) => r.summary.split(' ')[0])).toEqual([
      'RunPodSandbox',
      'PullImage',
      'CreateContainer',
      'StartContainer',
    ]);
  });

  it('uses the image cache with IfNotPresent and reports node images', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'a', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(10_000);
    runPod(c, 'b', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(2_000);
    expect(getPod(c, 'b').status?.phase).toBe('Running');
    expect(events(c, 'b').map((e) => e.message)).toContain(
      'Container image "nginx:1.14.2" already present on machine',
    );
    c.engine.advance(10_000);
    const node = admin(c).get({ resource: 'nodes' }, 'node-1');
    const images = (
      node.ok ? (node.object.status as { images: { names: string[]; sizeBytes: number }[] }) : undefined
    )?.images;
    expect(
      images?.some((i) => i.names.includes('docker.io/library/nginx:1.14.2') && i.sizeBytes === 44710204),
    ).toBe(true);
  });

  it('shows ErrImagePull then ImagePullBackOff for an unknown image', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'typo', { containers: [{ name: 'app', image: 'ngnix:1.14.2' }] });
    c.engine.advance(1_500);
    let w = getPod(c, 'typo').status?.containerStatuses?.[0].state?.waiting;
    expect(w?.reason).toBe('ErrImagePull');
    expect(w?.message).toMatch(
      /^rpc error: code = Unknown desc = failed to pull and unpack image "docker.io\/library\/ngnix:1.14.2"/,
    );
    c.engine.advance(2_000);
    w = getPod(c, 'typo').status?.containerStatuses?.[0].state?.waiting;
    expect(w?.reason).toBe('ImagePullBackOff');
    expect(w?.message).toMatch(/^Back-off pulling image "ngnix:1.14.2": ErrImagePull: rpc error/);
    const reasons = events(c, 'typo').map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain('Failed: Error: ErrImagePull');
    expect(reasons).toContain('BackOff: Back-off pulling image "ngnix:1.14.2"');
    expect(reasons).toContain('Failed: Error: ImagePullBackOff');
  });

  it('backs off a crashing container 10 s, 20 s, 40 s (CrashLoopBackOff)', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'crash', {
      containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }],
    });
    const messages: string[] = [];
    const restarts: number[] = [];
    for (let i = 0; i < 200; i++) {
      c.engine.advance(1000);
      const cs = getPod(c, 'crash').status?.containerStatuses?.[0];
      const m = cs?.state?.waiting?.message;
      if (m && cs?.state?.waiting?.reason === 'CrashLoopBackOff' && messages[messages.length - 1] !== m)
        messages.push(m);
      if (cs && restarts[restarts.length - 1] !== cs.restartCount) restarts.push(cs.restartCount ?? 0);
    }
    const uid = getPod(c, 'crash').metadata?.uid;
    expect(messages.slice(0, 3)).toEqual([
      `back-off 10s restarting failed container=c pod=crash_default(${uid})`,
      `back-off 20s restarting failed container=c pod=crash_default(${uid})`,
      `back-off 40s restarting failed container=c pod=crash_default(${uid})`,
    ]);
    const cs = getPod(c, 'crash').status!.containerStatuses![0];
    expect(cs.lastState?.terminated?.exitCode).toBe(1);
    expect(cs.lastState?.terminated?.reason).toBe('Error');
    expect(getPod(c, 'crash').status?.phase).toBe('Running');
    expect(restarts.slice(0, 4)).toEqual([0, 1, 2, 3]);
  });

  it('restarts exec-liveness.yaml after its liveness probe fails', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'liveness-exec', {
      containers: [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox:1.27.2',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: {
            exec: { command: ['cat', '/tmp/healthy'] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
          },
        },
      ],
    });
    c.engine.advance(30_000);
    expect(getPod(c, 'liveness-exec').status?.containerStatuses?.[0].restartCount).toBe(0);
    c.engine.advance(60_000);
    const ev = events(c, 'liveness-exec').map((e) => `${e.reason}: ${e.message}`);
    expect(ev).toContain(
      "Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
    expect(ev).toContain('Killing: Container liveness failed liveness probe, will be restarted');
    const cs = getPod(c, 'liveness-exec').status!.containerStatuses![0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState?.terminated?.exitCode).toBe(137);
  });

  it('terminates gracefully and deletes the pod with grace 0', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'sleeper', {
      containers: [{ name: 's', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }],
    });
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(10_000);
    const k = admin(c);
    k.delete({ resource: 'pods', namespace: 'default' }, 'sleeper');
    k.delete({ resource: 'pods', namespace: 'default' }, 'web');
    c.engine.advance(2_000);
    expect(k.get({ resource: 'pods', namespace: 'default' }, 'web').ok).toBe(false);
    expect(getPod(c, 'sleeper').metadata?.deletionTimestamp).toBeDefined();
    c.engine.advance(30_000);
    expect(k.get({ resource: 'pods', namespace: 'default' }, 'sleeper').ok).toBe(false);
    expect(events(c, 'sleeper').map((e) => e.message)).toContain('Stopping container s');
    const del = c.engine.trace.since(0).find((r) => r.summary.startsWith('DELETE pods/sleeper (grace 0'));
    expect(del?.from).toBe('kubelet@node-1');
    expect(exec(c, 'node-1', 'crictl pods')).not.toContain('sleeper');
  });

  it('stops renewing the lease when the kubelet is stopped, containers keep running', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(10_000);
    const renew = () => {
      const r = admin(c).get(
        { resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-node-lease' },
        'node-1',
      );
      return r.ok
        ? (r.object.spec as { renewTime: string; leaseDurationSeconds: number; holderIdentity: string })
        : undefined;
    };
    const before = renew();
    expect(before?.leaseDurationSeconds).toBe(40);
    expect(before?.holderIdentity).toBe('node-1');
    expect(before?.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    c.engine.advance(10_000);
    expect(renew()?.renewTime).not.toBe(before?.renewTime);
    expect(c.shell.run('node-1', 'systemctl stop kubelet').exitCode).toBe(0);
    const stopped = renew()?.renewTime;
    c.engine.advance(60_000);
    expect(renew()?.renewTime).toBe(stopped);
    expect(exec(c, 'node-1', 'systemctl status kubelet')).toContain('Active: inactive (dead)');
    expect(exec(c, 'node-1', 'crictl ps')).toMatch(/Running\s+nginx\s+0\s+[0-9a-f]{13}\s+web\s+default/);
    c.shell.run('node-1', 'systemctl start kubelet');
    c.engine.advance(1_000);
    expect(renew()?.renewTime).not.toBe(stopped);
    expect(exec(c, 'node-1', 'crictl ps').match(/nginx/g)?.length).toBe(1);
  });

  it('runs the control plane as static pods with mirror pods in kube-system', () => {
    const c = createCluster({ nodes: 1 });
    c.engine.advance(5_000);
    for (const comp of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      const p = getPod(c, `${comp}-control-plane`, 'kube-system');
      expect(p.metadata?.annotations?.['kubernetes.io/config.source']).toBe('file');
      expect(p.metadata?.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(p.metadata?.ownerReferences?.[0].kind).toBe('Node');
      expect(p.spec?.priorityClassName).toBe('system-node-critical');
      expect(p.spec?.hostNetwork).toBe(true);
      expect(p.status?.phase).toBe('Running');
      expect(p.status?.podIP).toBe('192.168.49.2');
    }
    expect(getPod(c, 'etcd-control-plane', 'kube-system').spec?.containers[0].image).toBe(
      'registry.k8s.io/etcd:3.5.16-0',
    );
  });

  it('serves kubectl logs: tail, previous, timestamps', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'echo', {
      containers: [
        { name: 'e', image: 'busybox:1.36', command: ['sh', '-c', 'echo one; echo two; echo three; exit 3'] },
      ],
    });
    c.engine.advance(15_000);
    const k = (q: string) =>
      c.handle({
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/echo/log',
        query: new URLSearchParams(q),
        headers: { authorization: `Bearer ${c.adminToken}` },
      });
    expect(k('').body).toBe('one\ntwo\nthree\n');
    expect(k('tailLines=1').body).toBe('three\n');
    expect(k('timestamps=true').body).toMatch(/^2026-01-01T00:00:\d\d\.\d{9}Z one\n/);
    expect(k('previous=true').body).toBe('one\ntwo\nthree\n');
  });

  it('rejects a pod that does not fit with OutOfcpu', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'big', {
      containers: [{ name: 'b', image: 'nginx:1.14.2', resources: { requests: { cpu: '64' } } }],
    });
    c.engine.advance(1_000);
    const p = getPod(c, 'big');
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.reason).toBe('OutOfcpu');
    expect(p.status?.message).toMatch(
      /^Pod was rejected: Node didn't have enough resource: cpu, requested: 64000, used: \d+, capacity: 4000$/,
    );
    expect(events(c, 'big').map((e) => e.reason)).toContain('OutOfcpu');
  });

  it('prints crictl output as the real tool', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(10_000);
    const ps = exec(c, 'node-1', 'crictl ps').split('\n');
    expect(ps[0].split(/ {3,}/)).toEqual([
      'CONTAINER',
      'IMAGE',
      'CREATED',
      'STATE',
      'NAME',
      'ATTEMPT',
      'POD ID',
      'POD',
      'NAMESPACE',
    ]);
    expect(ps[0].indexOf('IMAGE')).toBe(20);
    expect(exec(c, 'node-1', 'crictl images')).toMatch(
      /docker\.io\/library\/nginx\s+1\.14\.2\s+[0-9a-f]{13}\s+44\.7MB/,
    );
    expect(exec(c, 'node-1', 'crictl pods')).toMatch(
      /[0-9a-f]{13}\s+\d+ seconds ago\s+Ready\s+web\s+default\s+0\s+\(default\)/,
    );
    const id = ps.find((l) => /\snginx\s/.test(l))!.split(/\s+/)[0];
    expect(exec(c, 'node-1', `crictl stop ${id}`)).toBe(`${id}\n`);
    c.engine.advance(3_000);
    expect(getPod(c, 'web').status?.containerStatuses?.[0].restartCount).toBe(1);
  });

  it('powers a node off and on with a new boot id', () => {
    const c = createCluster({ nodes: 1 });
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] });
    c.engine.advance(10_000);
    const boot = c.machines.get('node-1')!.bootID;
    expect(c.shell.run('node-1', 'poweroff').exitCode).toBe(255);
    c.engine.advance(1_000);
    expect(c.shell.run('node-1', 'crictl ps').exitCode).toBe(255);
    const res = c.handle({
      method: 'POST',
      path: '/simulator/v1/nodes/node-1/power',
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${c.adminToken}` },
      body: '{"on":true}',
    });
    expect(res.status).toBe(200);
    expect(c.machines.get('node-1')!.bootID).not.toBe(boot);
    c.engine.advance(10_000);
    expect(getPod(c, 'web').status?.phase).toBe('Running');
    expect(exec(c, 'node-1', 'crictl ps')).toMatch(/Running\s+nginx\s+\d/);
  });

  it('joins a new node through the simulator API', () => {
    const c = createCluster({ nodes: 1 });
    const res = c.handle({
      method: 'POST',
      path: '/simulator/v1/nodes',
      query: new URLSearchParams(),
      headers: { authorization: `Bearer ${c.adminToken}` },
      body: '{"name":"big-1","cpu":"16","memory":"64Gi","labels":{"size":"big"}}',
    });
    expect(res.status).toBe(201);
    runPod(c, 'web', { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] }, 'big-1');
    c.engine.advance(10_000);
    expect(getPod(c, 'web').status?.phase).toBe('Running');
  });
});

describe('the deployment flow', () => {
  it('tags the kubelet hops of a Deployment pod as steps 8, 9 and 10', () => {
    const c = createCluster({ nodes: 2 });
    const k = admin(c);
    const r = k.create(
      { resource: 'deployments', group: 'apps', namespace: 'default' },
      toKube({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'nginx', namespace: 'default' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'nginx' } },
          template: {
            metadata: { labels: { app: 'nginx' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
          },
        },
      }),
    );
    expect(r.ok).toBe(true);
    c.engine.advance(20_000);
    const pods = (c.apiserver.listInternal('pods', '', 'default').items as unknown as Pod[]).filter((p) =>
      p.metadata?.name?.startsWith('nginx-'),
    );
    expect(pods.length).toBe(2);
    for (const p of pods) {
      expect(p.status?.phase).toBe('Running');
      const steps = c.engine.trace
        .since(0)
        .filter((t) => t.object?.name === p.metadata?.name && t.step !== undefined)
        .map((t) => t.step);
      expect(steps).toContain(8);
      expect(steps).toContain(9);
      expect(steps.filter((s) => s === 10).length).toBe(2);
      expect(steps.indexOf(9)).toBeGreaterThan(steps.indexOf(8));
      expect(steps.indexOf(10)).toBeGreaterThan(steps.lastIndexOf(9));
    }
  });
});
