import type { JsonObject, JsonValue } from '../../api/object';
import type { FieldSpec, FieldType, MessageSpec, ScalarType } from './schema';
import { readFields, WireError, WireReader, type WireValue } from './wire';

/**
 * Decodes one message into the JSON object Go's `encoding/json` would produce from the same
 * struct, following each field's json tag (see `Presence`).
 */
export function decodeMessage(spec: MessageSpec, bytes: Uint8Array): JsonObject {
  const fields = readFields(bytes);
  const out: JsonObject = {};
  for (const f of spec.fields) {
    const values = fields.get(f.no) ?? [];
    if (f.inline) {
      if (typeof f.type !== 'function') throw new WireError(`${spec.name}.${f.json}: inline needs a message`);
      const last = values.at(-1);
      Object.assign(out, decodeMessage(f.type(), last ? asBytes(last, spec, f) : new Uint8Array()));
      continue;
    }
    const v = decodeField(spec, f, values);
    if (v !== undefined) out[f.json] = v;
  }
  return out;
}

/** The field's JSON value, or undefined when Go would leave the key out. */
function decodeField(spec: MessageSpec, f: FieldSpec, values: WireValue[]): JsonValue | undefined {
  if (f.map) {
    if (values.length === 0) return absent(f);
    const obj: JsonObject = {};
    for (const v of values) {
      const entry = readFields(asBytes(v, spec, f));
      const key = entry.get(1)?.at(-1);
      const val = entry.get(2)?.at(-1);
      const k = key ? utf8.decode(asBytes(key, spec, f)) : '';
      // defineProperty, so a ConfigMap key named `__proto__` stays a key, as in JSON.parse.
      const value = val ? single(spec, f, val) : zero(f.type);
      Object.defineProperty(obj, k, { value, enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }
  if (f.repeated) {
    const items = values.flatMap((v) => unpack(spec, f, v));
    return items.length === 0 ? absent(f) : items;
  }
  const last = values.at(-1);
  if (last === undefined) {
    if (f.presence === 'pointer') return undefined;
    if (f.presence === 'nullable') return null;
    // gogo writes every value field, so this is a hand-made body; a struct still prints its zero.
    return isStruct(f.type) || f.presence === 'always' ? zero(f.type) : undefined;
  }
  const v = single(spec, f, last);
  if (f.presence === 'omitempty' && !isStruct(f.type) && isZeroScalar(v)) return undefined;
  return v;
}

/** Go's omitempty never drops a struct: messages and the apimachinery value types are structs. */
function isStruct(t: FieldType): boolean {
  return typeof t === 'function' || t === 'time' || t === 'intstr' || t === 'quantity';
}

/** What an unset slice or map turns into: nothing with omitempty, `null` without. */
function absent(f: FieldSpec): JsonValue | undefined {
  return f.presence === 'always' || f.presence === 'nullable' ? null : undefined;
}

/** A repeated field's wire values; packed scalars (one length-delimited run) are unpacked. */
function unpack(spec: MessageSpec, f: FieldSpec, v: WireValue): JsonValue[] {
  const t = f.type;
  if (v.wire !== 2 || (t !== 'int32' && t !== 'int64' && t !== 'bool')) return [single(spec, f, v)];
  const r = new WireReader(v.bytes);
  const out: JsonValue[] = [];
  while (!r.done()) out.push(scalar(t, { wire: 0, num: r.varint() }, spec, f));
  return out;
}

function single(spec: MessageSpec, f: FieldSpec, v: WireValue): JsonValue {
  const t = f.type;
  if (typeof t === 'function') return decodeMessage(t(), asBytes(v, spec, f));
  switch (t) {
    case 'time':
      return decodeTime(asBytes(v, spec, f));
    case 'intstr':
      return decodeIntOrString(asBytes(v, spec, f));
    case 'quantity': {
      const s = readFields(asBytes(v, spec, f))
        .get(1)
        ?.at(-1);
      return s ? scalar('string', s, spec, f) : '0';
    }
    default:
      return scalar(t, v, spec, f);
  }
}

const utf8 = new TextDecoder('utf-8');

function scalar(t: ScalarType, v: WireValue, spec: MessageSpec, f: FieldSpec): JsonValue {
  switch (t) {
    case 'string':
      return utf8.decode(asBytes(v, spec, f));
    case 'bytes':
      return toBase64(asBytes(v, spec, f));
    case 'bool':
      return asNumber(v, spec, f) !== 0;
    case 'int32':
      return asNumber(v, spec, f) | 0;
    case 'int64':
      return asNumber(v, spec, f);
  }
}

function asBytes(v: WireValue, spec: MessageSpec, f: FieldSpec): Uint8Array {
  if (v.wire !== 2) throw new WireError(`${spec.name}.${f.json}: wrong wireType = ${v.wire}`);
  return v.bytes;
}

function asNumber(v: WireValue, spec: MessageSpec, f: FieldSpec): number {
  if (v.wire === 2) throw new WireError(`${spec.name}.${f.json}: wrong wireType = 2`);
  return v.num;
}

function zero(t: FieldType): JsonValue {
  if (typeof t === 'function') return decodeMessage(t(), new Uint8Array());
  switch (t) {
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    case 'time':
      return null;
    case 'quantity':
      return '0';
    default:
      return 0;
  }
}

function isZeroScalar(v: JsonValue): boolean {
  return v === '' || v === 0 || v === false || v === null;
}

/** meta/v1 Time {seconds = 1, nanos = 2}; Go's JSON form has whole seconds, UTC, and null for zero. */
function decodeTime(bytes: Uint8Array): JsonValue {
  if (bytes.length === 0) return null;
  const f = readFields(bytes);
  const s = f.get(1)?.at(-1);
  const seconds = s && s.wire !== 2 ? s.num : 0;
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** util/intstr IntOrString {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}. */
function decodeIntOrString(bytes: Uint8Array): JsonValue {
  const f = readFields(bytes);
  const type = f.get(1)?.at(-1);
  if (type && type.wire !== 2 && type.num === 1) {
    const s = f.get(3)?.at(-1);
    return s && s.wire === 2 ? utf8.decode(s.bytes) : '';
  }
  const i = f.get(2)?.at(-1);
  return i && i.wire !== 2 ? i.num | 0 : 0;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding, as Go's encoding/json writes []byte. */
export function toBase64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? B64[n & 63] : '=';
  }
  return out;
}
