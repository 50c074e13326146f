import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { beforeEach, describe, expect, it } from 'vitest';
import { toKube, type KubeObject } from '../../api/object';
import { createCluster, type Cluster } from '../../cluster';
import { Client } from '../../client/clientset';
import { computeTemplateHash } from './hash';

const DS = { resource: 'daemonsets', group: 'apps', namespace: 'default' };

function admin(cluster: Cluster): Client {
  return new Client(cluster.apiserver, {
    user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
    component: 'kubectl',
  });
}

function daemonSet(name: string, spec: Record<string, unknown> = {}, image = 'nginx:1.14.2'): KubeObject {
  return toKube({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image }], ...spec },
      },
    },
  });
}

function podsOf(cluster: Cluster, ds: string): Pod[] {
  return (cluster.apiserver.listInternal('pods', '', 'default').items as Pod[]).filter(
    (p) => p.metadata?.ownerReferences?.[0]?.name === ds,
  );
}

function target(p: Pod): string {
  return p.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]
    .matchFields![0].values![0];
}

function getDs(cluster: Cluster, name: string): DaemonSet {
  const r = admin(cluster).get(DS, name);
  if (!r.ok) throw new Error(r.error.message);
  return r.object as DaemonSet;
}

/** What the kubelet would report once the pod runs. */
function markReady(cluster: Cluster, p: Pod): void {
  const obj = structuredClone(p) as KubeObject;
  obj.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
  const r = admin(cluster).updateStatus({ resource: 'pods', namespace: 'default' }, obj);
  if (!r.ok) throw new Error(r.error.message);
}

/** What the kubelet does once a deleted pod's containers have stopped: the final delete, grace 0. */
function finishTermination(cluster: Cluster): void {
  for (const p of cluster.apiserver.listInternal('pods', '', 'default').items)
    if (p.metadata?.deletionTimestamp)
      admin(cluster).delete({ resource: 'pods', namespace: 'default' }, p.metadata.name!, {
        gracePeriodSeconds: 0,
      });
}

