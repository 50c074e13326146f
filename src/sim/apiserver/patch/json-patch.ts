import type { JsonValue } from '../../api/object';
import { isJsonObject } from '../../api/object';
import { goJsonKind } from './go-json';
import { deepEqual } from './json-equal';

/**
 * RFC 6902 JSON Patch as the apiserver applies it: `gopkg.in/evanphx/json-patch.v4`, whose
 * quirks learners can observe — `replace` of a missing object key adds it, `copy` from a missing
 * key writes null, negative array indices count from the end, and errors read like
 * "testing value /spec/replicas failed: test failed".
 */
export type JsonPatchOutcome =
  | { ok: true; doc: JsonValue }
  | { ok: false; decode: true; message: string }
  | { ok: false; decode: false; message: string };

type Container = { [k: string]: JsonValue } | JsonValue[];
const MISSING = 'missing value';
const TEST_FAILED = 'test failed';
const INVALID_INDEX = 'invalid index referenced';

class OpError {
  constructor(readonly message: string) {}
}
const wrap = (cause: string, msg: string) => new OpError(`${msg}: ${cause}`);

/** Decodes the body the way `jsonpatch.DecodePatch` does: into `[]map[string]*json.RawMessage`. */
export function decodeJsonPatch(
  body: JsonValue,
): { ok: true; ops: { [k: string]: JsonValue }[] } | { ok: false; message: string } {
  if (body === null) return { ok: true, ops: [] };
  if (!Array.isArray(body)) {
    return {
      ok: false,
      message: `json: cannot unmarshal ${goJsonKind(body)} into Go value of type jsonpatch.Patch`,
    };
  }
  const ops: { [k: string]: JsonValue }[] = [];
  for (const op of body) {
    if (op === null) {
      ops.push({});
      continue;
    }
    if (!isJsonObject(op)) {
      return {
        ok: false,
        message: `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`,
      };
    }
    ops.push(op);
  }
  return { ok: true, ops };
}

export function applyJsonPatch(doc: JsonValue, ops: { [k: string]: JsonValue }[]): JsonPatchOutcome {
  const root: { v: JsonValue } = { v: structuredClone(doc) };
  try {
    for (const op of ops) applyOp(root, op);
  } catch (e) {
    if (e instanceof OpError) return { ok: false, decode: false, message: e.message };
    throw e;
  }
  return { ok: true, doc: root.v };
}

