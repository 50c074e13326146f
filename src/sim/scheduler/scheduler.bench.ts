/**
 * `npx vitest bench src/sim/scheduler`: the scheduler's own cost per pod on 1,000 nodes, with few
 * and with many pods already placed. The two should be close: a cycle reads incrementally kept
 * NodeInfos and never scans every pod. A measurement only; nothing asserts a time.
 */
import { bench, describe } from 'vitest';
import { SeededRandom } from '../engine/random';
import { SchedulerCache } from './cache';
import { schedulePod } from './schedule-one';
import { makeNode, makePod } from './testing';

function clusterWith(existingPods: number): { cache: SchedulerCache; random: SeededRandom } {
  const cache = new SchedulerCache();
  for (let i = 0; i < 1000; i++)
    cache.addNode(
      makeNode(`node-${i}`, {
        cpu: '32',
        memory: '64Gi',
        labels: { 'topology.kubernetes.io/zone': `z${i % 3}` },
      }),
    );
  for (let i = 0; i < existingPods; i++)
    cache.addPod(
      makePod(`old-${i}`, {
        cpu: '100m',
        memory: '64Mi',
        labels: { app: 'old' },
        nodeName: `node-${i % 1000}`,
      }),
    );
  return { cache, random: new SeededRandom(1) };
}

function scheduleBatch(
  cache: SchedulerCache,
  random: SeededRandom,
  batch: number,
  recordScores: boolean,
): void {
  let next = 0;
  for (let i = 0; i < 100; i++) {
    const pod = makePod(`b${batch}-${i}`, { cpu: '100m', memory: '64Mi', labels: { app: 'web' } });
    const d = schedulePod(pod, cache.snapshot(), random, { nextStartNodeIndex: next, recordScores });
    next = d.nextStartNodeIndex;
    cache.assumePod({ ...pod, spec: { ...pod.spec!, nodeName: d.node } });
  }
}

describe('100 scheduling cycles on 1,000 nodes', () => {
  const few = clusterWith(1_000);
  const many = clusterWith(9_000);
  let batch = 0;
  bench('with 1,000 pods placed, scores recorded', () => scheduleBatch(few.cache, few.random, batch++, true));
  bench('with 9,000 pods placed, scores recorded', () =>
    scheduleBatch(many.cache, many.random, batch++, true),
  );
  bench('with 9,000 pods placed, scores not recorded', () =>
    scheduleBatch(many.cache, many.random, batch++, false),
  );
});
