import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { rest } from './apiserver/testing';
import { createCluster, type Cluster } from './cluster';

const node = (c: Cluster, name: string) => rest(c, 'GET', `/api/v1/nodes/${name}`).json() as unknown as Node;
const webPods = (c: Cluster) =>
  (rest(c, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb').json().items as Pod[]).filter(
    (p) => !p.metadata?.deletionTimestamp,
  );
const ready = (n: Node) => n.status?.conditions?.find((x) => x.type === 'Ready');

describe('a worker powered off, as an operator would do it', () => {
  it('goes NotReady with both unreachable taints after the grace period, its pods are replaced after 300 s, and it returns Ready', () => {
    const c = createCluster({ nodes: 3, seed: 5 });
    rest(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 6,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
        },
      },
    });
    c.engine.advance(30_000);
    const victim = webPods(c)[0].spec!.nodeName!;
    const onVictim = webPods(c)
      .filter((p) => p.spec?.nodeName === victim)
      .map((p) => p.metadata!.name);
    expect(onVictim.length).toBeGreaterThan(0);

    // As over ssh: the session drops as the machine goes down.
    const off = rest(c, 'POST', '/simulator/v1/exec', { host: victim, command: 'poweroff' }).json();
    expect(off).toMatchObject({ exitCode: 255, stderr: `Connection to ${victim} closed by remote host.\n` });

    // Still Ready within the 50 s grace period.
    const offAt = c.engine.now;
    c.engine.advance(45_000);
    expect(ready(node(c, victim))?.status).toBe('True');

    // After the grace period (counted from the last heartbeat the controller saw, checked every
    // 5 s): Unknown with upstream's reason and message, and both unreachable taints.
    while (ready(node(c, victim))?.status === 'True' && c.engine.now - offAt < 70_000)
      c.engine.advance(1_000);
    expect(c.engine.now - offAt).toBeGreaterThan(50_000);
    expect(ready(node(c, victim))).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    c.engine.advance(10_000);
    const lost = node(c, victim);
    expect((lost.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    const table = rest(c, 'GET', `/api/v1/nodes/${victim}`, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    }).json();
    expect((table.rows as Array<{ cells: unknown[] }>)[0].cells[1]).toBe('NotReady');

    // The pods tolerate unreachable for 300 s from the taint (DefaultTolerationSeconds).
    const tainted = lost.spec!.taints!.find((t) => t.effect === 'NoExecute')!;
    const taintedAt = Date.parse(tainted.timeAdded!) - c.engine.epochMs;
    c.engine.advance(taintedAt + 290_000 - c.engine.now);
    expect(webPods(c).filter((p) => onVictim.includes(p.metadata!.name!))).toHaveLength(onVictim.length);

    // When the toleration runs out they are evicted and replaced on healthy nodes.
    c.engine.advance(40_000);
    const now = webPods(c);
    expect(now.some((p) => onVictim.includes(p.metadata!.name!))).toBe(false);
    expect(now).toHaveLength(6);
    expect(now.every((p) => p.spec?.nodeName !== victim && p.status?.phase === 'Running')).toBe(true);

    // Power back on: heartbeats resume, the node is Ready and untainted again.
    expect(rest(c, 'POST', `/simulator/v1/nodes/${victim}/power`, { on: true }).status).toBe(200);
    c.engine.advance(30_000);
    const back = node(c, victim);
    expect(ready(back)?.status).toBe('True');
    expect((back.spec?.taints ?? []).filter((t) => t.key.startsWith('node.kubernetes.io/'))).toEqual([]);
  });
});
