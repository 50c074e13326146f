import { EventQueue, type ScheduledEvent } from './event-queue';
import { SeededRandom } from './random';
import { Trace, type NewTraceRecord, type TraceRecord } from './trace';

export interface EngineOptions {
  seed: number;
  /** Virtual milliseconds a hop between two components takes. */
  hopLatencyMs?: number;
  /** Start of the virtual clock, as epoch milliseconds (timestamps in objects derive from it). */
  epochMs?: number;
  traceCapacity?: number;
}

/**
 * The engine: a virtual clock, an event queue, the seeded random source and the trace.
 * Nothing in the cluster reads wall time or Math.random; it all comes from here.
 */
export class Engine {
  readonly random: SeededRandom;
  readonly trace: Trace;
  readonly hopLatencyMs: number;
  readonly epochMs: number;
  private queue = new EventQueue();
  private nowMs = 0;
  private running = false;
  /** Events run since the engine started (benchmarks report events per second). */
  processedEvents = 0;
  private nanoTick = 0;

  constructor(opts: EngineOptions) {
    this.random = new SeededRandom(opts.seed);
    this.trace = new Trace(opts.traceCapacity);
    this.hopLatencyMs = opts.hopLatencyMs ?? 5;
    this.epochMs = opts.epochMs ?? Date.UTC(2026, 0, 1, 0, 0, 0);
  }

  /** Virtual milliseconds since the cluster started. */
  get now(): number {
    return this.nowMs;
  }

  /** The virtual wall time, as an RFC 3339 timestamp with second precision (metav1.Time). */
  timestamp(offsetMs = 0): string {
    return new Date(this.epochMs + Math.floor((this.nowMs + offsetMs) / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
  }

  /** The virtual wall time with microseconds (metav1.MicroTime), as leases and events use. */
  microTimestamp(): string {
    const iso = new Date(this.epochMs + this.nowMs).toISOString();
    return iso.replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /**
   * Unix nanoseconds, unique per call: virtual time has millisecond resolution, so a counter fills
   * the nanoseconds, as distinct wall-clock reads would on a real machine (event names use this).
   */
  uniqueUnixNanos(): bigint {
    this.nanoTick = (this.nanoTick + 1) % 1_000_000;
    return BigInt(this.epochMs + this.nowMs) * 1_000_000n + BigInt(this.nanoTick);
  }

  get pendingEvents(): number {
    return this.queue.size;
  }

  /** Runs `run` after `delayMs` of virtual time. */
  schedule(delayMs: number, label: string, run: () => void): ScheduledEvent {
    return this.queue.push(this.nowMs + Math.max(0, delayMs), label, run);
  }

  cancel(ev: ScheduledEvent | undefined): void {
    if (ev) ev.cancelled = true;
  }

  /** Records a hop and delivers it after the hop latency. */
  hop(
    rec: Omit<NewTraceRecord, 'sentAt' | 'deliverAt'>,
    deliver?: () => void,
    latencyMs = this.hopLatencyMs,
  ): TraceRecord {
    const r = this.trace.append({ ...rec, sentAt: this.nowMs, deliverAt: this.nowMs + latencyMs });
    if (deliver) this.schedule(latencyMs, `deliver ${rec.kind} ${rec.from}->${rec.to}`, deliver);
    return r;
  }

  /** Records a hop that happens at this instant (requests from outside while the clock is paused). */
  record(rec: Omit<NewTraceRecord, 'sentAt' | 'deliverAt'>, latencyMs = 0): TraceRecord {
    return this.trace.append({ ...rec, sentAt: this.nowMs, deliverAt: this.nowMs + latencyMs });
  }

  /** Runs the next due event if it is at or before `limit`; returns false when none is. */
  step(limit = Infinity): boolean {
    const ev = this.queue.peek();
    if (!ev || ev.at > limit) return false;
    this.queue.pop();
    this.nowMs = Math.max(this.nowMs, ev.at);
    this.processedEvents++;
    ev.run();
    return true;
  }

  /** Runs everything due within the next `ms` and leaves the clock exactly `ms` later. */
  advance(ms: number): void {
    this.guard(() => {
      const until = this.nowMs + ms;
      while (this.step(until));
      this.nowMs = until;
    });
  }

  /**
   * Runs until no event is due within `horizonMs` of the last one that ran (periodic timers such
   * as lease renewals never let the queue empty), or until `maxMs` of virtual time has passed.
   */
  runUntilIdle(maxMs = 3_600_000, horizonMs = 0): void {
    this.guard(() => {
      const stop = this.nowMs + maxMs;
      for (;;) {
        const ev = this.queue.peek();
        if (!ev || ev.at > stop || ev.at > this.nowMs + horizonMs) break;
        this.step(stop);
      }
    });
  }

  /** Time of the next due event, if any. */
  nextEventAt(): number | undefined {
    return this.queue.peek()?.at;
  }

  private guard(fn: () => void): void {
    if (this.running) throw new Error('engine re-entered: advance() called from inside an event');
    this.running = true;
    try {
      fn();
    } finally {
      this.running = false;
    }
  }
}
