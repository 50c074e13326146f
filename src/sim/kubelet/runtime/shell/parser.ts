/**
 * A recursive-descent parser for the sh subset scripts in pod specs use: lists, `&&`/`||`,
 * pipes, `if`/`while`/`until`/`for`/`case`, `{ }` and `( )`, quoting, parameter,
 * command and arithmetic expansion, redirections and comments. Functions, here-documents
 * and background jobs are not parsed (`&` is treated as `;`).
 */

import type {
  AndOrNode,
  CaseNode,
  CommandNode,
  ForNode,
  IfNode,
  ListNode,
  ParamOp,
  PipelineNode,
  Redirect,
  SimpleNode,
  WhileNode,
  Word,
  WordPart,
} from './ast';

export type ParseResult = { ok: true; script: ListNode } | { ok: false; error: string };

type Token =
  | { t: 'word'; word: Word; raw: string; quoted: boolean }
  | { t: 'op'; v: string }
  | { t: 'redir'; fd: number; op: Redirect['op'] }
  | { t: 'eof' };

class SyntaxError_ {
  constructor(public message: string) {}
}

const RESERVED = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'in',
  'case',
  'esac',
  '{',
  '}',
  '!',
]);
const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);

export function parseScript(src: string): ParseResult {
  try {
    const p = new Parser(src);
    const script = p.parseList(new Set());
    p.expectEof();
    return { ok: true, script };
  } catch (e) {
    if (e instanceof SyntaxError_) return { ok: false, error: e.message };
    throw e;
  }
}

/** A word made of one literal, for argv given directly (no shell involved). */
export function literalWord(v: string): Word {
  return { parts: [{ k: 'lit', v, q: true }] };
}

class Parser {
  private pos = 0;
  private peeked: Token | undefined;

  constructor(private readonly src: string) {}

  // ---- lexer ----

