/**
 * Field-level validation errors, as apimachinery's `pkg/util/validation/field` (errors.go and
 * path.go) has them, and the `kind: Status` that `errors.NewInvalid` builds from a list of them.
 * The texts are upstream's byte for byte: kubectl prints them to the learner unchanged.
 */

export type ErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

/**
 * A value Go would print with `%#v` (structs, maps, slices). Validation builds the Go syntax
 * text itself, since a JSON value does not know which Go type it came from.
 */
export interface GoSyntax {
  readonly goSyntax: string;
}

export interface FieldError {
  type: ErrorType;
  field: string;
  /** A string, number, boolean, null/undefined (Go nil) or GoSyntax; see `errorBody`. */
  badValue?: unknown;
  detail: string;
}

const TYPE_TEXT: Record<ErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** field.Path: `spec.containers[0].image`, `metadata.labels[app]` (keys are not quoted). */
export class FieldPath {
  private constructor(private readonly text: string) {}

  static root(...names: string[]): FieldPath {
    return new FieldPath(names.join('.'));
  }

  child(...names: string[]): FieldPath {
    const tail = names.join('.');
    return new FieldPath(this.text ? `${this.text}.${tail}` : tail);
  }

  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }

  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

type Where = FieldPath | string;
const at = (f: Where): string => String(f);

/** Marks a value already rendered as Go `%#v` text. */
export function goValue(goSyntax: string): GoSyntax {
  return { goSyntax };
}

function isGoSyntax(v: unknown): v is GoSyntax {
  return typeof v === 'object' && v !== null && typeof (v as { goSyntax?: unknown }).goSyntax === 'string';
}

/** Go's strconv.Quote (what `%q` prints): escapes quotes, backslashes and non-printables. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function formatValue(v: unknown): string {
  // Upstream swaps a nil value for the string "null", which %q then quotes.
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isGoSyntax(v)) return v.goSyntax;
  // Not expected from this package's validators; JSON is the closest honest rendering.
  return JSON.stringify(v);
}

/** `(*Error).ErrorBody()`: the message without the field name. */
export function errorBody(e: FieldError): string {
  let s: string;
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = TYPE_TEXT[e.type];
      break;
    default:
      s = 'badValue' in e ? `${TYPE_TEXT[e.type]}: ${formatValue(e.badValue)}` : TYPE_TEXT[e.type];
  }
  if (e.detail.length !== 0) s += `: ${e.detail}`;
  return s;
}

/** `(*Error).Error()`: `<field>: <body>`. */
export function errorString(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

export function invalid(field: Where, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field: at(field), badValue: value, detail };
}

export function required(field: Where, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: at(field), badValue: '', detail };
}

export function notSupported(field: Where, value: unknown, validValues: readonly string[]): FieldError {
  const detail = validValues.length > 0 ? `supported values: ${validValues.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field: at(field), badValue: value, detail };
}

export function forbidden(field: Where, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: at(field), badValue: '', detail };
}

export function duplicate(field: Where, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: at(field), badValue: value, detail: '' };
}

export function tooLong(field: Where, value: unknown, maxLength: number): FieldError {
  return {
    type: 'FieldValueTooLong',
    field: at(field),
    badValue: value,
    detail: `must have at most ${maxLength} bytes`,
  };
}

export function tooMany(field: Where, actualQuantity: number, maxQuantity: number): FieldError {
  const detail = maxQuantity >= 0 ? `must have at most ${maxQuantity} items` : 'has too many items';
  const e: FieldError = { type: 'FieldValueTooMany', field: at(field), detail };
  // Upstream omits the value (omitValue) when the count is unknown.
  if (actualQuantity >= 0) e.badValue = actualQuantity;
  return e;
}

export function notFound(field: Where, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: at(field), badValue: value, detail: '' };
}

export function typeInvalid(field: Where, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueTypeInvalid', field: at(field), badValue: value, detail };
}

export function internalError(field: Where, message: string): FieldError {
  return { type: 'InternalError', field: at(field), badValue: null, detail: message };
}

/** metav1.Status as the apiserver serializes it (optional fields omitted when empty, as omitempty does). */
export interface StatusCause {
  reason: ErrorType;
  message: string;
  field: string;
}

export interface InvalidStatus {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: 'Invalid';
  details: { name?: string; group?: string; kind: string; causes: StatusCause[] };
  code: 422;
}

/**
 * `errors.NewInvalid(schema.GroupKind{group, kind}, name, errs)`. The message dedups identical
 * errors (ErrorList.ToAggregate) and brackets them when more than one remains; causes keep all.
 */
export function invalidStatus(
  kind: string,
  group: string,
  name: string,
  errs: readonly FieldError[],
): InvalidStatus {
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const seen = new Set<string>();
  const messages: string[] = [];
  for (const e of errs) {
    const m = errorString(e);
    if (seen.has(m)) continue;
    seen.add(m);
    messages.push(m);
  }
  let message = `${qualifiedKind} ${goQuote(name)} is invalid`;
  if (messages.length === 1) message += `: ${messages[0]}`;
  else if (messages.length > 1) message += `: [${messages.join(', ')}]`;
  const details: InvalidStatus['details'] = { kind, causes: [] };
  if (name) details.name = name;
  if (group) details.group = group;
  details.causes = errs.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field }));
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Invalid',
    details,
    code: 422,
  };
}

/**
 * What kubectl prints for a 422 (cmdutil.CheckErr): it rebuilds the text from `details`, adds
 * "The ", and lists several causes one per line. The Status `message` itself has no "The".
 */
export function kubectlInvalidMessage(status: InvalidStatus): string {
  const prefix = `The ${status.details.kind} ${goQuote(status.details.name ?? '')} is invalid: `;
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of status.details.causes) {
    const m = `${c.field}: ${c.message}`;
    if (seen.has(m)) continue;
    seen.add(m);
    lines.push(m);
  }
  if (lines.length === 0) return `${prefix}${status.message}\n`;
  if (lines.length === 1) return `${prefix}${lines[0]}\n`;
  return `${prefix}\n${lines.map((l) => `* ${l}\n`).join('')}`;
}
