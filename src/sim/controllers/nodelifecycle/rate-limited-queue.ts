/**
 * pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go: the per-zone queue of nodes waiting
 * for their NoExecute taint, drained through a token bucket (burst 1). A value stays in the set
 * after it is processed, so a node is tainted once until `remove` (it became reachable) is called.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = qps > 0 ? burst : 0;
    this.last = now;
  }

  private refill(now: number): void {
    if (this.qps <= 0) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  tryAccept(now: number): boolean {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until a token is available (Infinity for a limiter that never accepts). */
  waitMs(now: number): number {
    if (this.qps <= 0) return Infinity;
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.qps) * 1000);
  }
}

export interface TimedValue {
  value: string;
  uid: string;
  addedAt: number;
  processAt: number;
}

/** EvictionRateLimiterBurst. */
const BURST = 1;

export class RateLimitedTimedQueue {
  private queue: TimedValue[] = [];
  private readonly set = new Set<string>();
  private limiter: TokenBucket;

  constructor(qps: number, now: number) {
    this.limiter = new TokenBucket(qps, BURST, now);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  get length(): number {
    return this.queue.length;
  }

  add(value: string, uid: string, now: number): boolean {
    if (this.set.has(value)) return false;
    this.set.add(value);
    this.queue.push({ value, uid, addedAt: now, processAt: now });
    this.queue.sort((a, b) => a.processAt - b.processAt);
    return true;
  }

  remove(value: string): boolean {
    const had = this.set.delete(value);
    this.queue = this.queue.filter((v) => v.value !== value);
    return had;
  }

  /**
   * Try: processes due values while the limiter has tokens; `fn` returns whether it succeeded, or
   * a retry delay. Returns when the next attempt could make progress (ms from now), if ever.
   */
  try(now: number, fn: (v: TimedValue) => true | { retryAfterMs: number }): number | undefined {
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (now < head.processAt) return head.processAt - now;
      if (!this.limiter.tryAccept(now)) {
        const wait = this.limiter.waitMs(now);
        return Number.isFinite(wait) ? Math.max(1, wait) : undefined;
      }
      const r = fn(head);
      this.queue.shift();
      if (r !== true) {
        head.processAt = now + r.retryAfterMs;
        this.queue.push(head);
        this.queue.sort((a, b) => a.processAt - b.processAt);
      }
    }
    return undefined;
  }

  /** SwapLimiter: a new rate; 0 stops evictions. A drained bucket stays drained across the swap. */
  swapLimiter(qps: number, now: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(qps, BURST, now);
    if (qps > 0 && !this.limiter.tryAccept(now)) next.tryAccept(now);
    this.limiter = next;
  }
}
