import { describe, expect, it } from 'vitest';
import { slowStartBatch } from './slow-start';

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, … up to the count', () => {
    let calls = 0;
    expect(slowStartBatch(10, 1, () => void calls++)).toEqual({ successes: 10 });
    expect(calls).toBe(10);
  });

  it('stops after the first batch with a failure', () => {
    let calls = 0;
    // Calls 1 | 2 3 | 4 5 6 7 — the 4th fails, so its batch finishes and nothing more is tried.
    const r = slowStartBatch(100, 1, () => (++calls === 4 ? 'quota exceeded' : undefined));
    expect(calls).toBe(7);
    expect(r).toEqual({ successes: 6, error: 'quota exceeded' });
  });

  it('does nothing for zero', () => {
    expect(slowStartBatch(0, 1, () => 'never')).toEqual({ successes: 0 });
  });
});
