import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, it } from 'vitest';
import { toKube, type KubeObject } from '../../api/object';
import { createCluster, type Cluster } from '../../cluster';
import { Client } from '../../client/clientset';

const ALL = ['control-plane', 'node-1', 'node-2', 'node-3'];

function admin(cluster: Cluster): Client {
  return new Client(cluster.apiserver, {
    user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    component: 'kubectl',
  });
}

function node(cluster: Cluster, name: string): Node {
  const r = admin(cluster).get({ resource: 'nodes' }, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as Node;
}

function pod(cluster: Cluster, name: string): Pod | undefined {
  const r = admin(cluster).get({ resource: 'pods', namespace: 'default' }, name);
  return r.ok ? (r.object as Pod) : undefined;
}

/** A pod bound to `nodeName` through the binding subresource, as the scheduler would. */
function boundPod(
  cluster: Cluster,
  name: string,
  nodeName: string,
  spec: Record<string, unknown> = {},
): void {
  const c = admin(cluster);
  const body = toKube({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec },
  });
  const r = c.create({ resource: 'pods', namespace: 'default' }, body);
  if (!r.ok) throw new Error(r.error.message);
  const b = c.create(
    { resource: 'pods', namespace: 'default' },
    {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name },
      target: { kind: 'Node', name: nodeName },
    } as KubeObject,
    { subresource: 'binding', name },
  );
  if (!b.ok) throw new Error(b.error.message);
}

function events(cluster: Cluster, reason: string): Event[] {
  const all = cluster.apiserver.listInternal('events').items as unknown as Event[];
  return all.filter((e) => e.reason === reason);
}

