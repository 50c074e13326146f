import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../engine/random';
import { DecisionLog, decisionView } from './decisions';
import { NodeInfo } from './framework/node-info';
import { schedulePod } from './schedule-one';
import { makeNode, makePod } from './testing';

const nodes = [1, 2, 3].map((i) => new NodeInfo(makeNode(`n${i}`)));
const FILTERS = [
  'NodeUnschedulable',
  'NodeName',
  'TaintToleration',
  'NodeAffinity',
  'NodePorts',
  'NodeResourcesFit',
  'PodTopologySpread',
  'InterPodAffinity',
];

function add(log: DecisionLog, name: string, at = 0) {
  const pod = makePod(name, { cpu: '100m' });
  return log.add({
    namespace: 'default',
    name,
    uid: pod.metadata!.uid!,
    at,
    time: '2026-01-01T00:00:00Z',
    attempt: 1,
    profileFilters: FILTERS,
    decision: schedulePod(pod, nodes, new SeededRandom(1)),
  });
}

describe('DecisionLog', () => {
  it('keeps the last N overall and per pod, newest first', () => {
    const log = new DecisionLog({ capacity: 5, perPod: 2 });
    for (let i = 0; i < 3; i++) add(log, 'same', i);
    for (let i = 0; i < 4; i++) add(log, `p${i}`);
    expect(log.size).toBe(5);
    expect(log.forPod('default', 'same')).toHaveLength(1);
    expect(log.forPod('default', 'p3')).toHaveLength(1);
    expect(log.latest('default', 10).map((d) => d.name)).toEqual(['p3', 'p2', 'p1', 'p0', 'same']);
    expect(log.latest('other', 10)).toEqual([]);
  });

  it('drops per-node detail from the oldest decisions past the entry budget, keeping the outcome', () => {
    // Each decision has 3 filter rows and 3 score rows.
    const log = new DecisionLog({ nodeEntryBudget: 12 });
    const first = add(log, 'a');
    add(log, 'b');
    add(log, 'c');
    expect(first.detailDropped).toBe(true);
    const v = decisionView(log.forPod('default', 'a')[0]);
    expect(v.detailDropped).toBe(true);
    expect(v.nodes).toEqual([]);
    expect(v.node).toMatch(/^n[123]$/);
    expect(decisionView(log.forPod('default', 'c')[0]).nodes).toHaveLength(3);
  });

  it('renders verdicts per filter plugin and scores per score plugin', () => {
    const log = new DecisionLog();
    const v = decisionView(add(log, 'web'));
    expect(v.nodes).toHaveLength(3);
    const n = v.nodes[0];
    expect(n.filters.map((f) => f.verdict)).toEqual([
      'Success',
      'Success',
      'Success',
      'Skip',
      'Skip',
      'Success',
      'Skip',
      'Skip',
    ]);
    expect(n.scores!.map((s) => s.plugin)).toEqual([
      'TaintToleration',
      'NodeResourcesFit',
      'NodeResourcesBalancedAllocation',
      'ImageLocality',
    ]);
    expect(v.nodes.filter((x) => x.chosen).map((x) => x.name)).toEqual([v.node]);
  });
});
