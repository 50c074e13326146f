import { describe, expect, it } from 'vitest';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { createCluster, type Cluster } from '../cluster';
import type { DecisionView } from './decisions';
import { calculatePodResource, resourceFromList } from './framework/resources';

function api(c: Cluster, method: string, path: string, body?: unknown) {
  const [p, q] = path.split('?');
  const res = c.handle({
    method,
    path: p,
    query: new URLSearchParams(q ?? ''),
    headers: { authorization: `Bearer ${c.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: JSON.parse(res.body || 'null') as unknown };
}

function createPod(c: Cluster, pod: Pod): Pod {
  const r = api(c, 'POST', `/api/v1/namespaces/${pod.metadata?.namespace ?? 'default'}/pods`, pod);
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as Pod;
}

function getPod(c: Cluster, name: string, ns = 'default'): Pod {
  return api(c, 'GET', `/api/v1/namespaces/${ns}/pods/${name}`).json as Pod;
}

function events(c: Cluster, ns = 'default'): Event[] {
  return (api(c, 'GET', `/api/v1/namespaces/${ns}/events`).json as { items: Event[] }).items;
}

function podSpec(name: string, cpu = '100m', memory = '128Mi', extra: Partial<Pod['spec']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu, memory } } }],
      ...extra,
    },
  };
}

function decisions(c: Cluster, query: string): DecisionView[] {
  const r = api(c, 'GET', `/simulator/v1/scheduler/decisions?${query}`);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return (r.json as { items: DecisionView[] }).items;
}

const BIG_MESSAGE =
  '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
  '3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
  '3 No preemption victims found for incoming pod.';

describe('kube-scheduler in the cluster', () => {
  it('binds pods to the workers, never the tainted control plane, with a Scheduled event each', () => {
    const c = createCluster({ nodes: 3 });
    for (let i = 0; i < 9; i++) createPod(c, podSpec(`web-${i}`));
    c.engine.advance(200);
    const evs = events(c).filter((e) => e.reason === 'Scheduled');
    const perNode = new Map<string, number>();
    for (let i = 0; i < 9; i++) {
      const p = getPod(c, `web-${i}`);
      expect(p.spec?.nodeName).toMatch(/^node-[123]$/);
      perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + 1);
      expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True');
      const ev = evs.find((e) => e.involvedObject.name === `web-${i}`)!;
      expect(ev.message).toBe(`Successfully assigned default/web-${i} to ${p.spec!.nodeName}`);
      expect(ev.type).toBe('Normal');
      expect(ev.source?.component).toBe('default-scheduler');
    }
    // LeastAllocated + BalancedAllocation spread identical pods over identical nodes (node agents'
    // own pods, e.g. kube-proxy, may tilt it a little).
    expect(perNode.size).toBe(3);
    expect(Math.max(...perNode.values()) - Math.min(...perNode.values())).toBeLessThanOrEqual(2);
  });

  it('lets a pod that tolerates the control-plane taint and selects that node land there', () => {
    const c = createCluster({ nodes: 3 });
    createPod(
      c,
      podSpec('admin', '100m', '64Mi', {
        nodeSelector: { 'kubernetes.io/hostname': 'control-plane' },
        tolerations: [
          { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
        ],
      }),
    );
    createPod(
      c,
      podSpec('no-toleration', '100m', '64Mi', {
        nodeSelector: { 'kubernetes.io/hostname': 'control-plane' },
      }),
    );
    c.engine.advance(100);
    expect(getPod(c, 'admin').spec?.nodeName).toBe('control-plane');
    expect(getPod(c, 'no-toleration').spec?.nodeName).toBeUndefined();
    const cond = getPod(c, 'no-toleration').status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond?.message).toBe(
      "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    );
  });

  it('keeps a pod bigger than any node Pending with the upstream message, then places it when a big node joins', () => {
    const c = createCluster({ nodes: 3 });
    createPod(c, podSpec('huge', '16', '1Gi'));
    c.engine.advance(100);
    let pod = getPod(c, 'huge');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(pod.status?.phase).toBe('Pending');
    const cond = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: BIG_MESSAGE });
    const failed = events(c).filter((e) => e.reason === 'FailedScheduling');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      type: 'Warning',
      message: BIG_MESSAGE,
      source: { component: 'default-scheduler' },
    });
    expect(c.scheduler.queue.whereIs(pod)).toBe('unschedulablePods');

    // Nothing changes on its own within back-off; a new node is the event that may help it.
    c.engine.advance(20_000);
    expect(getPod(c, 'huge').spec?.nodeName).toBeUndefined();
    expect(c.registerNode('big', { cpu: '32', memory: '64Gi' })).toEqual({ ok: true });
    c.engine.advance(100);
    pod = getPod(c, 'huge');
    expect(pod.spec?.nodeName).toBe('big');
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status).toBe('True');
    const ds = decisions(c, 'namespace=default&pod=huge');
    expect(ds.map((d) => d.result)).toEqual(['Scheduled', 'Unschedulable']);
    expect(ds[0].attempt).toBe(2);
  });

  it('retries an unschedulable pod after 5 minutes and counts the repeated FailedScheduling event', () => {
    const c = createCluster({ nodes: 3 });
    createPod(c, podSpec('huge', '16', '1Gi'));
    c.engine.advance(100);
    c.engine.advance(6 * 60_000);
    // Node events may retry it earlier (nodes without a kubelet turn NotReady); the last two
    // attempts are the 5-minute flush retrying a pod nothing helped, with the same verdict.
    const ds = decisions(c, 'namespace=default&pod=huge');
    expect(ds.length).toBeGreaterThanOrEqual(2);
    expect(ds[0].virtualTimeMs - ds[1].virtualTimeMs).toBeGreaterThan(5 * 60_000);
    expect(ds[0].virtualTimeMs - ds[1].virtualTimeMs).toBeLessThanOrEqual(5 * 60_000 + 30_000 + 1);
    expect(ds[0].message).toBe(ds[1].message);
    const ev = events(c).find((e) => e.reason === 'FailedScheduling' && e.message === ds[0].message)!;
    expect(ev.count).toBeGreaterThanOrEqual(2);
    // The condition did not change, so upstream's updatePod sends nothing the second time.
    const lastPatch = c.engine.trace
      .since(0)
      .filter((t) => t.summary === 'PATCH pods/huge/status')
      .pop()!;
    expect(lastPatch.sentAt).toBeLessThan(ds[0].virtualTimeMs);
  });

  it('serves each decision: per node the filter verdicts and reasons, per plugin raw, normalized and weighted scores', () => {
    const c = createCluster({ nodes: 3 });
    createPod(c, podSpec('web', '1', '2Gi'));
    c.engine.advance(100);
    const [d] = decisions(c, 'namespace=default&pod=web');
    const pod = getPod(c, 'web');
    expect(d.pod).toEqual({ namespace: 'default', name: 'web', uid: pod.metadata?.uid });
    expect(d.result).toBe('Scheduled');
    expect(d.node).toBe(pod.spec?.nodeName);
    expect(d.time).toMatch(/^2026-01-01T00:00:0\dZ$/);
    expect(d.nodes.map((n) => n.name).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);

    const cp = d.nodes.find((n) => n.name === 'control-plane')!;
    expect(cp.feasible).toBe(false);
    expect(cp.filters.map((f) => [f.plugin, f.verdict])).toEqual([
      ['NodeUnschedulable', 'Success'],
      ['NodeName', 'Success'],
      ['TaintToleration', 'UnschedulableAndUnresolvable'],
      // No affinity, no host ports, no spread constraints: those PreFilters said Skip.
      ['NodeAffinity', 'Skip'],
      ['NodePorts', 'Skip'],
      ['NodeResourcesFit', 'NotRun'],
      ['PodTopologySpread', 'Skip'],
      ['InterPodAffinity', 'Skip'],
    ]);
    expect(cp.filters[2].reason).toBe(
      'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    );
    expect(cp.scores).toBeUndefined();

    const nodes = (api(c, 'GET', '/api/v1/nodes').json as { items: Node[] }).items;
    const workers = d.nodes.filter((n) => n.name !== 'control-plane');
    for (const w of workers) {
      expect(w.feasible).toBe(true);
      expect(w.filters.every((f) => f.verdict === 'Success' || f.verdict === 'Skip')).toBe(true);
      let total = 0;
      for (const s of w.scores!) {
        expect(s.weighted).toBe(s.normalized * s.weight);
        total += s.weighted;
      }
      expect(w.total).toBe(total);
      // LeastAllocated by hand: (alloc − requested − 1 CPU) × 100 / alloc, the same for memory
      // with 2Gi, then the mean; `requested` counts the node's other pods (100m / 200Mi if they set none).
      const alloc = resourceFromList(nodes.find((n) => n.metadata?.name === w.name)!.status?.allocatable);
      const others = (
        api(c, 'GET', `/api/v1/pods?fieldSelector=spec.nodeName%3D${w.name}`).json as { items: Pod[] }
      ).items.filter(
        (p) => p.metadata?.name !== 'web' && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
      );
      let cpu = 1000;
      let mem = 2 * 1024 ** 3;
      for (const p of others) {
        cpu += calculatePodResource(p).non0CPU;
        mem += calculatePodResource(p).non0Mem;
      }
      const cpuScore = Math.trunc(((alloc.milliCPU - cpu) * 100) / alloc.milliCPU);
      const memScore = Math.trunc(((alloc.memory - mem) * 100) / alloc.memory);
      const fit = w.scores!.find((s) => s.plugin === 'NodeResourcesFit')!;
      expect(fit.raw).toBe(Math.trunc((cpuScore + memScore) / 2));
      expect(w.scores!.find((s) => s.plugin === 'TaintToleration')).toMatchObject({
        weight: 3,
        normalized: 100,
        weighted: 300,
      });
    }
    const best = Math.max(...workers.map((w) => w.total!));
    expect(d.nodes.find((n) => n.chosen)?.total).toBe(best);
    expect(d.nodes.filter((n) => n.chosen)).toHaveLength(1);

    // Without `pod`, the namespace's latest decisions, newest first.
    createPod(c, podSpec('web-2'));
    c.engine.advance(100);
    const list = decisions(c, 'namespace=default');
    expect(list.map((x) => x.pod.name)).toEqual(['web-2', 'web']);
    expect(decisions(c, 'namespace=kube-system').every((x) => x.pod.namespace === 'kube-system')).toBe(true);
    expect(decisions(c, 'namespace=empty')).toEqual([]);
    expect(api(c, 'GET', '/simulator/v1/scheduler/decisions?namespace=default&pod=nope').status).toBe(404);
  });

  it('tags the ten-step flow for each pod of a Deployment: 5 (watch and decision), 6 (binding), 7 (etcd)', () => {
    const c = createCluster({ nodes: 3 });
    const from = c.engine.trace.lastSeq;
    const r = api(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    });
    expect(r.status).toBe(201);
    c.engine.advance(1_000);
    const pods = (
      api(c, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb').json as { items: Pod[] }
    ).items;
    expect(pods).toHaveLength(2);
    for (const pod of pods) {
      const name = pod.metadata!.name!;
      expect(pod.spec?.nodeName).toMatch(/^node-/);
      const recs = c.engine.trace
        .since(from)
        .filter(
          (t) => t.object?.kind === 'Pod' && t.object.name === name && t.step !== undefined && t.step >= 4,
        );
      const mine = recs
        .filter((t) => t.step! >= 5 && t.step! <= 7)
        .map((t) => `${t.step} ${t.from}→${t.to} ${t.kind}`);
      expect(mine).toEqual([
        '5 kube-apiserver→kube-scheduler watch',
        '5 kube-scheduler→kube-scheduler schedule',
        '6 kube-scheduler→kube-apiserver http',
        '7 kube-apiserver→etcd etcd-put',
      ]);
      expect(recs.some((t) => t.step === 4)).toBe(true);
      // In virtual time the steps never run backwards.
      const byStep = [...recs].sort((a, b) => a.step! - b.step! || a.seq - b.seq);
      for (let i = 1; i < byStep.length; i++)
        expect(byStep[i].sentAt).toBeGreaterThanOrEqual(byStep[i - 1].sentAt);
      const decision = recs.find((t) => t.kind === 'schedule')!;
      expect(decision.summary).toBe(`filter 4 nodes, score 3 → ${pod.spec?.nodeName}`);
      expect(decision.deliverAt - decision.sentAt).toBe(1);
      expect(recs.find((t) => t.step === 6)?.summary).toBe(`bind → ${pod.spec?.nodeName}`);
    }
  });

  it('stops and starts with systemctl on the control plane', () => {
    const c = createCluster({ nodes: 3 });
    const sh = (host: string, cmd: string) => c.shell.run(host, cmd);
    const active = sh('control-plane', 'systemctl status kube-scheduler');
    expect(active.exitCode).toBe(0);
    expect(active.stdout).toMatch(/^● kube-scheduler\.service - Kubernetes Scheduler\n/);
    expect(active.stdout).toContain('Active: active (running) since Thu 2026-01-01 00:00:00 UTC; 1s ago');

    expect(sh('control-plane', 'sudo systemctl stop kube-scheduler')).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0,
    });
    createPod(c, podSpec('waiting'));
    c.engine.advance(30_000);
    expect(getPod(c, 'waiting').spec?.nodeName).toBeUndefined();
    expect(c.scheduler.queue.whereIs(getPod(c, 'waiting'))).toBe('activeQ');
    const stopped = sh('control-plane', 'systemctl status kube-scheduler.service');
    expect(stopped.exitCode).toBe(3);
    expect(stopped.stdout).toMatch(/^○ kube-scheduler\.service - Kubernetes Scheduler\n/);
    expect(stopped.stdout).toContain('Active: inactive (dead) since Thu 2026-01-01 00:00:01 UTC; 30s ago');
    expect(sh('control-plane', 'systemctl is-active kube-scheduler')).toEqual({
      stdout: 'inactive\n',
      stderr: '',
      exitCode: 3,
    });

    expect(sh('control-plane', 'systemctl start kube-scheduler').exitCode).toBe(0);
    c.engine.advance(50);
    expect(getPod(c, 'waiting').spec?.nodeName).toMatch(/^node-/);
    expect(sh('node-1', 'systemctl status kube-scheduler')).toEqual({
      stdout: '',
      stderr: 'Unit kube-scheduler.service could not be found.\n',
      exitCode: 4,
    });
    expect(sh('node-1', 'systemctl stop kube-scheduler').exitCode).toBe(5);
  });

  it('drops a pending pod that is deleted and ignores pods for another scheduler', () => {
    const c = createCluster({ nodes: 3 });
    createPod(c, podSpec('huge', '16', '1Gi'));
    createPod(c, podSpec('custom', '100m', '64Mi', { schedulerName: 'my-scheduler' }));
    c.engine.advance(100);
    expect(c.scheduler.queue.unschedulableCount).toBe(1);
    expect(getPod(c, 'custom').spec?.nodeName).toBeUndefined();
    expect(c.scheduler.decisions.forPod('default', 'custom')).toHaveLength(0);
    expect(api(c, 'DELETE', '/api/v1/namespaces/default/pods/huge').status).toBe(200);
    c.engine.advance(100);
    expect(c.scheduler.queue.length).toBe(0);
  });

  it('frees a node in its cache when a pod is deleted, so a waiting pod fits', () => {
    const c = createCluster({ nodes: 1, workerCpu: '2' });
    createPod(c, podSpec('first', '1500m'));
    c.engine.advance(100);
    expect(getPod(c, 'first').spec?.nodeName).toBe('node-1');
    createPod(c, podSpec('second', '1500m'));
    c.engine.advance(100);
    expect(getPod(c, 'second').spec?.nodeName).toBeUndefined();
    expect(getPod(c, 'second').status?.conditions?.[0]?.message).toMatch(
      /^0\/2 nodes are available: 1 Insufficient cpu, 1 node\(s\) had untolerated taint/,
    );
    // Graceful deletion waits for a kubelet; the cache frees the node when the pod is really gone.
    expect(api(c, 'DELETE', '/api/v1/namespaces/default/pods/first?gracePeriodSeconds=0').status).toBe(200);
    c.engine.advance(2_000);
    expect(getPod(c, 'second').spec?.nodeName).toBe('node-1');
  });

  it('is deterministic: the same seed places the same pods on the same nodes', () => {
    const run = () => {
      const c = createCluster({ nodes: 5, seed: 42 });
      for (let i = 0; i < 12; i++) createPod(c, podSpec(`p-${i}`));
      c.engine.advance(200);
      return Array.from({ length: 12 }, (_, i) => getPod(c, `p-${i}`).spec?.nodeName);
    };
    expect(run()).toEqual(run());
  });
});