describe('daemonset controller', () => {
  let cluster: Cluster;

  beforeEach(() => {
    cluster = createCluster({ nodes: 3 });
  });

  it('runs one pod per worker node; the control plane is excluded by its taint', () => {
    const r = admin(cluster).create(DS, daemonSet('agent'));
    if (!r.ok) throw new Error(r.error.message);
    cluster.engine.advance(2_000);
    const pods = podsOf(cluster, 'agent');
    expect(pods.map(target).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    const p = pods[0];
    expect(p.metadata?.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(p.metadata?.labels?.['pod-template-generation']).toBe('1');
    const hash = computeTemplateHash(getDs(cluster, 'agent').spec?.template);
    expect(p.metadata?.labels?.['controller-revision-hash']).toBe(hash);
    expect(p.metadata?.ownerReferences?.[0]).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      name: 'agent',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(
      p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms,
    ).toEqual([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [target(p)] }] }]);
    const tol = (p.spec?.tolerations ?? []).map((t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? '-'}`);
    expect(tol).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:-',
      'node.kubernetes.io/unreachable:NoExecute:-',
      'node.kubernetes.io/disk-pressure:NoSchedule:-',
      'node.kubernetes.io/memory-pressure:NoSchedule:-',
      'node.kubernetes.io/pid-pressure:NoSchedule:-',
      'node.kubernetes.io/unschedulable:NoSchedule:-',
    ]);
    const ds = getDs(cluster, 'agent');
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      numberReady: 0,
      updatedNumberScheduled: 3,
      numberUnavailable: 3,
      observedGeneration: 1,
    });
    const created = cluster.apiserver
      .listInternal('events', '', 'default')
      .items.filter(
        (e) => e.reason === 'SuccessfulCreate' && (e.message as string).startsWith('Created pod: agent-'),
      );
    expect(created).toHaveLength(3);
  });

  it('tolerating the control-plane taint puts a pod there too; host network adds network-unavailable', () => {
    admin(cluster).create(
      DS,
      daemonSet('everywhere', { tolerations: [{ operator: 'Exists' }], hostNetwork: true }),
    );
    cluster.engine.advance(2_000);
    const pods = podsOf(cluster, 'everywhere');
    expect(pods.map(target).sort()).toEqual(['control-plane', 'node-1', 'node-2', 'node-3']);
    expect(pods[0].spec?.tolerations?.some((t) => t.key === 'node.kubernetes.io/network-unavailable')).toBe(
      true,
    );
  });

  it('honours the node selector, and a new node gets its pod', () => {
    admin(cluster).create(DS, daemonSet('gpu', { nodeSelector: { gpu: 'true' } }));
    cluster.engine.advance(2_000);
    expect(podsOf(cluster, 'gpu')).toHaveLength(0);
    const added = cluster.registerNode('node-4', { cpu: '4', memory: '8Gi', labels: { gpu: 'true' } });
    expect(added.ok).toBe(true);
    admin(cluster).create(DS, daemonSet('agent'));
    cluster.engine.advance(2_000);
    expect(podsOf(cluster, 'gpu').map(target)).toEqual(['node-4']);
    expect(podsOf(cluster, 'agent').map(target).sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    expect(getDs(cluster, 'gpu').status?.desiredNumberScheduled).toBe(1);
  });

  it('a deleted daemon pod is recreated; ready pods count as ready and available', () => {
    admin(cluster).create(DS, daemonSet('agent'));
    cluster.engine.advance(2_000);
    const [first, ...rest] = podsOf(cluster, 'agent');
    admin(cluster).delete({ resource: 'pods', namespace: 'default' }, first.metadata!.name!);
    cluster.engine.advance(100);
    finishTermination(cluster);
    for (const p of rest) markReady(cluster, p);
    cluster.engine.advance(2_000);
    const pods = podsOf(cluster, 'agent');
    expect(pods).toHaveLength(3);
    expect(pods.map(target).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    // Once the kubelets report the pods Ready, the DaemonSet counts them ready and available.
    cluster.engine.advance(60_000);
    const st = getDs(cluster, 'agent').status;
    expect(st).toMatchObject({ numberReady: 3, numberAvailable: 3 });
    expect(st?.numberUnavailable).toBeUndefined();
  });

  it('rolling update replaces one pod at a time (maxUnavailable 1)', () => {
    admin(cluster).create(DS, daemonSet('agent'));
    cluster.engine.advance(2_000);
    for (const p of podsOf(cluster, 'agent')) markReady(cluster, p);
    cluster.engine.advance(1_000);
    const ds = structuredClone(getDs(cluster, 'agent')) as KubeObject;
    (
      ds.spec as { template: { spec: { containers: { image: string }[] } } }
    ).template.spec.containers[0].image = 'nginx:1.25';
    const u = admin(cluster).update(DS, ds);
    if (!u.ok) throw new Error(u.error.message);
    const newHash = computeTemplateHash(getDs(cluster, 'agent').spec?.template);
    for (let round = 0; round < 3; round++) {
      cluster.engine.advance(1_000);
      finishTermination(cluster);
      cluster.engine.advance(1_000);
      const live = podsOf(cluster, 'agent').filter((p) => !p.metadata?.deletionTimestamp);
      const fresh = live.filter((p) => p.metadata?.labels?.['controller-revision-hash'] === newHash);
      const old = live.filter((p) => p.metadata?.labels?.['controller-revision-hash'] !== newHash);
      // Never more than one node without an available pod.
      expect(old.length + fresh.filter((p) => p.status?.phase === 'Running').length).toBeGreaterThanOrEqual(
        2,
      );
      expect(fresh.length).toBe(round + 1);
      for (const p of fresh) if (p.status?.phase !== 'Running') markReady(cluster, p);
    }
    cluster.engine.advance(1_000);
    const st = getDs(cluster, 'agent').status;
    expect(st).toMatchObject({ updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect(
      podsOf(cluster, 'agent').every((p) => p.metadata?.labels?.['pod-template-generation'] === '2'),
    ).toBe(true);
  });
});
