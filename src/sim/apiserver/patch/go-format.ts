import type { JsonValue } from '../../api/object';

/**
 * Formats a decoded JSON value the way Go's `fmt` verb `%v` prints a `map[string]interface{}` /
 * `[]interface{}` tree, because upstream error texts (missing merge key, bad element types, …)
 * embed values printed that way and learners compare them with what a real cluster says.
 */
export function goFormat(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort(byteCompare);
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

/** `%v` of an int64 or float64: integers print plainly, big floats in Go's `%g` exponent form. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]}e${m[2]}${m[3].padStart(2, '0')}`;
}

/** Go compares strings bytewise; for the keys and values we sort this is UTF-16 code-unit order. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
