import { isObj, type Json } from '../client';

/**
 * Go's encoding/json for unstructured values: map keys sorted by bytes, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped, other control characters as \u00XX (Go 1.22+ writes \b and \f). kubectl's
 * `-o json` is json.MarshalIndent with four spaces, plus a newline.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
      out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: 'e' format with a two-digit minimum exponent and no '+' padding beyond it.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function goJson(v: Json, indent: string, prefix = '', sort = true): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'string') return goJsonString(v);
  const inner = prefix + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    if (!indent) return '[' + v.map((x) => goJson(x, indent, '', sort)).join(',') + ']';
    return '[\n' + v.map((x) => inner + goJson(x, indent, inner, sort)).join(',\n') + '\n' + prefix + ']';
  }
  if (isObj(v)) {
    const keys = sort ? Object.keys(v).sort(compareBytes) : Object.keys(v);
    if (keys.length === 0) return '{}';
    if (!indent)
      return '{' + keys.map((k) => goJsonString(k) + ':' + goJson(v[k], indent, '', sort)).join(',') + '}';
    return (
      '{\n' +
      keys.map((k) => inner + goJsonString(k) + ': ' + goJson(v[k], indent, inner, sort)).join(',\n') +
      '\n' +
      prefix +
      '}'
    );
  }
  return 'null';
}

export function toJson(v: Json, sort = true): string {
  return goJson(v, '    ', '', sort) + '\n';
}
