import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';

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

  constructor(
    private readonly engine: Engine,
    readonly name: string,
    private readonly reconcile: (key: string) => void | 'requeue',
    /** Virtual time a controller takes to pick up queued work (a sync loop's latency). */
    private readonly pickupMs = 0,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1_000_000,
  ) {}

  add(key: string): void {
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.kick();
  }

  addAfter(key: string, delayMs: number): void {
    if (delayMs <= 0) return this.add(key);
    const existing = this.delayed.get(key);
    if (existing && !existing.cancelled && existing.at <= this.engine.now + delayMs) return;
    this.engine.cancel(existing);
    this.delayed.set(
      key,
      this.engine.schedule(delayMs, `${this.name} requeue ${key}`, () => {
        this.delayed.delete(key);
        this.add(key);
      }),
    );
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
