/**
 * Motion on the canvas under load. Pod chips animate with the Web Animations API, not CSS
 * transitions: a CSS transition fires transitionrun/start/end/cancel events, React's root listener
 * handles each one and flushes pending renders inside it — with 200 pods arriving that made
 * single tasks of 50+ ms (`npm run bench:ui`). `element.animate` fires no DOM events.
 *
 * And how many pod chips may start a motion (their pop-in, a status pulse) within a short window:
 * a learner sees three pods appear one by one; when a burst of 200 arrives nobody can follow single
 * chips, and 200 concurrent animations each become a composited layer. Past the budget, chips
 * change at once.
 */
export class MotionBudget {
  private readonly starts: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Whether one more motion may start at `now` (wall ms); counts it if so. */
  claim(now: number): boolean {
    while (this.starts.length && now - this.starts[0] >= this.windowMs) this.starts.shift();
    if (this.starts.length >= this.limit) return false;
    this.starts.push(now);
    return true;
  }
}

/** The pod chips' shared budget: a dozen motions per 320 ms (the pop-in's length). */
export const podMotion = new MotionBudget(12, 320);

/** The user asked the system for less motion (CSS's media query does not reach `animate`). */
const reduceQuery =
  typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : undefined;

export function reducedMotion(): boolean {
  return reduceQuery?.matches ?? false;
}

/** Runs `element.animate` unless motion is reduced or the element cannot animate. */
export function animate(el: Element | null, keyframes: Keyframe[], options: KeyframeAnimationOptions): void {
  if (!el || typeof el.animate !== 'function' || reducedMotion()) return;
  el.animate(keyframes, options);
}
