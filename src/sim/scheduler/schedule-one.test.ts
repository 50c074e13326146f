import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Pod } from 'kubernetes-types/core/v1';
import { SeededRandom } from '../engine/random';
import { NodeInfo } from './framework/node-info';
import { numFeasibleNodesToFind, schedulePod } from './schedule-one';
import { makeNode, makePod } from './testing';

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

function scoreOf(d: ReturnType<typeof schedulePod>, node: string, plugin: string) {
  const rec = d.scores.find((s) => s.node === node)!;
  const i = d.scorePlugins.findIndex((p) => p.plugin === plugin);
  return { raw: rec.raw[i], normalized: rec.normalized[i], weighted: rec.weighted[i], total: rec.total };
}

describe('schedulePod: scoring with hand-computed numbers', () => {
  // node-a: 4 CPU / 8Gi, already running 500m / 1Gi. node-b: 2 CPU / 16Gi, empty.
  // Incoming pod: 1 CPU / 3Gi.
  const a = new NodeInfo(makeNode('node-a', { cpu: '4', memory: '8Gi' }), [
    makePod('existing', { cpu: '500m', memory: '1Gi', nodeName: 'node-a' }),
  ]);
  const b = new NodeInfo(makeNode('node-b', { cpu: '2', memory: '16Gi' }));
  const pod = makePod('web', { cpu: '1', memory: '3Gi' });
  const d = schedulePod(pod, [a, b], new SeededRandom(1));

  it('LeastAllocated: (allocatable − requested) × 100 / allocatable per resource, then the mean', () => {
    // node-a cpu: (4000 − (500 + 1000)) × 100 / 4000 = 250000 / 4000 = 62 (62.5 truncated)
    //        mem: (8Gi − (1Gi + 3Gi)) × 100 / 8Gi = 50
    //        (62 + 50) / 2 = 56
    expect(scoreOf(d, 'node-a', 'NodeResourcesFit').raw).toBe(56);
    // node-b cpu: (2000 − 1000) × 100 / 2000 = 50
    //        mem: (16Gi − 3Gi) × 100 / 16Gi = 1300 / 16 = 81 (81.25 truncated)
    //        (50 + 81) / 2 = 65 (65.5 truncated)
    expect(scoreOf(d, 'node-b', 'NodeResourcesFit').raw).toBe(65);
  });

  it('BalancedAllocation: (1 − |f_cpu − f_mem| / 2) × 100, truncated', () => {
    // node-a: f_cpu = 1500/4000 = 0.375, f_mem = 4Gi/8Gi = 0.5 → std 0.0625 → 93.75 → 93
    expect(scoreOf(d, 'node-a', 'NodeResourcesBalancedAllocation').raw).toBe(93);
    // node-b: f_cpu = 1000/2000 = 0.5, f_mem = 3Gi/16Gi = 0.1875 → std 0.15625 → 84.375 → 84
    expect(scoreOf(d, 'node-b', 'NodeResourcesBalancedAllocation').raw).toBe(84);
  });

  it('weights and totals: TaintToleration 3 × 100 (no taints), Fit 1, Balanced 1, ImageLocality 1', () => {
    expect(d.scorePlugins).toEqual([
      { plugin: 'TaintToleration', weight: 3 },
      { plugin: 'NodeResourcesFit', weight: 1 },
      { plugin: 'NodeResourcesBalancedAllocation', weight: 1 },
      { plugin: 'ImageLocality', weight: 1 },
    ]);
    expect(d.skippedScorePlugins).toEqual(['NodeAffinity', 'PodTopologySpread', 'InterPodAffinity']);
    expect(scoreOf(d, 'node-a', 'TaintToleration').weighted).toBe(300);
    // node-a 300 + 56 + 93 + 0 = 449; node-b 300 + 65 + 84 + 0 = 449: a tie, broken at random.
    expect(scoreOf(d, 'node-a', 'NodeResourcesFit').total).toBe(449);
    expect(scoreOf(d, 'node-b', 'NodeResourcesFit').total).toBe(449);
    expect(['node-a', 'node-b']).toContain(d.node);
  });

  it('missing requests count as 100m / 200Mi for LeastAllocated; BalancedAllocation skips such pods', () => {
    const c = new NodeInfo(makeNode('node-c', { cpu: '1', memory: '1Gi' }));
    const e = new NodeInfo(makeNode('node-e', { cpu: '2', memory: '1Gi' }));
    const r = schedulePod(makePod('besteffort'), [c, e], new SeededRandom(1));
    // node-c cpu: (1000 − 100) × 100 / 1000 = 90; mem: (1024Mi − 200Mi) × 100 / 1024Mi = 80 (80.47) → 85
    expect(scoreOf(r, 'node-c', 'NodeResourcesFit').raw).toBe(85);
    // node-e cpu: (2000 − 100) × 100 / 2000 = 95; mem 80 → 87 (87.5)
    expect(scoreOf(r, 'node-e', 'NodeResourcesFit').raw).toBe(87);
    expect(r.skippedScorePlugins).toContain('NodeResourcesBalancedAllocation');
    expect(r.node).toBe('node-e');
  });

  it('a single feasible node is chosen without scoring', () => {
    const small = new NodeInfo(makeNode('small', { cpu: '500m' }));
    const r = schedulePod(pod, [a, small], new SeededRandom(1));
    expect(r.node).toBe('node-a');
    expect(r.scores).toEqual([]);
  });
});

