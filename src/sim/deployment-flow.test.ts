import { describe, expect, it } from 'vitest';
import { rest } from './apiserver/testing';
import { createCluster } from './cluster';
import type { TraceRecord } from './engine/trace';

describe('the ten steps of a deployment (DESIGN.md §4), on the served trace', () => {
  it('appear in order for every pod of a 3-replica Deployment', () => {
    const c = createCluster({ nodes: 3, seed: 3 });
    const since = c.engine.trace.lastSeq;
    const res = rest(
      c,
      'POST',
      '/apis/apps/v1/namespaces/default/deployments',
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] },
          },
        },
      },
      { 'user-agent': 'kubectl/v1.32.4' },
    );
    expect(res.status).toBe(201);
    c.engine.advance(60_000);

    const served = rest(c, 'GET', `/simulator/v1/trace?since=${since}`);
    expect(served.headers['content-type']).toBe('application/x-ndjson');
    const records = served.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TraceRecord);
    const tagged = records.filter((r) => r.step !== undefined);

    const first = (step: number, pred: (r: TraceRecord) => boolean = () => true) =>
      tagged.find((r) => r.step === step && pred(r));
    const s1 = first(1)!;
    expect(s1).toMatchObject({ from: 'kubectl', to: 'kube-apiserver', summary: 'POST deployments' });
    const s2 = first(2)!;
    expect(s2).toMatchObject({
      from: 'kube-apiserver',
      to: 'etcd',
      summary: 'put /registry/deployments/default/web',
    });

    const pods = rest(c, 'GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dweb').json()
      .items as Array<{
      metadata: { name: string };
      spec: { nodeName: string };
      status: { phase: string };
    }>;
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.status.phase).toBe('Running');
      const about = (r: TraceRecord) => r.object?.name === pod.metadata.name;
      const steps = [
        s1,
        s2,
        first(3, (r) => r.summary === 'POST pods' && r.from === 'kube-controller-manager'),
        first(4, about),
        first(5, (r) => about(r) && r.to === 'kube-scheduler'),
        first(6, about),
        first(7, about),
        first(8, about),
        first(9, about),
        first(10, about),
      ];
      steps.forEach((r, i) => expect(r, `step ${i + 1} of ${pod.metadata.name}`).toBeDefined());
      const seqs = steps.map((r) => r!.seq);
      expect(seqs, `steps of ${pod.metadata.name} in order`).toEqual([...seqs].sort((a, b) => a - b));
      expect(steps[3]!.summary).toBe(`put /registry/pods/default/${pod.metadata.name}`);
      expect(steps[5]!.summary).toBe(`bind → ${pod.spec.nodeName}`);
      expect(steps[7]!.to).toBe(`kubelet@${pod.spec.nodeName}`);
      expect(steps[8]!.to).toBe(`container-runtime@${pod.spec.nodeName}`);
      expect(steps[9]!.from).toBe(`kubelet@${pod.spec.nodeName}`);
    }
  });
});
