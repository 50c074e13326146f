import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';

/** How long a controller of large objects (ReplicaSets, Services' endpoints) lets events pile up between syncs of one key. */
export const SYNC_WINDOW_MS = 100;

/**
 * client-go's rate-limited work queue, driven by the virtual clock: a key is queued at most once,
 * a key re-added while being processed runs again afterwards, and failures back off per item
 * (5 ms doubling to 1000 s, as `DefaultControllerRateLimiter`).
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, ScheduledEvent>();
  private scheduled: ScheduledEvent | undefined;
  private paused = false;
  private readonly lastProcessed = new Map<string, number>();
  private minIntervalMs = 0;

  constructor(
    private readonly engine: Engine,
    readonly name: string,
    private readonly reconcile: (key: string) => void | 'requeue',
    /** Virtual time a controller takes to pick up queued work (a sync loop's latency). */
    private readonly pickupMs = 0,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1_000_000,
  ) {}

  /**
   * A key processed less than `ms` ago waits out the rest of that window, so a burst of events
   * about one big object (10,000 pods of one ReplicaSet) becomes one sync, as events pile up
   * behind a real controller's sync of a large object. First syncs are not delayed.
   */
  throttle(ms: number): this {
    this.minIntervalMs = ms;
    return this;
  }

  add(key: string): void {
    if (this.minIntervalMs > 0) {
      const last = this.lastProcessed.get(key);
      if (last !== undefined && this.engine.now - last < this.minIntervalMs && !this.queued.has(key)) {
        this.addAfter(key, last + this.minIntervalMs - this.engine.now, true);
        return;
      }
    }
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.kick();
  }

  addAfter(key: string, delayMs: number, unthrottled = false): void {
    if (delayMs <= 0) return unthrottled ? this.enqueue(key) : this.add(key);
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= this.engine.now + delayMs) return;
    this.engine.cancel(existing);
    this.delayed.set(
      key,
      this.engine.schedule(delayMs, `${this.name} requeue ${key}`, () => {
        this.delayed.delete(key);
        if (unthrottled) this.enqueue(key);
        else this.add(key);
      }),
    );
  }

  private enqueue(key: string): void {
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.kick();
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.baseDelayMs * 2 ** n, this.maxDelayMs));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  get length(): number {
    return this.queue.length;
  }

  /** A stopped component leaves its queue untouched until it starts again. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  private kick(): void {
    if (this.paused || this.scheduled || this.queue.length === 0) return;
    this.scheduled = this.engine.schedule(this.pickupMs, `${this.name} work`, () => this.drain());
  }

  private drain(): void {
    this.scheduled = undefined;
    // Process what is queued now; keys added while draining wait for the next pass.
    const batch = this.queue.splice(0);
    for (const key of batch) {
      if (this.paused) {
        this.queue.push(key);
        continue;
      }
      this.queued.delete(key);
      this.processing.add(key);
      if (this.minIntervalMs > 0) this.lastProcessed.set(key, this.engine.now);
      let result: void | 'requeue';
      try {
        result = this.reconcile(key);
      } finally {
        this.processing.delete(key);
      }
      if (result === 'requeue') this.addRateLimited(key);
      else this.forget(key);
      if (this.dirty.delete(key)) this.add(key);
    }
    this.kick();
  }
}
