import type { JsonValue } from '../../api/object';

/**
 * A JSON reader that fails with the same texts as Go's `encoding/json` scanner, because the
 * apiserver returns those texts verbatim in its 400 BadRequest for a malformed PATCH body.
 */
export type GoJsonResult = { ok: true; value: JsonValue } | { ok: false; message: string };

class SyntaxError_ {
  constructor(readonly message: string) {}
}

export function parseGoJson(text: string): GoJsonResult {
  const p = new Scanner(text);
  try {
    p.skipSpace();
    const value = p.value();
    p.skipSpace();
    if (p.pos < text.length) p.fail('after top-level value');
    return { ok: true, value };
  } catch (e) {
    if (e instanceof SyntaxError_) return { ok: false, message: e.message };
    throw e;
  }
}

/** Go's `quoteChar`: the offending character as it appears in `invalid character '…'`. */
function quoteChar(c: string): string {
  if (c === "'") return `'\\''`;
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c).slice(1, -1);
  return `'${q}'`;
}

class Scanner {
  pos = 0;
  constructor(private readonly s: string) {}

  fail(context: string): never {
    if (this.pos >= this.s.length) throw new SyntaxError_('unexpected end of JSON input');
    throw new SyntaxError_(`invalid character ${quoteChar(this.s[this.pos])} ${context}`);
  }

  skipSpace(): void {
    while (this.pos < this.s.length && ' \t\r\n'.includes(this.s[this.pos])) this.pos++;
  }

  value(): JsonValue {
    const c = this.s[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, v: JsonValue): JsonValue {
    for (let i = 0; i < word.length; i++, this.pos++) {
      if (this.s[this.pos] !== word[i]) this.fail(`in literal ${word} (expecting ${quoteChar(word[i])})`);
    }
    return v;
  }

  private object(): JsonValue {
    const out: { [k: string]: JsonValue } = {};
    this.pos++;
    this.skipSpace();
    if (this.s[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      if (this.s[this.pos] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.s[this.pos] !== ':') this.fail('after object key');
      this.pos++;
      this.skipSpace();
      out[key] = this.value();
      this.skipSpace();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        this.skipSpace();
        continue;
      }
      if (c === '}') {
        this.pos++;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }

  private array(): JsonValue {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipSpace();
    if (this.s[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      out.push(this.value());
      this.skipSpace();
      const c = this.s[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return out;
      }
      this.fail('after array element');
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      if (this.pos >= this.s.length) this.fail('');
      const c = this.s[this.pos];
      if (c === '"') break;
      if (c < ' ') this.fail('in string literal');
      if (c === '\\') {
        this.pos++;
        const e = this.s[this.pos];
        if (e === undefined) this.fail('');
        if (e === 'u') {
          for (let i = 0; i < 4; i++) {
            this.pos++;
            if (!/[0-9a-fA-F]/.test(this.s[this.pos] ?? '')) this.fail('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) this.fail('in string escape code');
      }
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.s.slice(start, this.pos)) as string;
  }

  private number(): number {
    const start = this.pos;
    if (this.s[this.pos] === '-') {
      this.pos++;
      if (!this.isDigit()) this.fail('in numeric literal');
    }
    if (this.s[this.pos] === '0') this.pos++;
    else while (this.isDigit()) this.pos++;
    if (this.s[this.pos] === '.') {
      this.pos++;
      if (!this.isDigit()) this.fail('after decimal point in numeric literal');
      while (this.isDigit()) this.pos++;
    }
    if (this.s[this.pos] === 'e' || this.s[this.pos] === 'E') {
      this.pos++;
      if (this.s[this.pos] === '+' || this.s[this.pos] === '-') this.pos++;
      if (!this.isDigit()) this.fail('in exponent of numeric literal');
      while (this.isDigit()) this.pos++;
    }
    return Number(this.s.slice(start, this.pos));
  }

  private isDigit(): boolean {
    const c = this.s[this.pos];
    return c !== undefined && c >= '0' && c <= '9';
  }
}

/** Go's name for the JSON kind a value decoded as, for `json: cannot unmarshal X into …`. */
export function goJsonKind(v: JsonValue): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
