/**
 * How many pod chips may start a motion (their pop-in, a colour fade) within a short window. A
 * learner sees three pods appear one by one; when a burst of 200 arrives, nobody can follow single
 * chips, and 200 concurrent animations cost the main thread 20–40 ms a frame (each becomes a
 * composited layer and fires its own start/end events). Chips past the budget change at once.
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
