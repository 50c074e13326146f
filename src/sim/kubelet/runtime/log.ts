/**
 * The container log the kubelet serves as `kubectl logs`: one record per line with the
 * virtual time it was written and its stream, as the CRI log file keeps them.
 */

export type LogStream = 'stdout' | 'stderr';

export interface LogLine {
  /** Virtual time in ms (epoch-based, as the caller's clock). */
  t: number;
  stream: LogStream;
  text: string;
}

export interface ContainerLog {
  lines: LogLine[];
  /** Text written without a trailing newline yet, per stream. */
  partial: Record<LogStream, string>;
  /** Lines dropped from the front to keep memory bounded (the kubelet rotates logs too). */
  dropped: number;
}

/** Enough for any lesson; older lines go, as a rotated CRI log would lose them. */
export const MAX_LOG_LINES = 5000;

export function createLog(): ContainerLog {
  return { lines: [], partial: { stdout: '', stderr: '' }, dropped: 0 };
}

/** Appends raw output; complete lines become records stamped `t`. */
export function writeLog(log: ContainerLog, stream: LogStream, text: string, t: number): void {
  const buf = log.partial[stream] + text;
  const parts = buf.split('\n');
  log.partial[stream] = parts.pop() ?? '';
  for (const line of parts) log.lines.push({ t, stream, text: line });
  if (log.lines.length > MAX_LOG_LINES) {
    const excess = log.lines.length - MAX_LOG_LINES;
    log.lines.splice(0, excess);
    log.dropped += excess;
  }
}

/** Writes whatever is left without a newline (the process ended). */
export function flushLog(log: ContainerLog, t: number): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    if (log.partial[stream] !== '') {
      log.lines.push({ t, stream, text: log.partial[stream] });
      log.partial[stream] = '';
    }
  }
}

export interface LogQuery {
  sinceMs?: number;
  tail?: number;
  timestamps?: boolean;
}

/** The text `kubectl logs` prints; with timestamps, RFC3339Nano as the kubelet adds them. */
export function formatLog(log: ContainerLog, query: LogQuery = {}): string {
  let lines = log.lines;
  if (query.sinceMs !== undefined) {
    const since = query.sinceMs;
    lines = lines.filter((l) => l.t >= since);
  }
  if (query.tail !== undefined && query.tail >= 0) lines = query.tail === 0 ? [] : lines.slice(-query.tail);
  return lines.map((l) => (query.timestamps ? `${rfc3339Nano(l.t)} ${l.text}\n` : `${l.text}\n`)).join('');
}

function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  return `${iso.slice(0, 19)}.${iso.slice(20, 23)}000000Z`;
}
