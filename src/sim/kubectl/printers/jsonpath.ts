import { isObj, type Json } from '../client';
import { goJson } from './json';

/**
 * client-go's util/jsonpath: the template parser (parser.go) and evaluator (jsonpath.go), for
 * unstructured JSON values. Map iteration, which is random in Go, goes in sorted key order here.
 */

type Node =
  | { t: 'text'; text: string }
  | { t: 'list'; nodes: Node[] }
  | { t: 'field'; name: string }
  | { t: 'array'; params: Param[] }
  | { t: 'filter'; left: Node; right: Node; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: Node[] }
  | { t: 'identifier'; name: string };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

export class JsonPathError extends Error {}

const EOF = '';

class Parser {
  root: { t: 'list'; nodes: Node[] } = { t: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  constructor(private readonly input: string) {}

  parse(): void {
    this.parseText(this.root);
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.pos++;
      return EOF;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0);
    this.pos += ch.length;
    return ch;
  }
  private peek(): string {
    const p = this.pos;
    const r = this.next();
    this.pos = p;
    return r;
  }
  private backup(): void {
    this.pos--;
    // Step over the low half of a surrogate pair.
    if (this.pos > 0 && /[\uDC00-\uDFFF]/.test(this.input[this.pos] ?? '')) this.pos--;
  }
  private consumeText(): string {
    const v = this.input.slice(this.start, Math.min(this.pos, this.input.length));
    this.start = this.pos;
    return v;
  }