function applyOp(root: { v: JsonValue }, op: { [k: string]: JsonValue }): void {
  const kind = typeof op.op === 'string' ? op.op : 'unknown';
  // A JSON null or an absent "value" both decode to a nil *RawMessage upstream.
  const value = op.value === undefined ? null : op.value;
  switch (kind) {
    case 'add': {
      const path = strField(op, 'path', () => wrap(MISSING, 'add operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `add operation does not apply: doc is missing path: "${path}"`);
      addTo(t.con, t.key, structuredClone(value), `error in add for path: '${path}'`);
      return;
    }
    case 'remove': {
      const path = strField(op, 'path', () => wrap(MISSING, 'remove operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `remove operation does not apply: doc is missing path: "${path}"`);
      removeFrom(t.con, t.key, `error in remove for path: '${path}'`);
      return;
    }
    case 'replace': {
      const path = strField(op, 'path', (m) => wrap(m, 'replace operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `replace operation does not apply: doc is missing path: ${path}`);
      if (Array.isArray(t.con)) {
        const idx = arrayIndex(t.con, t.key, false);
        if (typeof idx === 'string')
          throw wrap(MISSING, `replace operation does not apply: doc is missing key: ${path}`);
        t.con[idx] = structuredClone(value);
      } else {
        t.con[t.key] = structuredClone(value);
      }
      return;
    }
    case 'move': {
      const from = strField(op, 'from', (m) => wrap(m, 'move operation failed to decode from'));
      const f = findObject(root.v, from);
      if (!f) throw wrap(MISSING, `move operation does not apply: doc is missing from path: ${from}`);
      const val = getFrom(f.con, f.key, `error in move for path: '${f.key}'`);
      removeFrom(f.con, f.key, `error in move for path: '${f.key}'`);
      const path = strField(op, 'path', (m) => wrap(m, 'move operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `move operation does not apply: doc is missing destination path: ${path}`);
      addTo(t.con, t.key, val, `error in move for path: '${path}'`);
      return;
    }
    case 'copy': {
      const from = strField(op, 'from', (m) => wrap(m, 'copy operation failed to decode from'));
      const f = findObject(root.v, from);
      if (!f) throw wrap(MISSING, `copy operation does not apply: doc is missing from path: ${from}`);
      const val = getFrom(f.con, f.key, `error in copy for from: '${from}'`);
      const path = strField(op, 'path', () => wrap(MISSING, 'copy operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `copy operation does not apply: doc is missing destination path: ${path}`);
      addTo(t.con, t.key, structuredClone(val), 'error while adding value during copy');
      return;
    }
    case 'test': {
      const path = strField(op, 'path', (m) => wrap(m, 'test operation failed to decode path'));
      const t = findObject(root.v, path);
      if (!t) throw wrap(MISSING, `test operation does not apply: is missing path: ${path}`);
      const val = getFrom(t.con, t.key, `error in test for path: '${path}'`);
      // Upstream treats a JSON null like an absent value on both sides.
      if (val === null ? value === null : value !== null && deepEqual(val, value)) return;
      throw wrap(TEST_FAILED, `testing value ${path} failed`);
    }
    default:
      throw new OpError(`Unexpected kind: ${kind}`);
  }
}

function strField(op: { [k: string]: JsonValue }, name: string, onError: (m: string) => OpError): string {
  const v = op[name];
  if (v === undefined || v === null) throw onError(MISSING);
  if (typeof v !== 'string')
    throw onError(`json: cannot unmarshal ${goJsonKind(v)} into Go value of type string`);
  return v;
}

/** RFC 6901 unescaping in upstream's order: `~1` then `~0`. */
function decodeKey(k: string): string {
  return k.replace(/~1/g, '/').replace(/~0/g, '~');
}

function findObject(doc: JsonValue, path: string): { con: Container; key: string } | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  if (!isContainer(doc)) return null;
  let con: Container = doc;
  for (const part of split.slice(1, -1)) {
    let next: JsonValue | undefined;
    if (Array.isArray(con)) {
      const idx = arrayIndex(con, decodeKey(part), false);
      if (typeof idx === 'string') return null;
      next = con[idx];
    } else {
      next = con[decodeKey(part)];
    }
    if (next === undefined || next === null || !isContainer(next)) return null;
    con = next;
  }
  return { con, key: decodeKey(split[split.length - 1]) };
}

function isContainer(v: JsonValue): v is Container {
  return typeof v === 'object' && v !== null;
}

/** `strconv.Atoi`, then upstream's bounds rules; a string result is the error text. */
function arrayIndex(a: JsonValue[], key: string, forAdd: boolean): number | string {
  if (!/^[+-]?\d+$/.test(key)) return `strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`;
  let idx = Number(key);
  const size = forAdd ? a.length + 1 : a.length;
  if (idx >= size || idx < -size) return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
  if (idx < 0) idx += size;
  return idx;
}

function getFrom(con: Container, key: string, ctx: string): JsonValue {
  if (!Array.isArray(con)) return con[key] ?? null;
  const idx = arrayIndex(con, key, false);
  if (typeof idx === 'string') throw wrap(idx, ctx);
  return con[idx];
}

function addTo(con: Container, key: string, val: JsonValue, ctx: string): void {
  if (!Array.isArray(con)) {
    con[key] = val;
    return;
  }
  if (key === '-') {
    con.push(val);
    return;
  }
  if (!/^[+-]?\d+$/.test(key)) {
    throw wrap(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`,
      ctx,
    );
  }
  const idx = arrayIndex(con, key, true);
  if (typeof idx === 'string') throw wrap(idx, ctx);
  con.splice(idx, 0, val);
}

function removeFrom(con: Container, key: string, ctx: string): void {
  if (!Array.isArray(con)) {
    if (!(key in con)) throw wrap(`Unable to remove nonexistent key: ${key}: ${MISSING}`, ctx);
    delete con[key];
    return;
  }
  const idx = arrayIndex(con, key, false);
  if (typeof idx === 'string') throw wrap(idx, ctx);
  con.splice(idx, 1);
}
