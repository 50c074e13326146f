import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet as AppsReplicaSet } from 'kubernetes-types/apps/v1';
import { SeededRandom } from '../../engine/random';
import { NodeInfo } from '../framework/node-info';
import { schedulePod, type SchedulingDecision } from '../schedule-one';
import { makeNode, makePod } from '../testing';
import { calculatePriority, normalizedImageName } from './imagelocality/image-locality';

function scoreOf(d: SchedulingDecision, node: string, plugin: string) {
  const rec = d.scores.find((s) => s.node === node)!;
  const i = d.scorePlugins.findIndex((p) => p.plugin === plugin);
  return { raw: rec.raw[i], normalized: rec.normalized[i], weighted: rec.weighted[i] };
}

function failure(d: SchedulingDecision, node: string) {
  return d.filters.find((f) => f.node === node)?.failure;
}

describe('NodeName and NodeResourcesFit filters', () => {
  it('a pod naming a node fits only that node', () => {
    const d = schedulePod(
      makePod('p', { nodeName: 'b' }),
      [new NodeInfo(makeNode('a')), new NodeInfo(makeNode('b'))],
      new SeededRandom(1),
    );
    expect(d.node).toBe('b');
    expect(failure(d, 'a')?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });

  it('Too many pods counts pods against allocatable pods even for a pod without requests', () => {
    const full = new NodeInfo(makeNode('full', { pods: '1' }), [makePod('x')]);
    const d = schedulePod(makePod('p'), [full], new SeededRandom(1));
    expect(failure(d, 'full')).toEqual({
      plugin: 'NodeResourcesFit',
      code: 'Unschedulable',
      reasons: ['Too many pods'],
    });
  });

  it('removePod frees what addPod took', () => {
    const n = new NodeInfo(makeNode('n', { cpu: '1' }));
    const p = makePod('x', { cpu: '800m', memory: '1Gi' });
    n.addPod(p);
    expect(n.requested.milliCPU).toBe(800);
    expect(n.nonZeroRequested.memory).toBe(1024 ** 3);
    expect(n.removePod(p)).toBe(true);
    expect(n.requested.milliCPU).toBe(0);
    expect(n.pods).toHaveLength(0);
  });
});

describe('NodePorts', () => {
  const withPort = (name: string, hostPort: number, hostIP?: string): Pod => {
    const p = makePod(name);
    p.spec!.containers[0].ports = [{ containerPort: 80, hostPort, hostIP }];
    return p;
  };

  it('0.0.0.0 conflicts with any IP on the same protocol/port', () => {
    const n = new NodeInfo(makeNode('n'), [withPort('a', 8080, '10.0.0.1')]);
    const free = new NodeInfo(makeNode('free'));
    const d = schedulePod(withPort('b', 8080), [n, free], new SeededRandom(1));
    expect(failure(d, 'n')?.reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
    expect(d.node).toBe('free');
    // Another specific IP does not clash with 10.0.0.1.
    const d2 = schedulePod(withPort('c', 8080, '10.0.0.2'), [n], new SeededRandom(1));
    expect(d2.node).toBe('n');
  });
});

describe('ImageLocality', () => {
  it('normalizes untagged names to :latest', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizedImageName('nginx:1.27')).toBe('nginx:1.27');
  });

  it('scales the image size by its spread and clamps to [23MB, 1000MB × containers]', () => {
    const MB = 1024 * 1024;
    // 500MB image on 1 of 2 nodes: 500MB × 1/2 = 250MB → 100 × (250 − 23) / (1000 − 23) = 22700/977 = 23
    const has = new NodeInfo(makeNode('has', { images: [{ names: ['app:v1'], sizeBytes: 500 * MB }] }));
    const hasNot = new NodeInfo(makeNode('hasnot'));
    const d = schedulePod(makePod('p', { image: 'app:v1' }), [has, hasNot], new SeededRandom(1));
    expect(scoreOf(d, 'has', 'ImageLocality').raw).toBe(23);
    expect(scoreOf(d, 'hasnot', 'ImageLocality').raw).toBe(0);
    expect(calculatePriority(10 * MB, 1)).toBe(0);
    expect(calculatePriority(5000 * MB, 1)).toBe(100);
  });
});

