/**
 * client-go's `flowcontrol.Backoff` as the kubelet uses it for crashing containers and failed
 * image pulls: 10 s doubling to 300 s, and an entry forgotten once 2 × max (10 min) passes
 * without a new failure — which is why a container that ran 10 min restarts at once again.
 */
export class Backoff {
  private readonly entries = new Map<string, { backoffMs: number; lastUpdate: number }>();

  constructor(
    private readonly initialMs = 10_000,
    private readonly maxMs = 300_000,
  ) {}

  private expired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.maxMs * 2;
  }

  /** The current back-off for `id` (0 when none). */
  get(id: string): number {
    return this.entries.get(id)?.backoffMs ?? 0;
  }

  /** Records a failure at `now`: starts at the initial delay, or doubles up to the maximum. */
  next(id: string, eventTime: number, now: number): void {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate))
      this.entries.set(id, { backoffMs: this.initialMs, lastUpdate: now });
    else {
      e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
      e.lastUpdate = now;
    }
  }

  /** Whether `id` is still backing off, counted from `eventTime` (the container's finish). */
  isInBackOffSince(id: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(eventTime, e.lastUpdate)) return false;
    return now - eventTime < e.backoffMs;
  }

  /** Whether `id` is still backing off, counted from its last failure (image pulls). */
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.expired(now, e.lastUpdate)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** When `id` last failed (0 when never). */
  lastUpdate(id: string): number {
    return this.entries.get(id)?.lastUpdate ?? 0;
  }

  /** Forgets every entry of a pod (its key prefix), when the pod goes away. */
  forgetPrefix(prefix: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}
