import { describe, expect, it } from 'vitest';
import { MotionBudget } from './motion-budget';

describe('MotionBudget', () => {
  it('lets a few motions start, refuses a burst beyond the limit, and refills as the window passes', () => {
    const b = new MotionBudget(3, 100);
    expect([b.claim(0), b.claim(10), b.claim(20), b.claim(30), b.claim(99)]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    // The first start leaves the window at 100: one slot frees, not more.
    expect([b.claim(100), b.claim(101)]).toEqual([true, false]);
    expect([b.claim(110), b.claim(111)]).toEqual([true, false]);
  });

  it('refused claims do not use the budget', () => {
    const b = new MotionBudget(1, 50);
    expect(b.claim(0)).toBe(true);
    for (let t = 1; t < 50; t++) expect(b.claim(t)).toBe(false);
    expect(b.claim(50)).toBe(true);
  });
});
