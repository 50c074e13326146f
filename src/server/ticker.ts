/** What the wall-clock driver needs of a cluster: advance by this much wall time (it scales by its speed). */
export interface Tickable {
  tick(wallMs: number): void;
}

export const TICK_INTERVAL_MS = 50;

/**
 * Drives the virtual clock from wall time: every ~50 ms it hands the cluster the wall milliseconds
 * that really passed (timers drift, so the interval is measured, not assumed). The speed factor and
 * pause live in the cluster (`/simulator/v1/clock`), so the UI and tools can change them live.
 */
export function startTicker(cluster: Tickable, onError: (err: unknown) => void = () => {}): () => void {
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    try {
      cluster.tick(elapsed);
    } catch (err) {
      onError(err);
    }
  }, TICK_INTERVAL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}
