import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/simulation';
import { WorkQueue } from './workqueue';

function setup(throttleMs = 0) {
  const engine = new Engine({ seed: 1 });
  const runs: Array<[string, number]> = [];
  const q = new WorkQueue(engine, 'test', (k) => void runs.push([k, engine.now])).throttle(throttleMs);
  return { engine, q, runs };
}

describe('WorkQueue', () => {
  it('runs a key once however often it is added before it is picked up', () => {
    const { engine, q, runs } = setup();
    q.add('a');
    q.add('a');
    q.add('b');
    engine.advance(1);
    expect(runs).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('backs off a failing key exponentially and forgets on success', () => {
    const engine = new Engine({ seed: 1 });
    const times: number[] = [];
    let fail = 3;
    const q = new WorkQueue(engine, 'test', () => {
      times.push(engine.now);
      return fail-- > 0 ? 'requeue' : undefined;
    });
    q.add('k');
    engine.advance(1000);
    expect(times).toEqual([0, 5, 15, 35]);
  });

  it('with a throttle, a burst about one key becomes one sync per window; the first sync is immediate', () => {
    const { engine, q, runs } = setup(100);
    q.add('rs');
    engine.advance(1);
    for (let t = 0; t < 250; t += 10) {
      q.add('rs');
      engine.advance(10);
    }
    expect(runs.map(([, at]) => at)).toEqual([0, 100, 200]);
  });
});
