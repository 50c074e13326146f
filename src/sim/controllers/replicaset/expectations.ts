/**
 * controller.UIDTrackingControllerExpectations: what a controller has asked the apiserver for and
 * not yet seen come back through its watch. While creations or deletions are outstanding the
 * controller does not act on its (stale) cache again, so it never double-creates; expectations
 * expire after 5 minutes in case a watch event was lost.
 */
export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** Keys of pods this controller deleted and expects to see go (UID tracking). */
  deleting: Set<string>;
}

export class ControllerExpectations {
  private readonly store = new Map<string, Expectation>();

  constructor(private readonly now: () => number) {}

  satisfied(key: string): boolean {
    const e = this.store.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.now() - e.timestamp > EXPECTATIONS_TTL_MS;
  }

  expectCreations(key: string, n: number): void {
    this.store.set(key, { add: n, del: 0, timestamp: this.now(), deleting: new Set() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.store.set(key, {
      add: 0,
      del: podKeys.length,
      timestamp: this.now(),
      deleting: new Set(podKeys),
    });
  }

  creationObserved(key: string): void {
    const e = this.store.get(key);
    if (e) e.add--;
  }

  /** Lowers the count only for a pod this controller deleted, so one deletion is never counted twice. */
  deletionObserved(key: string, podKey: string): void {
    const e = this.store.get(key);
    if (e?.deleting.delete(podKey)) e.del--;
  }

  delete(key: string): void {
    this.store.delete(key);
  }
}
