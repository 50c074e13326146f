/**
 * Word expansion in POSIX order: parameters, command substitution and arithmetic, then
 * field splitting of unquoted results on whitespace, then pathname globbing. `"$@"` is
 * treated like `"$*"` (one field), a simplification scripts in pod specs rarely notice.
 */

import type { ListNode, Word, WordPart } from './ast';
import { glob, type FileSystem } from '../fs';

export interface ExpandContext {
  lookup(name: string): string | undefined;
  assign(name: string, value: string): void;
  /** Runs a `$(…)` to completion and returns its stdout. */
  substitute(script: ListNode): string;
  fs: FileSystem;
  cwd: string;
}

/** Expands to fields (argv words). */
export function expandWord(word: Word, ctx: ExpandContext): string[] {
  const fields: string[] = [];
  let cur = '';
  let has = false;
  let globbable = false;
  const finish = (): void => {
    if (!has) return;
    if (globbable) {
      const matches = glob(ctx.fs, cur, ctx.cwd);
      if (matches.length > 0) fields.push(...matches);
      else fields.push(cur);
    } else fields.push(cur);
    cur = '';
    has = false;
    globbable = false;
  };
  for (const part of word.parts) {
    const text = expandPart(part, ctx);
    if (part.q) {
      cur += text;
      has = true;
    } else if (part.k === 'lit') {
      cur += text;
      if (text !== '') has = true;
      if (/[*?[]/.test(text)) globbable = true;
    } else {
      const pieces = text.split(/[ \t\n]+/);
      for (let j = 0; j < pieces.length; j++) {
        if (j > 0) finish();
        if (pieces[j] !== '') {
          cur += pieces[j];
          has = true;
        }
      }
    }
  }
  finish();
  return fields;
}

/** Expands to one string without splitting or globbing (assignments, redirection targets, case). */
export function expandToString(word: Word, ctx: ExpandContext): string {
  return word.parts.map((p) => expandPart(p, ctx)).join('');
}

function expandPart(part: WordPart, ctx: ExpandContext): string {
  switch (part.k) {
    case 'lit':
      return part.v;
    case 'cmdsub':
      return ctx.substitute(part.script).replace(/\n+$/, '');
    case 'arith':
      return String(evalArith(expandToString(part.expr, ctx), ctx));
    case 'param': {
      const value = ctx.lookup(part.name);
      switch (part.op) {
        case undefined:
          return value ?? '';
        case '#':
          return String((value ?? '').length);
        case ':-':
          return value === undefined || value === '' ? expandToString(part.arg ?? { parts: [] }, ctx) : value;
        case '-':
          return value === undefined ? expandToString(part.arg ?? { parts: [] }, ctx) : value;
        case ':=':
        case '=': {
          const unset = value === undefined || (part.op === ':=' && value === '');
          if (!unset) return value;
          const v = expandToString(part.arg ?? { parts: [] }, ctx);
          ctx.assign(part.name, v);
          return v;
        }
        case ':+':
          return value === undefined || value === '' ? '' : expandToString(part.arg ?? { parts: [] }, ctx);
        case '+':
          return value === undefined ? '' : expandToString(part.arg ?? { parts: [] }, ctx);
        case ':?':
        case '?':
          return value ?? '';
      }
    }
  }
}

/** `$(( … ))`: integer arithmetic with C precedence; unknown or empty variables are 0. */
export function evalArith(src: string, ctx: Pick<ExpandContext, 'lookup' | 'assign'>): number {
  const toks =
    src.match(
      /\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|<=|>=|==|!=|&&|\|\||<<|>>|\+=|-=|\*=|\/=|[-+*/%()<>!~^&|=?:]/g,
    ) ?? [];
  let i = 0;
  const num = (name: string): number => {
    const v = Number.parseInt(ctx.lookup(name) ?? '0', 10);
    return Number.isNaN(v) ? 0 : v;
  };
  const BIN: Record<string, [number, (a: number, b: number) => number]> = {
    '||': [1, (a, b) => (a || b ? 1 : 0)],
    '&&': [2, (a, b) => (a && b ? 1 : 0)],
    '|': [3, (a, b) => a | b],
    '^': [4, (a, b) => a ^ b],
    '&': [5, (a, b) => a & b],
    '==': [6, (a, b) => (a === b ? 1 : 0)],
    '!=': [6, (a, b) => (a !== b ? 1 : 0)],
    '<': [7, (a, b) => (a < b ? 1 : 0)],
    '>': [7, (a, b) => (a > b ? 1 : 0)],
    '<=': [7, (a, b) => (a <= b ? 1 : 0)],
    '>=': [7, (a, b) => (a >= b ? 1 : 0)],
    '<<': [8, (a, b) => a << b],
    '>>': [8, (a, b) => a >> b],
    '+': [9, (a, b) => a + b],
    '-': [9, (a, b) => a - b],
    '*': [10, (a, b) => a * b],
    '/': [10, (a, b) => (b === 0 ? 0 : Math.trunc(a / b))],
    '%': [10, (a, b) => (b === 0 ? 0 : a % b)],
    '**': [11, (a, b) => a ** b],
  };
  const primary = (): number => {
    const t = toks[i++];
    if (t === undefined) return 0;
    if (t === '(') {
      const v = expr(0);
      i++; // ')'
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === '~') return ~primary();
    if (/^\d/.test(t)) return Number.parseInt(t, 10);
    const op = toks[i];
    if (op === '=' || op === '+=' || op === '-=' || op === '*=' || op === '/=') {
      i++;
      const rhs = expr(0);
      const v =
        op === '='
          ? rhs
          : op === '+='
            ? num(t) + rhs
            : op === '-='
              ? num(t) - rhs
              : op === '*='
                ? num(t) * rhs
                : rhs === 0
                  ? 0
                  : Math.trunc(num(t) / rhs);
      ctx.assign(t, String(v));
      return v;
    }
    return num(t);
  };
  const expr = (minPrec: number): number => {
    let left = primary();
    for (;;) {
      const op = toks[i];
      if (op === '?' && minPrec === 0) {
        i++;
        const a = expr(0);
        i++; // ':'
        const b = expr(0);
        left = left ? a : b;
        continue;
      }
      const entry = op === undefined ? undefined : BIN[op];
      if (!entry || entry[0] < minPrec || entry[0] === 0) return left;
      i++;
      const right = expr(entry[0] + (op === '**' ? 0 : 1));
      left = entry[1](left, right) | 0;
    }
  };
  return expr(0);
}
