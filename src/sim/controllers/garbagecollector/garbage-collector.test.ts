import type { Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, it } from 'vitest';
import { toKube, type KubeObject } from '../../api/object';
import { createCluster, type Cluster } from '../../cluster';
import { Client } from '../../client/clientset';

const RS = { resource: 'replicasets', group: 'apps', namespace: 'default' };
const PODS = { resource: 'pods', namespace: 'default' };

function admin(cluster: Cluster): Client {
  return new Client(cluster.apiserver, {
    user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    component: 'kubectl',
  });
}

function replicaSet(name: string, replicas: number): KubeObject {
  return toKube({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
  });
}

function pods(cluster: Cluster, app: string): Pod[] {
  return (cluster.apiserver.listInternal('pods', '', 'default').items as Pod[]).filter(
    (p) => p.metadata?.labels?.app === app,
  );
}

function rs(cluster: Cluster, name: string): KubeObject | undefined {
  const r = admin(cluster).get(RS, name);
  return r.ok ? r.object : undefined;
}

/** The kubelet's part of a graceful delete: once the containers stop, the pod is deleted with grace 0. */
function finishTermination(cluster: Cluster): void {
  for (const p of cluster.apiserver.listInternal('pods', '', 'default').items)
    if (p.metadata?.deletionTimestamp)
      admin(cluster).delete(PODS, p.metadata.name!, { gracePeriodSeconds: 0 });
}

/** A pod owned by `owner` that no controller manages, so only the garbage collector touches it. */
function ownedPod(cluster: Cluster, name: string, owner: KubeObject, block = true): void {
  const r = admin(cluster).create(
    PODS,
    toKube({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: 'default',
        labels: { app: 'manual' },
        ownerReferences: [
          {
            apiVersion: owner.apiVersion!,
            kind: owner.kind!,
            name: owner.metadata!.name!,
            uid: owner.metadata!.uid!,
            blockOwnerDeletion: block,
          },
        ],
      },
      spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'node-1' },
    }),
  );
  if (!r.ok) throw new Error(r.error.message);
}

describe('garbage collector', () => {
  let cluster: Cluster;

  beforeEach(() => {
    cluster = createCluster({ nodes: 3 });
  });

  it('background: deleting a ReplicaSet deletes its pods', () => {
    admin(cluster).create(RS, replicaSet('web', 3));
    cluster.engine.advance(2_000);
    expect(pods(cluster, 'web')).toHaveLength(3);
    const r = admin(cluster).delete(RS, 'web');
    expect(r.ok).toBe(true);
    expect(rs(cluster, 'web')).toBeUndefined();
    cluster.engine.advance(200);
    // Graceful pod deletion: every pod is terminating, and the kubelet finishes it.
    expect(pods(cluster, 'web').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    cluster.engine.advance(35_000);
    finishTermination(cluster);
    expect(pods(cluster, 'web')).toHaveLength(0);
  });

  it('foreground: the owner waits for its blocking dependents, then goes', () => {
    admin(cluster).create(RS, replicaSet('web', 2));
    cluster.engine.advance(2_000);
    expect(pods(cluster, 'web')).toHaveLength(2);
    admin(cluster).delete(RS, 'web', { propagationPolicy: 'Foreground' });
    cluster.engine.advance(200);
    const owner = rs(cluster, 'web');
    expect(owner?.metadata?.deletionTimestamp).toBeDefined();
    expect(owner?.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(pods(cluster, 'web').every((p) => p.metadata?.deletionTimestamp)).toBe(true);
    // The owner outlives every dependent that blocks it.
    for (let t = 0; t < 400 && pods(cluster, 'web').length > 0; t++) {
      expect(rs(cluster, 'web')).toBeDefined();
      cluster.engine.advance(100);
    }
    finishTermination(cluster);
    cluster.engine.advance(1_000);
    expect(pods(cluster, 'web')).toHaveLength(0);
    expect(rs(cluster, 'web')).toBeUndefined();
  });

  it('foreground: dependents without blockOwnerDeletion are deleted but not waited for', () => {
    const cm = admin(cluster).create(
      { resource: 'configmaps', namespace: 'default' },
      toKube({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', namespace: 'default' } }),
    );
    if (!cm.ok) throw new Error(cm.error.message);
    ownedPod(cluster, 'loose', cm.object, false);
    cluster.engine.advance(1_000);
    admin(cluster).delete({ resource: 'configmaps', namespace: 'default' }, 'owner', {
      propagationPolicy: 'Foreground',
    });
    cluster.engine.advance(1_000);
    expect(admin(cluster).get({ resource: 'configmaps', namespace: 'default' }, 'owner').ok).toBe(false);
    expect(pods(cluster, 'manual')[0]?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('orphan: the pods stay, without their ownerReferences', () => {
    admin(cluster).create(RS, replicaSet('web', 2));
    cluster.engine.advance(2_000);
    admin(cluster).delete(RS, 'web', { propagationPolicy: 'Orphan' });
    cluster.engine.advance(1_000);
    expect(rs(cluster, 'web')).toBeUndefined();
    const left = pods(cluster, 'web');
    expect(left).toHaveLength(2);
    expect(left.every((p) => !p.metadata?.deletionTimestamp && !p.metadata?.ownerReferences)).toBe(true);
  });

  it('a dependent whose owner never existed is collected; one with a live owner too is only unlinked', () => {
    const cm = admin(cluster).create(
      { resource: 'configmaps', namespace: 'default' },
      toKube({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'alive', namespace: 'default' } }),
    );
    if (!cm.ok) throw new Error(cm.error.message);
    const ghost: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'ghost', namespace: 'default', uid: '00000000-0000-4000-8000-000000000000' },
    };
    ownedPod(cluster, 'orphaned', ghost);
    const both = admin(cluster).get(PODS, 'orphaned');
    expect(both.ok).toBe(true);
    // A second pod owned by both the ghost and the live ConfigMap.
    const r = admin(cluster).create(
      PODS,
      toKube({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'shared',
          namespace: 'default',
          ownerReferences: [
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: ghost.metadata!.uid! },
            { apiVersion: 'v1', kind: 'ConfigMap', name: 'alive', uid: cm.object.metadata!.uid! },
          ],
        },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      }),
    );
    if (!r.ok) throw new Error(r.error.message);
    cluster.engine.advance(1_000);
    const orphaned = admin(cluster).get(PODS, 'orphaned');
    expect(!orphaned.ok || !!orphaned.object.metadata?.deletionTimestamp).toBe(true);
    const shared = admin(cluster).get(PODS, 'shared');
    expect(shared.ok && shared.object.metadata?.ownerReferences?.map((o) => o.name)).toEqual(['alive']);
  });
});
