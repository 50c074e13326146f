/**
 * Geometry for messages on the canvas: where a hop leaves its sender's box and enters its
 * receiver's (so a dot never travels over a component's name), and where its label goes (near the
 * middle of the hop, off the cards and off the other labels). Pure; flow coordinates or screen
 * pixels alike.
 */
import type { Box } from './layout';

export interface Point {
  x: number;
  y: number;
}

/** Where the ray from `box`'s centre towards `to` leaves the box, `gap` beyond its edge. */
export function exitPoint(box: Box, to: Point, gap = 4): Point {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = to.x - cx;
  const dy = to.y - cy;
  const len = Math.hypot(dx, dy);
  if (len === 0) return { x: cx, y: cy };
  const tx = dx === 0 ? Infinity : box.w / 2 / Math.abs(dx);
  const ty = dy === 0 ? Infinity : box.h / 2 / Math.abs(dy);
  const t = Math.min(tx, ty) + gap / len;
  if (t >= 1) return { x: cx, y: cy }; // `to` lies inside (or just by) the box: leave from the centre
  return { x: cx + dx * t, y: cy + dy * t };
}

/** The hop between two boxes (or points), from edge to edge; centres when the boxes overlap. */
export function hopEnds(a: Point, b: Point, boxA?: Box, boxB?: Box): [Point, Point] {
  const from = boxA ? exitPoint(boxA, b) : a;
  const to = boxB ? exitPoint(boxB, a) : b;
  // Edges that cross (adjacent boxes, a box inside another): keep the centres.
  if ((to.x - from.x) * (b.x - a.x) + (to.y - from.y) * (b.y - a.y) <= 0) return [a, b];
  return [from, to];
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

const ALONG = [0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85];
/** Extra distance off the line, tried in turn (flow units or pixels, as the caller's space). */
const PUSH = [0, 30, 60, 90, 120, 150, 180];

/**
 * A `w`×`h` label for the hop `a`→`b`: centred on a point of the hop (the middle first) or pushed
 * off it sideways, the first place covering no obstacle and no label already `taken`; failing
 * that, the place covering least (other labels count double).
 */
export function placeLabel(
  a: Point,
  b: Point,
  w: number,
  h: number,
  obstacles: readonly Box[],
  taken: readonly Box[] = [],
): Box {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  // The normal, pointing up (or left for a vertical hop): labels sit above their line by preference.
  let nx = -dy / len;
  let ny = dx / len;
  if (ny > 0 || (ny === 0 && nx > 0)) {
    nx = -nx;
    ny = -ny;
  }
  // How far off the line a label must sit to clear it.
  const clear = Math.abs(nx) * (w / 2) + Math.abs(ny) * (h / 2) + 4;
  let best: Box | undefined;
  let bestScore = Infinity;
  // Near the line first; then further out, up to clear of a card the hop runs inside.
  for (const push of PUSH) {
    for (const t of ALONG) {
      for (const side of push === 0 ? [1, -1, 0] : [1, -1]) {
        const d = clear + push;
        const cx = a.x + dx * t + nx * d * side;
        const cy = a.y + dy * t + ny * d * side;
        const box = { x: cx - w / 2, y: cy - h / 2, w, h };
        let score = 0;
        for (const o of obstacles) score += overlap(box, o);
        for (const o of taken) score += 2 * overlap(box, o);
        if (score === 0) return box;
        // Further out costs a little, so a near place that covers a sliver still wins over a far one.
        score += push * 2;
        if (score < bestScore) {
          bestScore = score;
          best = box;
        }
      }
    }
  }
  return best!;
}
