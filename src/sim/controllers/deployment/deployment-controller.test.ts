import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster';
import { computeHash } from './hash';
import {
  applyDeployment,
  FakeKubelet,
  getDeployment,
  listEvents,
  listPods,
  listReplicaSets,
  patchDeployment,
} from './testing';

function nginx(name: string, replicas: number, extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
      },
      ...extra,
    },
  };
}

const setImage = (c: Cluster, name: string, image: string) =>
  patchDeployment(c, name, { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });

const isReady = (p: Pod) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True');
const live = (c: Cluster) => listPods(c).filter((p) => !p.metadata?.deletionTimestamp);
const rsOf = (c: Cluster, name: string) => listReplicaSets(c).find((r) => r.metadata?.name === name);
const progressing = (d: Deployment) => d.status?.conditions?.find((x) => x.type === 'Progressing');
const scalingEvents = (c: Cluster) =>
  listEvents(c)
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1))
    .map((e) => e.message);

function setup(d: Deployment, readyAfterMs = 1000): { c: Cluster; k: FakeKubelet } {
  const c = createCluster({ nodes: 3 });
  applyDeployment(c, d);
  return { c, k: new FakeKubelet(c, { readyAfterMs }) };
}

describe('deployment controller', () => {
  it('creates <name>-<pod-template-hash> and its pods, and reports a complete rollout', () => {
    const { c, k } = setup(nginx('nginx-deployment', 3));
    k.run(5000);
    const d = getDeployment(c, 'nginx-deployment');
    const hash = computeHash(d.spec!.template);
    const [rs] = listReplicaSets(c);
    expect(rs.metadata?.name).toBe(`nginx-deployment-${hash}`);
    expect(rs.metadata?.labels).toEqual({ app: 'nginx-deployment', 'pod-template-hash': hash });
    expect(rs.spec?.selector?.matchLabels).toEqual({ app: 'nginx-deployment', 'pod-template-hash': hash });
    expect(rs.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'nginx-deployment',
        uid: d.metadata?.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const pods = listPods(c);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(
        new RegExp(`^nginx-deployment-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`),
      );
      expect(p.metadata?.generateName).toBe(`nginx-deployment-${hash}-`);
      expect(p.metadata?.labels?.['pod-template-hash']).toBe(hash);
      expect(p.metadata?.ownerReferences).toEqual([
        expect.objectContaining({
          kind: 'ReplicaSet',
          name: rs.metadata?.name,
          controller: true,
          blockOwnerDeletion: true,
        }),
      ]);
    }
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(d.status?.conditions?.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      [
        'Progressing',
        'True',
        'NewReplicaSetAvailable',
        `ReplicaSet "nginx-deployment-${hash}" has successfully progressed.`,
      ],
    ]);
    expect(rs.status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
    });
    expect(scalingEvents(c)).toEqual([`Scaled up replica set nginx-deployment-${hash} from 0 to 3`]);
    const creates = listEvents(c).filter((e) => e.reason === 'SuccessfulCreate');
    expect(creates.map((e) => e.message).sort()).toEqual(
      pods.map((p) => `Created pod: ${p.metadata?.name}`).sort(),
    );
    expect(creates[0].source?.component).toBe('replicaset-controller');
  });

  it('scales up and down, with ScalingReplicaSet events', () => {
    const { c, k } = setup(nginx('web', 3));
    k.run(3000);
    const name = listReplicaSets(c)[0].metadata!.name!;
    patchDeployment(c, 'web', { spec: { replicas: 5 } });
    k.run(3000);
    expect(live(c)).toHaveLength(5);
    patchDeployment(c, 'web', { spec: { replicas: 2 } });
    k.run(3000);
    expect(live(c)).toHaveLength(2);
    expect(rsOf(c, name)?.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('2');
    expect(scalingEvents(c)).toEqual([
      `Scaled up replica set ${name} from 0 to 3`,
      `Scaled up replica set ${name} from 3 to 5`,
      `Scaled down replica set ${name} from 5 to 2`,
    ]);
    expect(listEvents(c).filter((e) => e.reason === 'SuccessfulDelete')).toHaveLength(3);
    expect(getDeployment(c, 'web').status).toMatchObject({ replicas: 2, availableReplicas: 2 });
  });

  it('replaces a deleted pod (the ReplicaSet keeps its count)', () => {
    const { c, k } = setup(nginx('web', 3));
    k.run(3000);
    const victim = listPods(c)[0].metadata!.name!;
    k.tick();
    c.handle({
      method: 'DELETE',
      path: `/api/v1/namespaces/default/pods/${victim}`,
      query: new URLSearchParams('gracePeriodSeconds=0'),
      headers: { authorization: `Bearer ${c.adminToken}` },
    });
    k.run(3000);
    const names = live(c).map((p) => p.metadata!.name);
    expect(names).toHaveLength(3);
    expect(names).not.toContain(victim);
  });

  it('rolls out within maxSurge and maxUnavailable at every step (10 replicas, 25%/25%)', () => {
    const { c, k } = setup(nginx('web', 10), 2000);
    k.run(5000);
    const first = listReplicaSets(c)[0].metadata!.name!;
    setImage(c, 'web', 'nginx:1.16.1');
    let maxPods = 0;
    let minAvailable = Infinity;
    k.run(60_000, 100, () => {
      const pods = live(c);
      maxPods = Math.max(maxPods, pods.length);
      minAvailable = Math.min(minAvailable, pods.filter(isReady).length);
      const total = listReplicaSets(c).reduce((n, r) => n + (r.spec?.replicas ?? 0), 0);
      expect(total).toBeLessThanOrEqual(13);
      expect(pods.length).toBeLessThanOrEqual(13);
      expect(pods.filter(isReady).length).toBeGreaterThanOrEqual(8);
    });
    expect(maxPods).toBe(13);
    expect(minAvailable).toBe(8);
    const d = getDeployment(c, 'web');
    const second = `web-${computeHash(d.spec!.template)}`;
    expect(rsOf(c, first)?.spec?.replicas).toBe(0);
    expect(rsOf(c, second)?.spec?.replicas).toBe(10);
    expect(live(c).every((p) => p.spec?.containers[0].image === 'nginx:1.16.1')).toBe(true);
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(progressing(d)?.reason).toBe('NewReplicaSetAvailable');
    const events = scalingEvents(c);
    expect(events[1]).toBe(`Scaled up replica set ${second} from 0 to 3`);
    expect(events[2]).toBe(`Scaled down replica set ${first} from 10 to 8`);
    expect(events.at(-1)).toMatch(new RegExp(`^Scaled down replica set ${first} from \\d+ to 0$`));
  });

  it('Recreate: every old pod is gone before a new one exists', () => {
    const { c, k } = setup(nginx('web', 3, { strategy: { type: 'Recreate' } }));
    k.run(3000);
    const first = listReplicaSets(c)[0].metadata!.name!;
    setImage(c, 'web', 'nginx:1.16.1');
    k.run(10_000, 100, () => {
      const owners = new Set(listPods(c).map((p) => p.metadata?.ownerReferences?.[0].name));
      expect(owners.size).toBeLessThanOrEqual(1);
    });
    const d = getDeployment(c, 'web');
    const second = `web-${computeHash(d.spec!.template)}`;
    expect(live(c).map((p) => p.metadata?.ownerReferences?.[0].name)).toEqual([second, second, second]);
    expect(scalingEvents(c)).toEqual([
      `Scaled up replica set ${first} from 0 to 3`,
      `Scaled down replica set ${first} from 3 to 0`,
      `Scaled up replica set ${second} from 0 to 3`,
    ]);
    expect(progressing(d)?.reason).toBe('NewReplicaSetAvailable');
  });

  it('a rollback reuses the old ReplicaSet and moves its revision (rollout undo)', () => {
    const { c, k } = setup(nginx('web', 3));
    k.run(3000);
    const v1 = listReplicaSets(c)[0].metadata!.name!;
    setImage(c, 'web', 'nginx:1.16.1');
    k.run(20_000);
    // kubectl rollout undo (1.32): the old ReplicaSet's template is patched back, client-side.
    setImage(c, 'web', 'nginx:1.14.2');
    k.run(20_000);
    const rss = listReplicaSets(c);
    expect(rss).toHaveLength(2);
    const back = rsOf(c, v1)!;
    expect(back.spec?.replicas).toBe(3);
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    const v2 = rss.find((r) => r.metadata?.name !== v1)!;
    expect(v2.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(v2.spec?.replicas).toBe(0);
    const d = getDeployment(c, 'web');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(
      live(c).every(
        (p) => p.metadata?.labels?.['pod-template-hash'] === back.metadata?.labels?.['pod-template-hash'],
      ),
    ).toBe(true);
    // Back and forth again: the history keeps growing on the reused ReplicaSet.
    setImage(c, 'web', 'nginx:1.16.1');
    k.run(20_000);
    setImage(c, 'web', 'nginx:1.14.2');
    k.run(20_000);
    expect(rsOf(c, v1)?.metadata?.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '5',
      'deployment.kubernetes.io/revision-history': '1,3',
    });
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const { c, k } = setup(nginx('web', 2, { revisionHistoryLimit: 2 }));
    k.run(3000);
    for (const tag of ['1.15', '1.16', '1.17', '1.18']) {
      setImage(c, 'web', `nginx:${tag}`);
      k.run(20_000);
    }
    const revisions = listReplicaSets(c)
      .map((r) => Number(r.metadata?.annotations?.['deployment.kubernetes.io/revision']))
      .sort();
    expect(revisions).toEqual([3, 4, 5]);
  });

  it('pause holds a template change; resume rolls it out', () => {
    const { c, k } = setup(nginx('web', 3));
    k.run(3000);
    patchDeployment(c, 'web', { spec: { paused: true } });
    k.run(2000);
    setImage(c, 'web', 'nginx:1.16.1');
    k.run(5000);
    expect(listReplicaSets(c)).toHaveLength(1);
    let d = getDeployment(c, 'web');
    expect(progressing(d)).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
      message: 'Deployment is paused',
    });
    expect(d.status?.observedGeneration).toBe(d.metadata?.generation);
    patchDeployment(c, 'web', { spec: { paused: false } });
    k.run(20_000);
    d = getDeployment(c, 'web');
    expect(listReplicaSets(c)).toHaveLength(2);
    expect(progressing(d)?.reason).toBe('NewReplicaSetAvailable');
    expect(live(c).every((p) => p.spec?.containers[0].image === 'nginx:1.16.1')).toBe(true);
  });

  it('rollout restart: a restartedAt template annotation makes a new ReplicaSet', () => {
    const { c, k } = setup(nginx('web', 2));
    k.run(3000);
    patchDeployment(c, 'web', {
      spec: {
        template: {
          metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:04Z' } },
        },
      },
    });
    k.run(20_000);
    const rss = listReplicaSets(c);
    expect(rss).toHaveLength(2);
    const pods = live(c);
    expect(pods).toHaveLength(2);
    expect(
      pods.every(
        (p) => p.metadata?.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2026-01-01T00:00:04Z',
      ),
    ).toBe(true);
  });

  it('reports ProgressDeadlineExceeded when new pods never become ready', () => {
    const c = createCluster({ nodes: 3 });
    applyDeployment(c, nginx('web', 2, { progressDeadlineSeconds: 30 }));
    const k = new FakeKubelet(c, { neverReady: (p) => p.spec?.containers[0].image === 'nginx:broken' });
    k.run(3000);
    setImage(c, 'web', 'nginx:broken');
    k.run(45_000, 500);
    const d = getDeployment(c, 'web');
    const newRS = `web-${computeHash(d.spec!.template)}`;
    expect(progressing(d)).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${newRS}" has timed out progressing.`,
    });
    // maxUnavailable 0 of 2 (25% rounds down) keeps both old pods serving.
    expect(live(c).filter(isReady)).toHaveLength(2);
    expect(d.status?.conditions?.find((x) => x.type === 'Available')?.status).toBe('True');
  });

  it('minReadySeconds: pods count as available only after it', () => {
    const { c, k } = setup(nginx('web', 2, { minReadySeconds: 10 }), 500);
    k.run(3000);
    expect(getDeployment(c, 'web').status?.availableReplicas ?? 0).toBe(0);
    expect(getDeployment(c, 'web').status?.readyReplicas).toBe(2);
    k.run(12_000);
    const d = getDeployment(c, 'web');
    expect(d.status?.availableReplicas).toBe(2);
    expect((listReplicaSets(c)[0] as ReplicaSet).spec?.minReadySeconds).toBe(10);
  });

  it('is deterministic: same seed, same names', () => {
    const names = () => {
      const { c, k } = setup(nginx('web', 3));
      k.run(3000);
      return listPods(c)
        .map((p) => p.metadata!.name)
        .sort();
    };
    expect(names()).toEqual(names());
  });
});