describe('PodTopologySpread', () => {
  const rs: AppsReplicaSet = {
    metadata: { name: 'web-abc', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } } },
  };
  const owned = (name: string, nodeName?: string): Pod => {
    const p = makePod(name, { labels: { app: 'web' }, nodeName });
    p.metadata!.ownerReferences = [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs', controller: true },
    ];
    return p;
  };
  const context = {
    replicaSet: (ns: string, name: string) => (ns === 'default' && name === 'web-abc' ? rs : undefined),
  };

  it('system defaults spread a ReplicaSet by hostname (maxSkew 3): the emptier node scores higher', () => {
    const busy = new NodeInfo(makeNode('busy'), [owned('w1', 'busy'), owned('w2', 'busy')]);
    const idle = new NodeInfo(makeNode('idle'));
    const d = schedulePod(owned('w3'), [busy, idle], new SeededRandom(1), { context });
    // Hostname weight = ln(2 candidate nodes + 2) = 1.386. The nodes have no zone label, so the zone
    // constraint adds nothing in Score (system defaults don't require the label, they just skip it).
    // busy: 2 × 1.386 + (3 − 1) = 4.77 → 5; idle: 0 × 1.386 + 2 = 2
    expect(scoreOf(d, 'busy', 'PodTopologySpread').raw).toBe(5);
    expect(scoreOf(d, 'idle', 'PodTopologySpread').raw).toBe(2);
    // normalized: 100 × (max + min − s) / max → busy 100 × 2 / 5 = 40, idle 100 × 5 / 5 = 100.
    expect(scoreOf(d, 'busy', 'PodTopologySpread').normalized).toBe(40);
    expect(scoreOf(d, 'idle', 'PodTopologySpread')).toMatchObject({ normalized: 100, weighted: 200 });
    expect(d.node).toBe('idle');
  });

  it('is skipped for a pod that nothing selects', () => {
    const d = schedulePod(
      makePod('lonely'),
      [new NodeInfo(makeNode('a')), new NodeInfo(makeNode('b'))],
      new SeededRandom(1),
    );
    expect(d.skippedScorePlugins).toContain('PodTopologySpread');
  });

  it('DoNotSchedule rejects a domain whose skew would exceed maxSkew, and nodes missing the key', () => {
    const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });
    const a = new NodeInfo(makeNode('a', { labels: zone('z1') }), [owned('x1', 'a'), owned('x2', 'a')]);
    const b = new NodeInfo(makeNode('b', { labels: zone('z2') }));
    const c = new NodeInfo(makeNode('c'));
    const pod = owned('new');
    pod.spec!.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: 'DoNotSchedule',
        labelSelector: { matchLabels: { app: 'web' } },
      },
    ];
    const d = schedulePod(pod, [a, b, c], new SeededRandom(1));
    // z1: 2 + 1 − 0 = 3 > 1.
    expect(failure(d, 'a')).toEqual({
      plugin: 'PodTopologySpread',
      code: 'Unschedulable',
      reasons: ["node(s) didn't match pod topology spread constraints"],
    });
    expect(failure(d, 'c')?.reasons).toEqual([
      "node(s) didn't match pod topology spread constraints (missing required label)",
    ]);
    expect(d.node).toBe('b');
  });
});

describe('InterPodAffinity', () => {
  const term = (app: string) => ({
    labelSelector: { matchLabels: { app } },
    topologyKey: 'kubernetes.io/hostname',
  });

  it('required anti-affinity keeps replicas apart', () => {
    const n1 = new NodeInfo(makeNode('n1'), [makePod('db-0', { labels: { app: 'db' } })]);
    const n2 = new NodeInfo(makeNode('n2'));
    const pod = makePod('db-1', { labels: { app: 'db' } });
    pod.spec!.affinity = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] },
    };
    const d = schedulePod(pod, [n1, n2], new SeededRandom(1));
    expect(failure(d, 'n1')).toEqual({
      plugin: 'InterPodAffinity',
      code: 'Unschedulable',
      reasons: ["node(s) didn't match pod anti-affinity rules"],
    });
    expect(d.node).toBe('n2');
  });

  it("existing pods' anti-affinity repels the incoming pod", () => {
    const guard = makePod('guard', { labels: { app: 'guard' } });
    guard.spec!.affinity = {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('web')] },
    };
    const n1 = new NodeInfo(makeNode('n1'), [guard]);
    const n2 = new NodeInfo(makeNode('n2'));
    const d = schedulePod(makePod('web', { labels: { app: 'web' } }), [n1, n2], new SeededRandom(1));
    expect(failure(d, 'n1')?.reasons).toEqual(["node(s) didn't satisfy existing pods anti-affinity rules"]);
  });

  it('required affinity follows matching pods; the first of a self-affine group may go anywhere', () => {
    const n1 = new NodeInfo(makeNode('n1'));
    const n2 = new NodeInfo(makeNode('n2'), [makePod('cache', { labels: { app: 'cache' } })]);
    const pod = makePod('web', { labels: { app: 'web' } });
    pod.spec!.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } };
    const d = schedulePod(pod, [n1, n2], new SeededRandom(1));
    expect(failure(d, 'n1')).toMatchObject({
      code: 'UnschedulableAndUnresolvable',
      reasons: ["node(s) didn't match pod affinity rules"],
    });
    expect(d.node).toBe('n2');

    const first = makePod('g-0', { labels: { app: 'g' } });
    first.spec!.affinity = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('g')] } };
    expect(schedulePod(first, [new NodeInfo(makeNode('x'))], new SeededRandom(1)).node).toBe('x');
  });

  it('preferred affinity scores min–max normalized', () => {
    const n1 = new NodeInfo(makeNode('n1'), [makePod('c', { labels: { app: 'cache' } })]);
    const n2 = new NodeInfo(makeNode('n2'));
    const pod = makePod('web');
    pod.spec!.affinity = {
      podAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, podAffinityTerm: term('cache') }],
      },
    };
    const d = schedulePod(pod, [n1, n2], new SeededRandom(1));
    expect(scoreOf(d, 'n1', 'InterPodAffinity')).toMatchObject({ raw: 50, normalized: 100, weighted: 200 });
    expect(scoreOf(d, 'n2', 'InterPodAffinity')).toMatchObject({ raw: 0, normalized: 0 });
  });
});
