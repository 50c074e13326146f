import { isObj, type Json } from '../client';

/**
 * `-o yaml` as kubectl prints it: sigs.k8s.io/yaml turns the object's JSON into go-yaml v2
 * values and marshals them. So: map keys in yaml.v2's key order, sequences not indented under
 * their key, strings that would read back as something else double-quoted, strings that cannot
 * be plain single-quoted, multi-line strings as `|` blocks, and long lines folded at 80 columns.
 * This ports the parts of yaml.v2's encoder and emitter (encode.go, resolve.go, sorter.go,
 * emitterc.go) that JSON values reach.
 */

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

type Style = 'plain' | 'single' | 'double' | 'literal';

/** yaml.v2 sorter.go keyList.Less for string keys: letters compare as runes, digit runs as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  const isLetter = (c: string) => /\p{L}/u.test(c);
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + (ar[ai].charCodeAt(0) - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + (br[bi].charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function sortYamlKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  '<<',
]); // prettier-ignore

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Go strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, leading-0 octal). */
function goParsesAsInt(s: string): boolean {
  const body = s.replace(/^[+-]/, '');
  return /^(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|0[bB][01]+|[1-9][0-9]*)$/.test(body);
}

/** yaml.v2 resolve("", s): would this plain scalar read back as something other than a string? */
function resolvesToNonString(s: string): boolean {
  const c = s[0];
  const hint =
    s === ''
      ? 'N'
      : c === '+' || c === '-'
        ? 'S'
        : c >= '0' && c <= '9'
          ? 'D'
          : 'yYnNtTfFoO~'.includes(c)
            ? 'M'
            : c === '.'
              ? '.'
              : '';
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === '.') return YAML_FLOAT.test(s);
  if (hint === 'D' || hint === 'S') {
    if (TIMESTAMP.test(s)) return true;
    const plain = s.replace(/_/g, '');
    if (goParsesAsInt(plain)) return true;
    if (YAML_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

function isPrintable(cp: number): boolean {
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const isBreakCh = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpaceCh = (c: string | undefined) => c === ' ';
const isBlankZ = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || isBreakCh(c);

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar. */
function analyze(value: string): Analysis {
  if (value === '')
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  const v = [...value];
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    const followedByWs = i + 1 >= v.length || isBlankZ(v[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) {
        flowInd = true;
        blockInd = true;
      } else if (ch === '?' || ch === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (ch === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else {
      if (',?[]{}'.includes(ch)) flowInd = true;
      else if (ch === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (ch === '#' && precededByWs) {
        flowInd = true;
        blockInd = true;
      }
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\t') tabs = true;
    else if (!isPrintable(cp)) special = true;
    if (isSpaceCh(ch)) {
      if (i === 0) leadingSpace = true;
      if (i === v.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreakCh(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === v.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankZ(ch);
  }
  const a: Analysis = {
    multiline: lineBreaks,
    flowPlain: true,
    blockPlain: true,
    singleQuoted: true,
    block: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (trailingSpace) a.block = false;
  if (breakSpace) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || tabs || special) {
    a.flowPlain = false;
    a.blockPlain = false;
    a.singleQuoted = false;
  }
  if (spaceBreak || special) a.block = false;
  if (lineBreaks) {
    a.flowPlain = false;
    a.blockPlain = false;
  }
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) as yaml.v2 prints floats. */
function formatFloat(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const exp = Math.floor(Math.log10(Math.abs(n) || 1));
    if (exp < 21) return String(n);
  }
  const s = String(n);
  // JS writes 1e+21 and 1.5e-7 as Go's 'g' does, except Go pads the exponent to two digits.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

class Emitter {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;

  private put(s: string): void {
    this.out += s;
    this.column += [...s].length;
  }
  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.putBreak();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  scalar(value: string, forcedDouble: boolean, literal: boolean, simpleKey: boolean): void {
    const a = analyze(value);
    let style: Style = forcedDouble ? 'double' : literal ? 'literal' : 'plain';
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (value === '' && simpleKey) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || simpleKey)) style = 'double';
    const saved = this.indent;
    this.indent = this.indent < 0 ? BEST_INDENT : this.indent + BEST_INDENT;
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.writePlain(value, allowBreaks);
    else if (style === 'single') this.writeSingle(value, allowBreaks);
    else if (style === 'double') this.writeDouble(value, allowBreaks);
    else this.writeLiteral(value);
    this.indent = saved;
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    const v = [...value];
    if (v.length > 0 && !this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (isSpaceCh(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpaceCh(v[i + 1])) this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreakCh(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.putBreak();
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (v.length > 0) this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(value: string, allowBreaks: boolean): void {
    const v = [...value];
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (isSpaceCh(ch)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i > 0 &&
          i < v.length - 1 &&
          !isSpaceCh(v[i + 1])
        )
          this.writeIndent();
        else this.put(ch);
        spaces = true;
      } else if (isBreakCh(ch)) {
        if (!breaks && ch === '\n') this.putBreak();
        this.putBreak();
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (ch === "'") this.put("'");
        this.put(ch);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(value: string, allowBreaks: boolean): void {
    const v = [...value];
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      const cp = ch.codePointAt(0) ?? 0;
      if (!isPrintable(cp) || cp === 0xfeff || isBreakCh(ch) || ch === '"' || ch === '\\') {
        const esc: Record<number, string> = {
          0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r',
          0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
        }; // prettier-ignore
        let s = '\\';
        if (esc[cp] !== undefined) s += esc[cp];
        else if (cp <= 0xff) s += 'x' + cp.toString(16).toUpperCase().padStart(2, '0');
        else if (cp <= 0xffff) s += 'u' + cp.toString(16).toUpperCase().padStart(4, '0');
        else s += 'U' + cp.toString(16).toUpperCase().padStart(8, '0');
        this.put(s);
        spaces = false;
      } else if (isSpaceCh(ch)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < v.length - 1) {
          this.writeIndent();
          if (isSpaceCh(v[i + 1])) this.put('\\');
        } else this.put(ch);
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(value: string): void {
    const v = [...value];
    this.writeIndicator('|', true, false, false);
    if (isSpaceCh(v[0]) || isBreakCh(v[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (v.length === 0) chomp = '-';
    else if (!isBreakCh(v[v.length - 1])) chomp = '-';
    else if (v.length === 1) chomp = '+';
    else if (isBreakCh(v[v.length - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.whitespace = true;
    let breaks = true;
    for (const ch of v) {
      if (isBreakCh(ch)) {
        this.putBreak();
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  /** A scalar node from a JSON value. */
  jsonScalar(value: Json, simpleKey: boolean): void {
    if (value === null) this.scalar('null', false, false, simpleKey);
    else if (typeof value === 'boolean') this.scalar(String(value), false, false, simpleKey);
    else if (typeof value === 'number')
      this.scalar(Number.isInteger(value) ? String(value) : formatFloat(value), false, false, simpleKey);
    else if (typeof value === 'string') {
      const canUsePlain = !resolvesToNonString(value) && !BASE60_FLOAT.test(value);
      this.scalar(value, !canUsePlain, canUsePlain && value.includes('\n'), simpleKey);
    }
  }

  node(value: Json, ctx: { mapping: boolean }): void {
    if (Array.isArray(value)) {
      if (value.length === 0) {
        this.writeIndicator('[', true, true, false);
        this.writeIndicator(']', false, false, false);
        return;
      }
      const saved = this.indent;
      // Sequences under a mapping key are not indented (yaml.v2's indentless sequences).
      const indentless = ctx.mapping && !this.indention;
      this.indent = this.indent < 0 ? 0 : indentless ? this.indent : this.indent + BEST_INDENT;
      for (const item of value) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.node(item, { mapping: false });
      }
      this.indent = saved;
      return;
    }
    if (isObj(value)) {
      const keys = sortYamlKeys(Object.keys(value));
      if (keys.length === 0) {
        this.writeIndicator('{', true, true, false);
        this.writeIndicator('}', false, false, false);
        return;
      }
      const saved = this.indent;
      this.indent = this.indent < 0 ? 0 : this.indent + BEST_INDENT;
      for (const k of keys) {
        this.writeIndent();
        this.jsonScalar(k, true);
        this.writeIndicator(':', false, false, false);
        this.node(value[k], { mapping: true });
      }
      this.indent = saved;
      return;
    }
    this.jsonScalar(value, false);
  }
}

/** sigs.k8s.io/yaml.Marshal of a JSON value. */
export function toYaml(value: Json): string {
  const e = new Emitter();
  e.node(value, { mapping: false });
  return e.out + '\n';
}
