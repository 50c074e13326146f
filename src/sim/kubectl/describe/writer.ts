import { isObj, type Json, type JsonObj } from '../client';
import { humanDuration } from '../../apiserver/printers/duration';
import { goSort } from '../gosort';
import { TabWriter } from '../printers/tabwriter';

/**
 * describe.go's PrefixWriter over tabbedString's tabwriter (minwidth 0, padding 2): every level
 * indents two spaces, and all of one describer's output is aligned in a single flush.
 */
export class PrefixWriter {
  private readonly tw = new TabWriter(0, 2);
  write(level: number, text: string): void {
    this.tw.write('  '.repeat(level) + text);
  }
  line(text: string): void {
    this.tw.write(text + '\n');
  }
  done(): string {
    return this.tw.flush();
  }
}

export function obj(v: Json | undefined): JsonObj {
  return isObj(v) ? v : {};
}
export function arr(v: Json | undefined): JsonObj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}
export function str(v: Json | undefined): string {
  return v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);
}
export function num(v: Json | undefined): number {
  return typeof v === 'number' ? v : 0;
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** printLabelsMultilineWithIndent */
export function printLabels(
  w: PrefixWriter,
  title: string,
  labels: Json | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const m = obj(labels);
  const keys = Object.keys(m).sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, initialIndent + innerIndent);
    w.write(0, `${k}=${str(m[k])}\n`);
  });
}

/** printAnnotationsMultiline: last-applied skipped, long values folded and shortened. */
export function printAnnotations(w: PrefixWriter, title: string, annotations: Json | undefined): void {
  w.write(0, `${title}:\t`);
  const m = obj(annotations);
  const keys = Object.keys(m)
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, '\t');
    const value = str(m[k]).replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) {
        const short = s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s;
        w.write(0, `\t  ${short}\n`);
      }
    } else w.write(0, `${k}: ${value}\n`);
  });
}

/** printTolerationsMultilineWithIndent */
export function printTolerations(
  w: PrefixWriter,
  title: string,
  tolerations: Json | undefined,
  initialIndent = '',
): void {
  w.write(0, `${initialIndent}${title}:\t`);
  const list = arr(tolerations).sort((a, b) =>
    str(a.key) < str(b.key) ? -1 : str(a.key) > str(b.key) ? 1 : 0,
  );
  if (list.length === 0) {
    w.line('<none>');
    return;
  }
  list.forEach((t, i) => {
    if (i !== 0) w.write(0, initialIndent + '\t');
    let s = str(t.key);
    if (str(t.value)) s += `=${str(t.value)}`;
    if (str(t.effect)) s += `:${str(t.effect)}`;
    if (t.operator === 'Exists' && !str(t.value))
      s += str(t.key) || str(t.effect) ? ' op=Exists' : 'op=Exists';
    if (typeof t.tolerationSeconds === 'number') s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** metav1.FormatLabelSelector */
export function formatSelector(sel: Json | undefined): string {
  if (!isObj(sel)) return '<none>';
  const parts: string[] = [];
  const ml = obj(sel.matchLabels);
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${str(ml[k])}`);
  for (const e of arr(sel.matchExpressions)) {
    const values = Array.isArray(e.values) ? e.values.map(str) : [];
    const op = str(e.operator);
    if (op === 'In') parts.push(`${str(e.key)} in (${values.join(',')})`);
    else if (op === 'NotIn') parts.push(`${str(e.key)} notin (${values.join(',')})`);
    else if (op === 'Exists') parts.push(str(e.key));
    else if (op === 'DoesNotExist') parts.push(`!${str(e.key)}`);
  }
  const s = parts.join(',');
  return s === '' ? '<none>' : s;
}

/** Go's time.RFC1123Z in UTC: `Thu, 01 Jan 2026 00:00:31 +0000`. */
export function rfc1123z(ts: Json | undefined): string {
  const t = Date.parse(str(ts));
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function since(ts: Json | undefined, nowMs: number): string {
  const t = Date.parse(str(ts));
  if (!str(ts) || Number.isNaN(t)) return '<unknown>';
  return humanDuration(nowMs - t);
}

/** DescribeEvents */
export function describeEvents(w: PrefixWriter, events: JsonObj[] | undefined, nowMs: number): void {
  if (!events) return;
  if (events.length === 0) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  // SortableEvents: lastTimestamp (else eventTime) with Go's unstable sort.Sort, ties included.
  const at = (e: JsonObj) => Date.parse(str(e.lastTimestamp || e.eventTime)) || 0;
  const sorted = goSort([...events], (a, b) => at(a) < at(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? since(e.eventTime, nowMs) : since(e.firstTimestamp, nowMs);
    let interval = first;
    const series = obj(e.series);
    if (isObj(e.series))
      interval = `${since(series.lastObservedTime, nowMs)} (x${num(series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(e.lastTimestamp, nowMs)} (x${num(e.count)} over ${first})`;
    const source = str(obj(e.source).component) || str(e.reportingComponent) || str(e.reportingController);
    w.write(1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}
