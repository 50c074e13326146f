import { isObj, type Json } from '../client';
import { goSprint } from './custom-columns';

/**
 * A small subset of Go's text/template for `-o go-template=…`: `{{.a.b}}`, `{{.}}`, string
 * literals, `{{range .x}}…{{end}}`, `{{if .x}}…{{else}}…{{end}}`, `{{index .m "key"}}` and
 * `{{len .x}}`. Missing keys print `<no value>` (kubectl's default --allow-missing-template-keys).
 */
type Tok = { t: 'text'; s: string } | { t: 'action'; s: string };

export class TemplateError extends Error {}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ t: 'text', s: src.slice(i) });
      break;
    }
    if (open > i) out.push({ t: 'text', s: src.slice(i, open) });
    const close = src.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError('unclosed action');
    out.push({ t: 'action', s: src.slice(open + 2, close).trim() });
    i = close + 2;
  }
  return out;
}

const NO_VALUE = Symbol('no value');
type Val = Json | typeof NO_VALUE;

function field(dot: Val, path: string): Val {
  if (path === '.') return dot;
  let cur: Val = dot;
  for (const part of path.split('.').slice(1)) {
    if (!isObj(cur as Json) || !(part in (cur as Record<string, Json>))) return NO_VALUE;
    cur = (cur as Record<string, Json>)[part];
  }
  return cur;
}

function evalExpr(expr: string, dot: Val): Val {
  const words = expr.match(/"(?:\\.|[^"\\])*"|\S+/g) ?? [];
  const arg = (w: string): Val => (w.startsWith('"') ? (JSON.parse(w) as string) : field(dot, w));
  if (words[0] === 'index') {
    let cur = arg(words[1]);
    for (const k of words.slice(2)) {
      const key = arg(k);
      if (Array.isArray(cur) && typeof key === 'number') cur = cur[key] ?? NO_VALUE;
      else if (isObj(cur as Json) && typeof key === 'string')
        cur = (cur as Record<string, Json>)[key] ?? NO_VALUE;
      else cur = NO_VALUE;
    }
    return cur;
  }
  if (words[0] === 'len') {
    const v = arg(words[1]);
    return Array.isArray(v)
      ? v.length
      : isObj(v as Json)
        ? Object.keys(v as object).length
        : typeof v === 'string'
          ? v.length
          : 0;
  }
  if (words.length !== 1) throw new TemplateError(`function "${words[0]}" not defined`);
  return arg(words[0]);
}

function truthy(v: Val): boolean {
  if (v === NO_VALUE || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v as Json)) return Object.keys(v as object).length > 0;
  return true;
}

function text(v: Val): string {
  return v === NO_VALUE ? '<no value>' : goSprint(v);
}

export function executeGoTemplate(src: string, data: Json): string {
  const toks = lex(src);
  let pos = 0;
  const run = (dot: Val, stopAt: string[]): { out: string; stop: string } => {
    let out = '';
    while (pos < toks.length) {
      const tok = toks[pos++];
      if (tok.t === 'text') {
        out += tok.s;
        continue;
      }
      const a = tok.s;
      if (stopAt.includes(a)) return { out, stop: a };
      if (a.startsWith('range ')) {
        const v = evalExpr(a.slice(6), dot);
        const start = pos;
        const items = Array.isArray(v)
          ? v
          : isObj(v as Json)
            ? Object.keys(v as object)
                .sort()
                .map((k) => (v as Record<string, Json>)[k])
            : [];
        if (items.length === 0) {
          run(dot, ['end']);
          continue;
        }
        for (const item of items) {
          pos = start;
          out += run(item, ['end']).out;
        }
        continue;
      }
      if (a.startsWith('if ')) {
        const cond = truthy(evalExpr(a.slice(3), dot));
        const first = run(dot, ['else', 'end']);
        let second = '';
        if (first.stop === 'else') second = run(dot, ['end']).out;
        out += cond ? first.out : second;
        continue;
      }
      if (a.startsWith('/*')) continue;
      out += text(evalExpr(a, dot));
    }
    return { out, stop: '' };
  };
  return run(data, []).out;
}
