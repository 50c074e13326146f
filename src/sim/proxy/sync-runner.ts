import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';

/**
 * client-go's `BoundedFrequencyRunner` as kube-proxy configures it (minSyncPeriod 1 s, burst 2):
 * a change triggers a sync as soon as the token bucket allows, so a quiet proxy reacts at once
 * while a busy one syncs at most once per second — the window in which a node's tables can still
 * send traffic to an endpoint that is already gone.
 */
export class SyncRunner {
  private tokens: number;
  private lastRefill: number;
  private pending: ScheduledEvent | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly label: string,
    private readonly fn: () => void,
    private readonly minIntervalMs = 1000,
    private readonly burst = 2,
  ) {
    this.tokens = burst;
    this.lastRefill = engine.now;
  }

  /** Ask for a sync; several asks before it runs make one sync. */
  run(): void {
    if (this.pending) return;
    this.refill();
    const wait = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) * this.minIntervalMs);
    this.pending = this.engine.schedule(wait, this.label, () => {
      this.pending = undefined;
      this.refill();
      this.tokens = Math.max(0, this.tokens - 1);
      this.fn();
    });
  }

  stop(): void {
    this.engine.cancel(this.pending);
    this.pending = undefined;
  }

  private refill(): void {
    const now = this.engine.now;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.lastRefill) / this.minIntervalMs);
    this.lastRefill = now;
  }
}
