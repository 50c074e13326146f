/**
 * apimachinery/pkg/util/duration.HumanDuration and the printers' timestamp helpers. Durations are
 * milliseconds of the virtual clock; Go's int() conversions truncate toward zero, hence Math.trunc.
 */

export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  // Upstream tolerates up to 2 s of clock skew as "now" before calling a time invalid.
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  const years = Math.trunc(Math.trunc(hours / 24) / 365);
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/** Epoch ms of a metav1.Time / MicroTime string, or undefined for the zero (absent) time. */
export function parseTimestamp(ts: string | null | undefined): number | undefined {
  if (ts === undefined || ts === null || ts === '') return undefined;
  const ms = Date.parse(ts);
  // Go's zero time serializes as null, but a literal year-1 timestamp is also IsZero().
  if (Number.isNaN(ms) || ts.startsWith('0001-01-01T00:00:00')) return undefined;
  return ms;
}

/** translateTimestampSince: `<unknown>` for a zero time, else the age as HumanDuration. */
export function translateTimestampSince(ts: string | null | undefined, nowMs: number): string {
  const ms = parseTimestamp(ts);
  return ms === undefined ? '<unknown>' : humanDuration(nowMs - ms);
}

/** Time.UTC().Format(time.RFC3339), as the default table prints `Created At`. */
export function formatRFC3339(ts: string | null | undefined): string {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return '0001-01-01T00:00:00Z';
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
