/** Virtual elapsed time as `h:mm:ss.d` (hours grow past 9 as needed). */
export function formatElapsed(ms: number): string {
  const tenths = Math.floor(ms / 100);
  const d = tenths % 10;
  const totalSeconds = Math.floor(tenths / 10);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${d}`;
}

/** The virtual wall time as `YYYY-MM-DD HH:MM:SS UTC` (what object timestamps say). */
export function formatVirtualDate(epochMs: number, nowMs: number): string {
  return `${new Date(epochMs + nowMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