describe('node lifecycle controller', () => {
  let cluster: Cluster;
  // The kubelets renew their leases; stopping one (`systemctl stop kubelet`) stops its heartbeats.
  const beats = {
    stop: (n: string) => cluster.machines.get(n)!.stopKubelet(),
    resume: (n: string) => cluster.machines.get(n)!.startKubelet(),
  };

  beforeEach(() => {
    cluster = createCluster({ nodes: 3 });
    cluster.engine.advance(30_000);
  });

  it('keeps nodes Ready while their leases are renewed', () => {
    cluster.engine.advance(120_000);
    for (const n of ALL) {
      expect(node(cluster, n).status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
      expect(
        node(cluster, n).spec?.taints?.filter((t) => t.key.startsWith('node.kubernetes.io/')) ?? [],
      ).toEqual([]);
    }
  });

  it('heartbeats stop: Unknown after the grace period, unreachable taints, then eviction after 300 s', () => {
    boundPod(cluster, 'web', 'node-1');
    boundPod(cluster, 'impatient', 'node-1', {
      tolerations: [
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 10,
        },
      ],
    });
    boundPod(cluster, 'forever', 'node-1', {
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }],
    });
    // The kubelet had reported the pods Ready.
    for (const name of ['web', 'impatient', 'forever']) {
      const p = structuredClone(pod(cluster, name)!) as KubeObject;
      p.status = { ...(p.status as object), conditions: [{ type: 'Ready', status: 'True' }] };
      const r = admin(cluster).updateStatus({ resource: 'pods', namespace: 'default' }, p);
      if (!r.ok) throw new Error(r.error.message);
    }
    cluster.engine.advance(1_000);

    beats.stop('node-1');
    const stoppedAt = cluster.engine.now;
    // Within the grace period, nothing happens.
    cluster.engine.advance(45_000);
    expect(node(cluster, 'node-1').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    // Unknown past the grace period; the NoExecute taint follows on the next monitor pass.
    cluster.engine.advance(20_000);

    const n1 = node(cluster, 'node-1');
    const conds = Object.fromEntries((n1.status?.conditions ?? []).map((c) => [c.type, c]));
    expect(conds.Ready).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    for (const t of ['MemoryPressure', 'DiskPressure', 'PIDPressure'])
      expect(conds[t]).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    const taints = n1.spec?.taints ?? [];
    expect(taints.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect(taints.find((t) => t.effect === 'NoExecute')?.timeAdded).toBeDefined();
    expect(events(cluster, 'NodeNotReady').map((e) => e.message)).toContain(
      'Node node-1 status is now: NodeNotReady',
    );
    // MarkPodsNotReady.
    expect(pod(cluster, 'web')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');
    // The other nodes keep their leases: no disruption mode, and they stay Ready.
    expect(node(cluster, 'node-2').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');

    // Unknown at most grace + monitor period after the last heartbeat.
    const ready = conds.Ready;
    const transitioned = Date.parse(ready.lastTransitionTime!) - cluster.engine.epochMs;
    expect(transitioned - stoppedAt).toBeGreaterThan(50_000);
    expect(transitioned - stoppedAt).toBeLessThanOrEqual(50_000 + 10_000 + 5_000);

    // The 10 s toleration runs out first.
    cluster.engine.advance(15_000);
    expect(pod(cluster, 'impatient')?.metadata?.deletionTimestamp).toBeDefined();
    expect(pod(cluster, 'web')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(
      pod(cluster, 'impatient')?.status?.conditions?.find((c) => c.type === 'DisruptionTarget'),
    ).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
    });

    // The default 300 s toleration (DefaultTolerationSeconds) runs out 300 s after the taint.
    const taintedAt =
      Date.parse(taints.find((t) => t.effect === 'NoExecute')!.timeAdded!) - cluster.engine.epochMs;
    cluster.engine.advance(taintedAt + 299_000 - cluster.engine.now);
    expect(pod(cluster, 'web')?.metadata?.deletionTimestamp).toBeUndefined();
    cluster.engine.advance(2_000);
    expect(pod(cluster, 'web')?.metadata?.deletionTimestamp).toBeDefined();
    expect(pod(cluster, 'forever')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(events(cluster, 'TaintManagerEviction').map((e) => e.message)).toContain(
      'Marking for deletion Pod default/web',
    );
  });

  it('a pod that does not tolerate the taint is evicted at once', () => {
    boundPod(cluster, 'strict', 'node-2', {
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' },
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    });
    // DefaultTolerationSeconds still adds the unreachable NoExecute toleration unless one exists:
    // take it away by tainting with a key nobody tolerates.
    const n = structuredClone(node(cluster, 'node-2')) as KubeObject;
    (n.spec as { taints?: unknown[] }).taints = [{ key: 'example.com/drain', effect: 'NoExecute' }];
    const r = admin(cluster).update({ resource: 'nodes' }, n);
    if (!r.ok) throw new Error(r.error.message);
    cluster.engine.advance(1_000);
    // Deleted: terminating, or already gone once its kubelet stopped it.
    const strict = pod(cluster, 'strict');
    expect(!strict || !!strict.metadata?.deletionTimestamp).toBe(true);
  });

  it('heartbeats resume: Ready again and the taints are removed, pending evictions cancelled', () => {
    boundPod(cluster, 'web', 'node-3');
    beats.stop('node-3');
    cluster.engine.advance(70_000);
    expect(node(cluster, 'node-3').spec?.taints?.length).toBe(2);
    beats.resume('node-3');
    cluster.engine.advance(10_000);
    const n3 = node(cluster, 'node-3');
    expect(n3.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(n3.spec?.taints ?? []).toEqual([]);
    expect(events(cluster, 'TaintManagerEviction').map((e) => e.message)).toContain(
      'Cancelling deletion of Pod default/web',
    );
    cluster.engine.advance(400_000);
    expect(pod(cluster, 'web')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('evicts at most 0.1 nodes per second in a healthy zone', () => {
    const big = createCluster({ nodes: 8 });
    big.engine.advance(20_000);
    big.machines.get('node-1')!.stopKubelet();
    big.machines.get('node-2')!.stopKubelet();
    const noExec = (n: string) =>
      (node(big, n).spec?.taints ?? []).some(
        (t) => t.effect === 'NoExecute' && t.key === 'node.kubernetes.io/unreachable',
      );
    const taintedAt: Record<string, number> = {};
    for (let t = 0; t < 120 && Object.keys(taintedAt).length < 2; t++) {
      big.engine.advance(1_000);
      for (const n of ['node-1', 'node-2']) if (!(n in taintedAt) && noExec(n)) taintedAt[n] = big.engine.now;
    }
    const [a, b] = Object.values(taintedAt).sort((x, y) => x - y);
    expect(b - a).toBeGreaterThanOrEqual(9_000);
    expect(b - a).toBeLessThanOrEqual(11_000);
  });

  it('all nodes unreachable (full disruption): no NoExecute taints, no evictions', () => {
    for (const n of ALL) beats.stop(n);
    cluster.engine.advance(70_000);
    for (const n of ALL) {
      const taints = node(cluster, n).spec?.taints ?? [];
      expect(taints.some((t) => t.effect === 'NoExecute')).toBe(false);
      expect(
        taints.some((t) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule'),
      ).toBe(true);
    }
  });
});
