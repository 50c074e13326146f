import { describe, expect, it } from 'vitest';
import { exitPoint, hopEnds, placeLabel } from './label-placement';

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('message geometry', () => {
  it('starts and ends a hop at the edges of its boxes, not over their names', () => {
    const a = { x: 0, y: 0, w: 100, h: 40 };
    const b = { x: 300, y: 0, w: 100, h: 40 };
    expect(exitPoint(a, { x: 350, y: 20 })).toEqual({ x: 104, y: 20 });
    const [from, to] = hopEnds({ x: 50, y: 20 }, { x: 350, y: 20 }, a, b);
    expect(from.x).toBeGreaterThanOrEqual(100);
    expect(to.x).toBeLessThanOrEqual(300);
  });

  it('puts a label off the cards and off the labels already placed', () => {
    const card = { x: 0, y: 0, w: 344, h: 352 };
    // A hop inside the card (kubelet → container runtime): the label leaves the card.
    const label = placeLabel({ x: 60, y: 117 }, { x: 176, y: 117 }, 200, 26, [card]);
    expect(overlaps(label, card)).toBe(false);
    const next = placeLabel({ x: 60, y: 117 }, { x: 176, y: 117 }, 200, 26, [card], [label]);
    expect(overlaps(next, card) || overlaps(next, label)).toBe(false);
  });
});
