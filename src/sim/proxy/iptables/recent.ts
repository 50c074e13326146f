/**
 * The kernel's `xt_recent` lists that ClientIP session affinity uses: per list (named after the
 * `KUBE-SEP-…` chain), the source addresses seen and when. Plain data, so it snapshots.
 * The kernel keeps up to 20 timestamps per address; the newest decides every check kube-proxy
 * makes (`--rcheck --seconds N`), so KubeSim keeps only that one.
 */
export type RecentTable = Record<string, Record<string, number>>;

export function emptyRecentTable(): RecentTable {
  return {};
}

/** `--set`: record `ip` in list `name` now. Always matches. */
export function recentSet(table: RecentTable, name: string, ip: string, nowMs: number): void {
  (table[name] ??= {})[ip] = nowMs;
}

/**
 * `--rcheck --seconds S [--reap]`: matches when `ip` was seen in the last S seconds. `--reap`
 * lets the kernel drop the list's least recently seen address when it has gone stale.
 */
export function recentCheck(
  table: RecentTable,
  name: string,
  ip: string,
  nowMs: number,
  seconds: number,
  reap: boolean,
): boolean {
  const list = table[name];
  if (!list) return false;
  const seen = list[ip];
  if (seen === undefined) return false;
  const cutoff = nowMs - seconds * 1000;
  const hit = seen >= cutoff;
  if (reap) {
    let oldest: string | undefined;
    for (const [addr, t] of Object.entries(list)) {
      if (addr !== ip && (oldest === undefined || t < list[oldest])) oldest = addr;
    }
    if (oldest !== undefined && list[oldest] < cutoff) delete list[oldest];
  }
  return hit;
}