  private skipBlanks(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private lex(): Token {
    this.skipBlanks();
    const s = this.src;
    if (this.pos >= s.length) return { t: 'eof' };
    const c = s[this.pos];
    const two = s.slice(this.pos, this.pos + 2);
    // An IO number: digits glued to a redirection operator.
    const io = /^(\d)(>>|>&|>|<)/.exec(s.slice(this.pos, this.pos + 3));
    if (io) {
      this.pos += io[0].length;
      return { t: 'redir', fd: Number(io[1]), op: io[2] as Redirect['op'] };
    }
    if (two === '&>') {
      this.pos += 2;
      return { t: 'redir', fd: -1, op: '>' };
    }
    if (two === '>>' || two === '>&') {
      this.pos += 2;
      return { t: 'redir', fd: 1, op: two };
    }
    if (c === '>' || c === '<') {
      this.pos++;
      return { t: 'redir', fd: c === '<' ? 0 : 1, op: c };
    }
    if (two === '&&' || two === '||' || two === ';;') {
      this.pos += 2;
      return { t: 'op', v: two };
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '\n') {
      this.pos++;
      return { t: 'op', v: c };
    }
    const start = this.pos;
    const { word, quoted } = this.lexWord();
    return { t: 'word', word, raw: s.slice(start, this.pos), quoted };
  }

  private lexWord(): { word: Word; quoted: boolean } {
    const s = this.src;
    const parts: WordPart[] = [];
    let quoted = false;
    let lit = '';
    const flush = (q: boolean): void => {
      if (lit !== '') parts.push({ k: 'lit', v: lit, q });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (' \t\n;&|()<>'.includes(c)) break;
      if (c === '\\') {
        flush(false);
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        if (this.pos + 1 < s.length) parts.push({ k: 'lit', v: s[this.pos + 1], q: true });
        this.pos += 2;
        quoted = true;
      } else if (c === "'") {
        flush(false);
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new SyntaxError_('syntax error: unterminated quoted string');
        parts.push({ k: 'lit', v: s.slice(this.pos + 1, end), q: true });
        this.pos = end + 1;
        quoted = true;
      } else if (c === '"') {
        flush(false);
        this.pos++;
        this.lexDoubleQuoted(parts);
        quoted = true;
      } else if (c === '$' || c === '`') {
        const exp = this.lexDollar(false);
        if (exp) {
          flush(false);
          parts.push(exp);
        } else {
          lit += c;
          this.pos++;
        }
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush(false);
    return { word: { parts }, quoted };
  }

  private lexDoubleQuoted(parts: WordPart[]): void {
    const s = this.src;
    let lit = '';
    let any = false;
    const flush = (): void => {
      if (lit !== '' || !any) parts.push({ k: 'lit', v: lit, q: true });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '"') {
        this.pos++;
        flush();
        return;
      }
      if (c === '\\' && '$`"\\\n'.includes(s[this.pos + 1] ?? '')) {
        if (s[this.pos + 1] !== '\n') lit += s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        const exp = this.lexDollar(true);
        if (exp) {
          if (lit !== '') parts.push({ k: 'lit', v: lit, q: true });
          lit = '';
          any = true;
          parts.push(exp);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    throw new SyntaxError_('syntax error: unterminated quoted string');
  }

  /** `$name`, `${…}`, `$(…)`, `$((…))` or a backquote; undefined if `$` is literal. */
  private lexDollar(q: boolean): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') {
      const end = s.indexOf('`', this.pos + 1);
      if (end < 0) throw new SyntaxError_('syntax error: unterminated quoted string');
      const inner = s.slice(this.pos + 1, end).replace(/\\([`$\\])/g, '$1');
      this.pos = end + 1;
      return { k: 'cmdsub', script: subScript(inner), q };
    }
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      const end = matchClose(s, this.pos + 3, 2);
      const inner = s.slice(this.pos + 3, end - 1);
      this.pos = end + 1;
      return { k: 'arith', expr: subWord(inner), q };
    }
    if (n === '(') {
      const end = matchClose(s, this.pos + 2, 1);
      const inner = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      return { k: 'cmdsub', script: subScript(inner), q };
    }
    if (n === '{') {
      const end = s.indexOf('}', this.pos + 2);
      if (end < 0) throw new SyntaxError_('syntax error: missing }');
      const body = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      if (body.startsWith('#') && body.length > 1) return { k: 'param', name: body.slice(1), op: '#', q };
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*!-])(:?[-=+?])?([\s\S]*)$/.exec(body);
      if (!m) throw new SyntaxError_(`syntax error: bad substitution`);
      if (!m[2]) {
        if (m[3] !== '') throw new SyntaxError_(`syntax error: bad substitution`);
        return { k: 'param', name: m[1], q };
      }
      return { k: 'param', name: m[1], op: m[2] as ParamOp, arg: subWord(m[3]), q };
    }
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!-])/.exec(s.slice(this.pos + 1));
    if (!m) return undefined;
    this.pos += 1 + m[0].length;
    return { k: 'param', name: m[0], q };
  }

  /** The first token as a word (used to parse text embedded in `${…}` and `$((…))`). */
  lexOneWord(): Word {
    const t = this.next();
    return t.t === 'word' ? t.word : { parts: [] };
  }

  // ---- grammar ----

  expectEof(): void {
    const t = this.peek();
    if (t.t !== 'eof') throw new SyntaxError_(`syntax error: unexpected "${tokenText(t)}"`);
  }

  private skipNewlines(): void {
    for (let t = this.peek(); t.t === 'op' && t.v === '\n'; t = this.peek()) this.next();
  }

  private isKeyword(t: Token, kw: string): boolean {
    return t.t === 'word' && !t.quoted && t.raw === kw;
  }

  parseList(stop: Set<string>): ListNode {
    const items: AndOrNode[] = [];
    for (;;) {
      this.skipNewlinesAndSemis(items.length === 0);
      const t = this.peek();
      if (t.t === 'eof') break;
      if (t.t === 'op' && (t.v === ')' || t.v === ';;')) break;
      if (t.t === 'word' && !t.quoted && (stop.has(t.raw) || LIST_END.has(t.raw))) break;
      items.push(this.parseAndOr());
      const sep = this.peek();
      if (sep.t === 'op' && (sep.v === ';' || sep.v === '&' || sep.v === '\n')) {
        this.next();
        continue;
      }
      break;
    }
    return { type: 'list', items };
  }

  private skipNewlinesAndSemis(atStart: boolean): void {
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && t.v === '\n') this.next();
      else if (t.t === 'op' && t.v === ';' && !atStart) this.next();
      else if (t.t === 'op' && t.v === ';' && atStart) throw new SyntaxError_('syntax error: unexpected ";"');
      else return;
    }
  }

  private parseAndOr(): AndOrNode {
    const first = this.parsePipeline();
    const rest: AndOrNode['rest'] = [];
    for (let t = this.peek(); t.t === 'op' && (t.v === '&&' || t.v === '||'); t = this.peek()) {
      this.next();
      this.skipNewlines();
      rest.push({ op: t.v as '&&' | '||', node: this.parsePipeline() });
    }
    return { type: 'andor', first, rest };
  }

  private parsePipeline(): PipelineNode {
    let negate = false;
    if (this.isKeyword(this.peek(), '!')) {
      this.next();
      negate = true;
    }
    const cmds: CommandNode[] = [this.parseCommand()];
    for (let t = this.peek(); t.t === 'op' && t.v === '|'; t = this.peek()) {
      this.next();
      this.skipNewlines();
      cmds.push(this.parseCommand());
    }
    return { type: 'pipeline', negate, cmds };
  }

  private parseCommand(): CommandNode {
    const t = this.peek();
    if (t.t === 'op' && t.v === '(') {
      this.next();
      const body = this.parseList(new Set());
      this.expectOp(')');
      return { type: 'group', subshell: true, body };
    }
    if (t.t === 'word' && !t.quoted) {
      switch (t.raw) {
        case 'if':
          return this.parseIf();
        case 'while':
        case 'until':
          return this.parseWhile(t.raw === 'until');
        case 'for':
          return this.parseFor();
        case 'case':
          return this.parseCase();
        case '{': {
          this.next();
          const body = this.parseList(new Set(['}']));
          this.expectKeyword('}');
          return { type: 'group', subshell: false, body };
        }
        default:
          if (RESERVED.has(t.raw)) throw new SyntaxError_(`syntax error: unexpected "${t.raw}"`);
      }
    }
    return this.parseSimple();
  }

  private parseSimple(): SimpleNode {
    const node: SimpleNode = { type: 'simple', assigns: [], words: [], redirs: [] };
    for (;;) {
      const t = this.peek();
      if (t.t === 'redir') {
        this.next();
        const target = this.next();
        if (target.t !== 'word')
          throw new SyntaxError_(
            `syntax error: unexpected ${target.t === 'eof' ? 'end of file' : `"${tokenText(target)}"`}`,
          );
        if (t.fd === -1) {
          node.redirs.push({ fd: 1, op: '>', target: target.word });
          node.redirs.push({ fd: 2, op: '>&', target: { parts: [{ k: 'lit', v: '1', q: false }] } });
        } else node.redirs.push({ fd: t.fd, op: t.op, target: target.word });
        continue;
      }
      if (t.t !== 'word') break;
      if (node.words.length > 0 || !/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.raw)) {
        if (node.words.length === 0 && node.assigns.length === 0 && !t.quoted && LIST_END.has(t.raw)) break;
        this.next();
        node.words.push(t.word);
        continue;
      }
      this.next();
      const eq = t.raw.indexOf('=');
      node.assigns.push({ name: t.raw.slice(0, eq), value: dropPrefix(t.word, eq + 1) });
    }
    if (node.words.length === 0 && node.assigns.length === 0 && node.redirs.length === 0) {
      const t = this.peek();
      throw new SyntaxError_(
        t.t === 'eof' ? 'syntax error: unexpected end of file' : `syntax error: unexpected "${tokenText(t)}"`,
      );
    }
    return node;
  }

  private parseIf(): IfNode {
    this.expectKeyword('if');
    const clauses: IfNode['clauses'] = [];
    let cond = this.parseList(new Set(['then']));
    this.expectKeyword('then');
    clauses.push({ cond, body: this.parseList(new Set()) });
    for (;;) {
      const t = this.peek();
      if (this.isKeyword(t, 'elif')) {
        this.next();
        cond = this.parseList(new Set(['then']));
        this.expectKeyword('then');
        clauses.push({ cond, body: this.parseList(new Set()) });
      } else if (this.isKeyword(t, 'else')) {
        this.next();
        const elseBody = this.parseList(new Set());
        this.expectKeyword('fi');
        return { type: 'if', clauses, elseBody };
      } else {
        this.expectKeyword('fi');
        return { type: 'if', clauses };
      }
    }
  }

  private parseWhile(until: boolean): WhileNode {
    this.next();
    const cond = this.parseList(new Set(['do']));
    this.expectKeyword('do');
    const body = this.parseList(new Set());
    this.expectKeyword('done');
    return { type: 'while', until, cond, body };
  }

  private parseFor(): ForNode {
    this.next();
    const nameTok = this.next();
    if (nameTok.t !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameTok.raw))
      throw new SyntaxError_('syntax error: bad for loop variable');
    this.skipNewlines();
    let items: Word[] | undefined;
    if (this.isKeyword(this.peek(), 'in')) {
      this.next();
      items = [];
      for (let t = this.peek(); t.t === 'word'; t = this.peek()) {
        this.next();
        items.push(t.word);
      }
    }
    const sep = this.peek();
    if (sep.t === 'op' && (sep.v === ';' || sep.v === '\n')) this.next();
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.parseList(new Set());
    this.expectKeyword('done');
    const node: ForNode = { type: 'for', name: nameTok.raw, body };
    if (items) node.items = items;
    return node;
  }

  private parseCase(): CaseNode {
    this.next();
    const subj = this.next();
    if (subj.t !== 'word') throw new SyntaxError_('syntax error: unexpected end of file');
    this.skipNewlines();
    this.expectKeyword('in');
    const arms: CaseNode['arms'] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (this.isKeyword(t, 'esac')) {
        this.next();
        return { type: 'case', subject: subj.word, arms };
      }
      if (t.t === 'op' && t.v === '(') this.next();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.t !== 'word') throw new SyntaxError_(`syntax error: unexpected "${tokenText(p)}"`);
        patterns.push(p.word);
        const sep = this.next();
        if (sep.t === 'op' && sep.v === '|') continue;
        if (sep.t === 'op' && sep.v === ')') break;
        throw new SyntaxError_(`syntax error: unexpected "${tokenText(sep)}"`);
      }
      const body = this.parseList(new Set(['esac']));
      arms.push({ patterns, body });
      const end = this.peek();
      if (end.t === 'op' && end.v === ';;') this.next();
    }
  }

  private expectKeyword(kw: string): void {
    const t = this.next();
    if (!this.isKeyword(t, kw)) {
      throw new SyntaxError_(
        t.t === 'eof'
          ? `syntax error: unexpected end of file (expecting "${kw}")`
          : `syntax error: unexpected "${tokenText(t)}" (expecting "${kw}")`,
      );
    }
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== op)
      throw new SyntaxError_(
        t.t === 'eof'
          ? `syntax error: unexpected end of file (expecting "${op}")`
          : `syntax error: unexpected "${tokenText(t)}"`,
      );
  }
}

function tokenText(t: Token): string {
  switch (t.t) {
    case 'word':
      return t.raw;
    case 'op':
      return t.v === '\n' ? 'newline' : t.v;
    case 'redir':
      return t.op;
    case 'eof':
      return 'end of file';
  }
}

/** Index of the `)` closing a `$(` (depth 1) or `$((` (depth 2), skipping quotes. */
function matchClose(s: string, from: number, depth: number): number {
  let d = depth;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const e = s.indexOf("'", i + 1);
      if (e < 0) break;
      i = e;
    } else if (c === '"') {
      for (i++; i < s.length && s[i] !== '"'; i++) if (s[i] === '\\') i++;
    } else if (c === '(') d++;
    else if (c === ')') {
      d--;
      if (d === 0) return i;
    }
  }
  throw new SyntaxError_('syntax error: unterminated $(');
}

function subScript(src: string): ListNode {
  const p = new Parser(src);
  const list = p.parseList(new Set());
  p.expectEof();
  return list;
}

/** Parses text as the inside of double quotes (for `${x:-default}` and `$((…))`). */
function subWord(src: string): Word {
  const p = new Parser(`"${src.replace(/"/g, '\\"')}"`);
  return p.lexOneWord();
}

/** The value part of `NAME=value`: the word with its first n literal characters removed. */
function dropPrefix(word: Word, n: number): Word {
  const parts: WordPart[] = [];
  let skip = n;
  for (const p of word.parts) {
    if (skip > 0 && p.k === 'lit') {
      if (p.v.length <= skip) {
        skip -= p.v.length;
        continue;
      }
      parts.push({ ...p, v: p.v.slice(skip) });
      skip = 0;
      continue;
    }
    parts.push(p);
  }
  return { parts };
}