describe('taints and tolerations', () => {
  it('filters untolerated NoSchedule taints with the upstream reason', () => {
    const cp = new NodeInfo(makeNode('cp', { taints: [CONTROL_PLANE_TAINT] }));
    const w = new NodeInfo(makeNode('w'));
    const d = schedulePod(makePod('p'), [cp, w], new SeededRandom(1));
    expect(d.node).toBe('w');
    expect(d.filters.find((f) => f.node === 'cp')!.failure).toEqual({
      plugin: 'TaintToleration',
      code: 'UnschedulableAndUnresolvable',
      reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
    });
    // NodeUnschedulable and NodeName passed before TaintToleration rejected.
    expect(d.filters.find((f) => f.node === 'cp')!.passed).toBe(2);
  });

  it('scores PreferNoSchedule taints: fewer untolerated is better, reversed and scaled by the max', () => {
    const soft = (key: string) => ({ key, effect: 'PreferNoSchedule' });
    const n2 = new NodeInfo(makeNode('two', { taints: [soft('a'), soft('b')] }));
    const n1 = new NodeInfo(makeNode('one', { taints: [soft('a')] }));
    const n0 = new NodeInfo(makeNode('zero'));
    const d = schedulePod(makePod('p'), [n2, n1, n0], new SeededRandom(1));
    // raw counts 2, 1, 0; normalized 100 − 100 × c / 2 → 0, 50, 100; weight 3.
    expect(scoreOf(d, 'two', 'TaintToleration')).toMatchObject({ raw: 2, normalized: 0, weighted: 0 });
    expect(scoreOf(d, 'one', 'TaintToleration')).toMatchObject({ raw: 1, normalized: 50, weighted: 150 });
    expect(scoreOf(d, 'zero', 'TaintToleration')).toMatchObject({ raw: 0, normalized: 100, weighted: 300 });
    expect(d.node).toBe('zero');
    // A toleration of key a (any effect) leaves one intolerable taint on "two".
    const tolerant = makePod('t');
    tolerant.spec!.tolerations = [{ key: 'a', operator: 'Exists' }];
    const d2 = schedulePod(tolerant, [n2, n1, n0], new SeededRandom(1));
    expect(scoreOf(d2, 'two', 'TaintToleration').raw).toBe(1);
    expect(scoreOf(d2, 'one', 'TaintToleration').raw).toBe(0);
  });

  it('cordoned nodes are rejected unless the pod tolerates node.kubernetes.io/unschedulable', () => {
    const cordoned = new NodeInfo(makeNode('c', { unschedulable: true }));
    const d = schedulePod(makePod('p'), [cordoned], new SeededRandom(1));
    expect(d.message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('FailedScheduling message', () => {
  it('matches the FIDELITY.md example: control-plane taint + 2 Insufficient cpu', () => {
    const nodes = [
      new NodeInfo(makeNode('control-plane', { cpu: '2', taints: [CONTROL_PLANE_TAINT] })),
      new NodeInfo(makeNode('worker-1', { cpu: '2' }), [makePod('a', { cpu: '1500m' })]),
      new NodeInfo(makeNode('worker-2', { cpu: '2' }), [makePod('b', { cpu: '1500m' })]),
    ];
    const d = schedulePod(makePod('big', { cpu: '1' }), nodes, new SeededRandom(1));
    expect(d.result).toBe('Unschedulable');
    expect(d.reason).toBe('Unschedulable');
    expect(d.message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts every reason of a node, sorts "count reason" as strings, and honours preemptionPolicy Never', () => {
    const nodes = Array.from(
      { length: 11 },
      (_, i) => new NodeInfo(makeNode(`n${i}`, { cpu: '1', memory: '1Gi', pods: '1' })),
    );
    for (const n of nodes.slice(0, 10)) n.addPod(makePod(`x-${n.name}`));
    const pod = makePod('p', { cpu: '2', memory: '2Gi' });
    pod.spec!.preemptionPolicy = 'Never';
    const d = schedulePod(pod, nodes, new SeededRandom(1));
    expect(d.message).toBe(
      '0/11 nodes are available: 10 Too many pods, 11 Insufficient cpu, 11 Insufficient memory. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('reports no nodes at all', () => {
    expect(schedulePod(makePod('p'), [], new SeededRandom(1)).message).toBe(
      'no nodes available to schedule pods',
    );
  });
});

describe('tie-breaking', () => {
  const nodes = Array.from({ length: 10 }, (_, i) => new NodeInfo(makeNode(`node-${i}`)));
  const pod = makePod('p', { cpu: '100m', memory: '100Mi' });

  it('is deterministic for a seed', () => {
    const pick = (seed: number) => schedulePod(pod, nodes, new SeededRandom(seed)).node;
    expect(pick(42)).toBe(pick(42));
    const r = new SeededRandom(7);
    const seq1 = Array.from({ length: 20 }, () => schedulePod(pod, nodes, r).node);
    const r2 = new SeededRandom(7);
    const seq2 = Array.from({ length: 20 }, () => schedulePod(pod, nodes, r2).node);
    expect(seq1).toEqual(seq2);
  });

  it('spreads over all the tied nodes', () => {
    const r = new SeededRandom(3);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) seen.add(schedulePod(pod, nodes, r).node!);
    expect(seen.size).toBe(10);
  });

  it('reports the chosen node first among the top three', () => {
    const d = schedulePod(pod, nodes, new SeededRandom(9));
    expect(d.topNodes).toHaveLength(3);
    expect(d.topNodes[0].node).toBe(d.node);
  });
});

describe('how many nodes are searched', () => {
  it('numFeasibleNodesToFind: all below 100, else (50 − n/125)% with a 5% floor, at least 100', () => {
    expect(numFeasibleNodesToFind(0, 50)).toBe(50);
    expect(numFeasibleNodesToFind(0, 150)).toBe(100); // 150 × 49 / 100 = 73 → 100
    expect(numFeasibleNodesToFind(0, 1000)).toBe(420); // 1000 × (50 − 8) / 100
    expect(numFeasibleNodesToFind(0, 5000)).toBe(500); // 10%
    expect(numFeasibleNodesToFind(0, 6000)).toBe(300); // 50 − 48 = 2 → 5%
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300);
  });

  it('at 1,000 nodes stops after 420 feasible ones and resumes where it stopped', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => new NodeInfo(makeNode(`n${i}`)));
    const pod = makePod('p', { cpu: '100m' });
    const d1 = schedulePod(pod, nodes, new SeededRandom(1), { recordScores: false });
    expect(d1.evaluatedNodes).toBe(420);
    expect(d1.filters[0].node).toBe('n0');
    expect(d1.nextStartNodeIndex).toBe(420);
    const d2 = schedulePod(pod, nodes, new SeededRandom(1), { nextStartNodeIndex: 900, recordScores: false });
    expect(d2.filters[0].node).toBe('n900');
    expect(d2.filters[100].node).toBe('n0');
    expect(d2.nextStartNodeIndex).toBe(320);
  });
});

// The upstream examples from /work/shared/upstream-examples/pods, verbatim.
const POD_NGINX = `
{ apiVersion: "v1", kind: "Pod",
  metadata: { name: "nginx", labels: { env: "test" } },
  spec: { containers: [{ name: "nginx", image: "nginx", imagePullPolicy: "IfNotPresent" }],
          nodeSelector: { disktype: "ssd" } } }`;
const POD_WITH_NODE_AFFINITY = `
{ apiVersion: "v1", kind: "Pod", metadata: { name: "with-node-affinity" },
  spec: { affinity: { nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{
        key: "topology.kubernetes.io/zone", operator: "In", values: ["antarctica-east1", "antarctica-west1"] }] }] },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{
        key: "another-node-label-key", operator: "In", values: ["another-node-label-value"] }] } }] } },
    containers: [{ name: "with-node-affinity", image: "registry.k8s.io/pause:3.8" }] } }`;
const POD_WITH_TOLERATION = `
{ apiVersion: "v1", kind: "Pod", metadata: { name: "nginx", labels: { env: "test" } },
  spec: { containers: [{ name: "nginx", image: "nginx", imagePullPolicy: "IfNotPresent" }],
          tolerations: [{ key: "example-key", operator: "Exists", effect: "NoSchedule" }] } }`;

describe('upstream example pods', () => {
  it('pod-nginx goes only to a disktype=ssd node', () => {
    const pod = parse(POD_NGINX) as Pod;
    const hdd = new NodeInfo(makeNode('hdd', { labels: { disktype: 'hdd' } }));
    const none = new NodeInfo(makeNode('plain'));
    const ssd = new NodeInfo(makeNode('ssd', { labels: { disktype: 'ssd' } }));
    const d = schedulePod(pod, [hdd, none, ssd], new SeededRandom(1));
    expect(d.node).toBe('ssd');
    const d2 = schedulePod(pod, [hdd, none], new SeededRandom(1));
    expect(d2.message).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('pod-with-node-affinity: required zones filter, the preferred label scores weight 1 → 100 × 2', () => {
    const pod = parse(POD_WITH_NODE_AFFINITY) as Pod;
    const zone = (z: string, extra: Record<string, string> = {}) => ({
      'topology.kubernetes.io/zone': z,
      ...extra,
    });
    const east = new NodeInfo(makeNode('east', { labels: zone('antarctica-east1') }));
    const westPreferred = new NodeInfo(
      makeNode('west', {
        labels: zone('antarctica-west1', { 'another-node-label-key': 'another-node-label-value' }),
      }),
    );
    const elsewhere = new NodeInfo(makeNode('elsewhere', { labels: zone('europe-west1') }));
    const d = schedulePod(pod, [east, westPreferred, elsewhere], new SeededRandom(1));
    expect(d.filters.find((f) => f.node === 'elsewhere')!.failure?.reasons).toEqual([
      "node(s) didn't match Pod's node affinity/selector",
    ]);
    expect(scoreOf(d, 'west', 'NodeAffinity')).toMatchObject({ raw: 1, normalized: 100, weighted: 200 });
    expect(scoreOf(d, 'east', 'NodeAffinity')).toMatchObject({ raw: 0, normalized: 0, weighted: 0 });
    expect(d.node).toBe('west');
  });

  it('pod-with-toleration tolerates example-key:NoSchedule but not other taints', () => {
    const pod = parse(POD_WITH_TOLERATION) as Pod;
    const tainted = new NodeInfo(
      makeNode('tainted', { taints: [{ key: 'example-key', value: 'v', effect: 'NoSchedule' }] }),
    );
    const other = new NodeInfo(
      makeNode('other', { taints: [{ key: 'other', value: 'x', effect: 'NoExecute' }] }),
    );
    const d = schedulePod(pod, [tainted, other], new SeededRandom(1));
    expect(d.node).toBe('tainted');
    expect(d.filters.find((f) => f.node === 'other')!.failure?.reasons).toEqual([
      'node(s) had untolerated taint {other: x}',
    ]);
  });
});
