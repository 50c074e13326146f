import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { FakeKubelet, listEvents, listPods, rest } from '../deployment/testing';

const RS = '/apis/apps/v1/namespaces/default/replicasets';
const PODS = '/api/v1/namespaces/default/pods';

function replicaSet(name: string, replicas: number): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  };
}

function getRS(c: Cluster, name: string): ReplicaSet {
  return rest(c, 'GET', `${RS}/${name}`).json as ReplicaSet;
}

const live = (c: Cluster) => listPods(c).filter((p) => !p.metadata?.deletionTimestamp);

describe('replicaset controller', () => {
  it('creates pods from the template with generateName and a controllerRef, and reports status', () => {
    const c = createCluster({ nodes: 3 });
    expect(rest(c, 'POST', RS, replicaSet('frontend', 4)).status).toBe(201);
    const k = new FakeKubelet(c);
    k.run(3000);
    const rs = getRS(c, 'frontend');
    const pods = listPods(c);
    expect(pods).toHaveLength(4);
    for (const p of pods) {
      expect(p.metadata?.generateName).toBe('frontend-');
      expect(p.metadata?.name).toMatch(/^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.ownerReferences).toEqual([
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'frontend',
          uid: rs.metadata?.uid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
    expect(rs.status).toEqual({
      replicas: 4,
      fullyLabeledReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
      observedGeneration: 1,
    });
    const created = listEvents(c).filter((e) => e.reason === 'SuccessfulCreate');
    expect(created).toHaveLength(4);
    expect(created[0].involvedObject.kind).toBe('ReplicaSet');
  });

  it('creates in slow-start batches without double-creating before the watch catches up', () => {
    const c = createCluster({ nodes: 3 });
    new FakeKubelet(c);
    c.engine.advance(5000);
    const start = c.engine.trace.lastSeq;
    rest(c, 'POST', RS, replicaSet('big', 20));
    c.engine.advance(5000);
    expect(listPods(c)).toHaveLength(20);
    // Exactly one request per pod: the creates of the first sync (batches of 1, 2, 4, 8, 5) are
    // expected before they are sent, so the watch events they cause trigger no second round.
    const creates = c.engine.trace
      .since(start)
      .filter((r) => r.from === 'kube-controller-manager' && r.kind === 'http' && r.summary === 'POST pods');
    expect(creates).toHaveLength(20);
  });

  it('deletes the least valuable pods first when scaled down', () => {
    const c = createCluster({ nodes: 3 });
    rest(c, 'POST', RS, replicaSet('web', 3));
    const k = new FakeKubelet(c);
    k.run(3000);
    rest(c, 'PATCH', `${RS}/web`, { spec: { replicas: 5 } }, 'application/merge-patch+json');
    // Two more pods exist but are not ready yet (no kubelet pass) when the scale-down comes.
    c.engine.advance(200);
    const isReady = (p: Pod) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
    const fresh = listPods(c)
      .filter((p) => !isReady(p))
      .map((p) => p.metadata!.name);
    expect(fresh).toHaveLength(2);
    rest(c, 'PATCH', `${RS}/web`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
    c.engine.advance(200);
    const names = live(c).map((p) => p.metadata!.name);
    expect(names).toHaveLength(3);
    for (const n of fresh) expect(names).not.toContain(n);
    expect(
      listEvents(c)
        .filter((e) => e.reason === 'SuccessfulDelete')
        .map((e) => e.message)
        .sort(),
    ).toEqual(fresh.map((n) => `Deleted pod: ${n}`).sort());
  });

  it('adopts a matching orphan and releases a pod whose labels stop matching', () => {
    const c = createCluster({ nodes: 3 });
    const orphan: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stray', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    };
    expect(rest(c, 'POST', PODS, orphan).status).toBe(201);
    rest(c, 'POST', RS, replicaSet('web', 2));
    const k = new FakeKubelet(c);
    k.run(3000);
    const rs = getRS(c, 'web');
    expect(live(c)).toHaveLength(2);
    const stray = rest(c, 'GET', `${PODS}/stray`).json as Pod;
    expect(stray.metadata?.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      uid: rs.metadata?.uid,
      controller: true,
    });
    // Relabel it: the ReplicaSet lets go of it and makes a replacement.
    rest(
      c,
      'PATCH',
      `${PODS}/stray`,
      { metadata: { labels: { app: 'debug' } } },
      'application/merge-patch+json',
    );
    k.run(3000);
    const released = rest(c, 'GET', `${PODS}/stray`).json as Pod;
    expect(released.metadata?.ownerReferences ?? []).toEqual([]);
    const owned = live(c).filter((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid);
    expect(owned).toHaveLength(2);
    expect(owned.map((p) => p.metadata?.name)).not.toContain('stray');
  });
});
