import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/simulation';
import { makePod } from './testing';
import { SchedulingQueue, type QueuedPodInfo } from './scheduling-queue';

function setup() {
  const engine = new Engine({ seed: 1 });
  let kicks = 0;
  const q = new SchedulingQueue(engine, () => kicks++);
  return { engine, q, kicks: () => kicks };
}

/** Pops the pod and fails it as a plugin rejection (or an error when no plugin is given). */
function fail(q: SchedulingQueue, plugin?: string): QueuedPodInfo {
  const p = q.pop()!;
  p.unschedulablePlugins = new Set(plugin ? [plugin] : []);
  q.addUnschedulableIfNotPresent(p);
  return p;
}

describe('SchedulingQueue', () => {
  it('pops by priority, then by the time a pod was queued', () => {
    const { engine, q } = setup();
    const low = makePod('low');
    const high = makePod('high');
    high.spec!.priority = 1000;
    q.add(low);
    engine.advance(5);
    q.add(makePod('later'));
    q.add(high);
    expect([q.pop()!.pod.metadata?.name, q.pop()!.pod.metadata?.name, q.pop()!.pod.metadata?.name]).toEqual([
      'high',
      'low',
      'later',
    ]);
    expect(q.schedulingCycle).toBe(3);
  });

  it('backs off an erroring pod 1 s, 2 s, 4 s, 8 s, then 10 s, released on the 1 s flush grid', () => {
    const { engine, q } = setup();
    const pod = makePod('err');
    q.add(pod);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      const p = fail(q);
      expect(q.whereIs(pod)).toBe('backoffQ');
      const start = engine.now;
      while (q.whereIs(pod) !== 'activeQ') engine.advance(100);
      waits.push(engine.now - start);
      expect(p.attempts).toBe(i + 1);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps a rejected pod until an event its plugin registered for, or 5 minutes', () => {
    const { engine, q } = setup();
    const pod = makePod('big');
    q.add(pod);
    fail(q, 'NodeResourcesFit');
    expect(q.whereIs(pod)).toBe('unschedulablePods');
    // A label change does not help NodeResourcesFit… a node added might.
    q.moveAllToActiveOrBackoffQueue('UpdateNodeCondition');
    expect(q.whereIs(pod)).toBe('unschedulablePods');
    q.moveAllToActiveOrBackoffQueue('NodeAdd');
    // Still within its 1 s back-off: it waits that out in backoffQ first.
    expect(q.whereIs(pod)).toBe('backoffQ');
    engine.advance(1000);
    expect(q.whereIs(pod)).toBe('activeQ');

    fail(q, 'TaintToleration');
    engine.advance(5 * 60_000);
    expect(q.whereIs(pod)).toBe('unschedulablePods');
    // The 30 s leftover flush moves pods older than 5 min (strictly).
    engine.advance(30_000);
    expect(q.whereIs(pod)).toBe('activeQ');
  });

  it('moves an unschedulable pod when its spec changes, not when only its status does', () => {
    const { q } = setup();
    const pod = makePod('p');
    q.add(pod);
    fail(q, 'NodeAffinity');
    const statusOnly = {
      ...pod,
      status: { phase: 'Pending' },
      metadata: { ...pod.metadata, resourceVersion: '9' },
    };
    q.update(pod, statusOnly);
    expect(q.whereIs(pod)).toBe('unschedulablePods');
    const relabelled = { ...statusOnly, metadata: { ...statusOnly.metadata, labels: { a: 'b' } } };
    q.update(statusOnly, relabelled);
    expect(q.whereIs(pod)).toBe('backoffQ');
    q.delete(pod);
    expect(q.length).toBe(0);
  });

  it('a restart puts every pending pod back in activeQ with no back-off memory', () => {
    const { q } = setup();
    q.add(makePod('a'));
    q.add(makePod('b'));
    fail(q);
    fail(q, 'NodeResourcesFit');
    expect([q.activeCount, q.backoffCount, q.unschedulableCount]).toEqual([0, 1, 1]);
    q.resetToActive();
    expect([q.activeCount, q.backoffCount, q.unschedulableCount]).toEqual([2, 0, 0]);
    expect(q.pendingPods().every((p) => p.attempts === 0 && p.queue === 'activeQ')).toBe(true);
  });
});