  private parseText(cur: { nodes: Node[] }): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    this.pos = Math.min(this.pos, this.input.length);
    if (this.pos > this.start) cur.nodes.push({ t: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: { nodes: Node[] }): void {
    this.pos += 1;
    this.consumeText();
    const list: { t: 'list'; nodes: Node[] } = { t: 'list', nodes: [] };
    cur.nodes.push(list);
    this.parseInsideAction(list);
  }

  private parseInsideAction(cur: { t: 'list'; nodes: Node[] }): void {
    const rest = this.input.slice(this.pos);
    if (rest.startsWith('}')) {
      this.pos += 1;
      this.consumeText();
      return this.parseText(this.root);
    }
    if (rest.startsWith('[?(')) return this.parseFilter(cur);
    if (rest.startsWith('..')) return this.parseRecursive(cur);
    const r = this.next();
    if (r === EOF || r === '\n' || r === '\r') throw new JsonPathError('unclosed action');
    if (r === ' ') this.consumeText();
    else if (r === '@' || r === '$') this.consumeText();
    else if (r === '[') return this.parseArray(cur);
    else if (r === '"' || r === "'") return this.parseQuote(cur, r);
    else if (r === '.') return this.parseField(cur);
    else if (r === '+' || r === '-' || /\d/.test(r)) {
      this.backup();
      return this.parseNumber(cur);
    } else if (/[\p{L}\p{N}_]/u.test(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    } else
      throw new JsonPathError(
        `unrecognized character in action: U+${(r.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${r}'`,
      );
    return this.parseInsideAction(cur);
  }

  private parseIdentifier(cur: { t: 'list'; nodes: Node[] }): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
    return this.parseInsideAction(cur);
  }

  private parseRecursive(cur: { t: 'list'; nodes: Node[] }): void {
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ t: 'recursive' });
    if (/[\p{L}\p{N}_]/u.test(this.peek())) return this.parseField(cur);
    return this.parseInsideAction(cur);
  }

  private parseNumber(cur: { t: 'list'; nodes: Node[] }): void {
    const r = this.peek();
    if (r === '+' || r === '-') this.next();
    for (;;) {
      const c = this.next();
      if (c !== '.' && !/\d/.test(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ t: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ t: 'float', value: Number(value) });
    else throw new JsonPathError(`cannot parse number ${value}`);
    return this.parseInsideAction(cur);
  }

  private parseArray(cur: { t: 'list'; nodes: Node[] }): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === '\n') throw new JsonPathError('unterminated array');
      if (c === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: Node[] = strs.map((s) => parseAction(`[${s.trim()}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return this.parseInsideAction(cur);
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      // As upstream: `['a.b']` is the path `.a.b` (escape dots in keys with `\.`).
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return this.parseInsideAction(cur);
    }
    const m = /^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$/.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const parts = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = parts[i];
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^-?\d+$/.test(v)) throw new JsonPathError(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ t: 'array', params });
    return this.parseInsideAction(cur);
  }

  private parseFilter(cur: { t: 'list'; nodes: Node[] }): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') throw new JsonPathError('unterminated filter');
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') throw new JsonPathError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/s.exec(text);
    if (!m)
      cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
    return this.parseInsideAction(cur);
  }

  private parseQuote(cur: { t: 'list'; nodes: Node[] }, end: string): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === '\n') throw new JsonPathError('unterminated quoted string');
      if (c === '\\') {
        const n = this.next();
        if (n === EOF || n === '\n') throw new JsonPathError('unterminated quoted string');
        continue;
      }
      if (c === end) break;
    }
    const value = this.consumeText();
    cur.nodes.push({ t: 'text', text: unquote(value) });
    return this.parseInsideAction(cur);
  }

  private parseField(cur: { t: 'list'; nodes: Node[] }): void {
    this.consumeText();
    for (;;) {
      const r = this.next();
      if (r === '\\') this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
    return this.parseInsideAction(cur);
  }
}

function isTerminator(r: string): boolean {
  return r === EOF || ' \t\r\n.,[]$@{}'.includes(r);
}

/** strconv.Unquote for '…' and "…" (UnquoteExtend). */
function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case 'u':
      case 'x':
        return String.fromCharCode(parseInt(e.slice(1), 16));
      default:
        return e;
    }
  });
}

function parseAction(text: string): { t: 'list'; nodes: Node[] } {
  const p = new Parser(`{${text}}`);
  p.parse();
  const first = p.root.nodes[0];
  if (!first || first.t !== 'list') throw new JsonPathError(`invalid action ${text}`);
  return first;
}

export function parseJsonPath(template: string): Node[] {
  const p = new Parser(template);
  p.parse();
  return p.root.nodes;
}

type Value = Json | undefined;

export class JsonPath {
  private nodes: Node[];
  allowMissingKeys = false;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  constructor(readonly template: string) {
    this.nodes = parseJsonPath(template);
  }

  /** Executes the template on `data`, returning the printed text. */
  execute(data: Json): string {
    let out = '';
    for (const results of this.findResults(data, this.nodes)) out += printResults(results);
    return out;
  }

  /** The raw result groups (custom-columns prints them itself). */
  findResults(data: Value, nodes: Node[] = this.nodes): Value[][] {
    const full: Value[][] = [];
    const cur: Value[] = [data];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) for (const v of results) full.push(...this.findResults(v, rest));
        else this.findResults(undefined, rest);
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++)
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list':
        return node.nodes.reduce<Value[]>((cur, n) => this.walk(cur, n), input);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(input, node.name);
      case 'array':
        return this.evalArray(input, node.params);
      case 'filter':
        return this.evalFilter(input, node);
      case 'int':
      case 'float':
        return [node.value];
      case 'bool':
        return [node.value];
      case 'wildcard':
        return input.flatMap((v) =>
          Array.isArray(v)
            ? v
            : isObj(v)
              ? Object.keys(v)
                  .sort()
                  .map((k) => v[k])
              : [],
        );
      case 'recursive':
        return this.evalRecursive(input);
      case 'union':
        return node.nodes.flatMap((n) => this.walk(input, n));
      case 'identifier':
        if (node.name === 'range') {
          this.beginRange++;
          return input;
        }
        if (node.name === 'end') {
          if (this.inRange > 0) {
            this.endRange++;
            return input;
          }
          throw new JsonPathError('not in range, nothing to end');
        }
        throw new JsonPathError(`unrecognized identifier ${node.name}`);
    }
  }

  private evalField(input: Value[], name: string): Value[] {
    if (input.length === 0) return [];
    const results: Value[] = [];
    for (const v of input) {
      if (v === undefined || v === null) continue;
      if (name === '') {
        results.push(v);
        continue;
      }
      if (isObj(v) && Object.prototype.hasOwnProperty.call(v, name)) results.push(v[name]);
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], params: Param[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === undefined || v === null) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${goTypeName(v)} is not array or slice`);
      const len = v.length;
      const p = params.map((x) => ({ ...x }));
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value !== p[0].value) {
        if (p[0].value >= len || p[0].value < 0)
          throw new JsonPathError(`array index out of bounds: index ${p[0].value}, length ${len}`);
        if (p[1].value > len || p[1].value < 0)
          throw new JsonPathError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
        if (p[0].value > p[1].value)
          throw new JsonPathError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      } else continue;
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: Node; right: Node; op: string }): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (v === undefined || v === null) continue;
      if (!Array.isArray(v))
        throw new JsonPathError(`${goTypeName(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Value[];
        try {
          lefts = this.walk([item], node.left);
        } catch (e) {
          if (node.op === 'exists') continue;
          throw e;
        }
        if (node.op === 'exists') {
          if (lefts.length > 0) results.push(item);
          continue;
        }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        if (compare(lefts[0], rights[0], node.op)) results.push(item);
      }
    }
    return results;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === undefined || v === null) continue;
      let children: Value[] = [];
      if (isObj(v))
        children = Object.keys(v)
          .sort()
          .map((k) => v[k]);
      else if (Array.isArray(v)) children = v;
      if (children.length > 0) {
        result.push(v);
        result.push(...this.evalRecursive(children));
      }
    }
    return result;
  }
}

function goTypeName(v: Json): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (isObj(v)) return 'map[string]interface {}';
  return 'interface {}';
}

function compare(a: Value, b: Value, op: string): boolean {
  if (typeof a !== typeof b && !(typeof a === 'number' && typeof b === 'number'))
    throw new JsonPathError('incompatible types for comparison');
  const x = a as string | number | boolean;
  const y = b as string | number | boolean;
  switch (op) {
    case '==':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
  throw new JsonPathError(`unrecognized filter operator ${op}`);
}

/** Go fmt.Sprint of a float64 (%v: shortest 'g', exponent at 21 and beyond). */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Text of one value as jsonpath prints it: maps and arrays as compact JSON, the rest with %v. */
export function valueText(v: Value): string {
  if (v === undefined) return '';
  if (Array.isArray(v) || isObj(v)) return goJson(v, '');
  if (v === null) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

function printResults(results: Value[]): string {
  return results.map((r, i) => valueText(r) + (i !== results.length - 1 ? ' ' : '')).join('');
}

/**
 * RelaxedJSONPathExpression from kubectl's get: `.a.b`, `a.b`, `{a.b}` and `{.a.b}` all mean `{.a.b}`.
 */
export function relaxedJsonPath(path: string): string {
  if (path.length === 0) return path;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(path);
  if (!m)
    throw new JsonPathError(
      "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    );
  return `{.${m[1] ?? m[2]}}`;
}
