/** Go's `time.Duration.String()` for non-negative durations given in milliseconds: `4.2s`, `500ms`, `1m30s`. */
export function goDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const sMs = total % 60_000;
  const sec = (sMs / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

/** 64 lowercase hex characters, as containerd's container and sandbox ids. */
export function hexId(nextUint32: () => number): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += nextUint32().toString(16).padStart(8, '0');
  return s;
}

/** metav1.Time (second precision) for an epoch-ms instant. */
export function rfc3339(epochMs: number): string {
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
