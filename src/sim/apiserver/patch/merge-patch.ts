import type { JsonValue } from '../../api/object';
import { isJsonObject } from '../../api/object';

/**
 * RFC 7386 JSON Merge Patch as `jsonpatch.MergePatch` (evanphx v4) applies it: objects merge key
 * by key, null deletes, and anything else — lists included — replaces wholesale. That last rule
 * is the lesson: a merge patch of `containers` replaces every container, which is why kubectl
 * defaults to a strategic merge patch for built-in kinds.
 */
export type MergePatchOutcome = { ok: true; doc: JsonValue } | { ok: false; message: string };

/** `jsonpatch.ErrBadJSONPatch`, sent back as a 400. */
export const ERR_BAD_JSON_PATCH = 'Invalid JSON Patch';

export function applyMergePatch(doc: JsonValue, patch: JsonValue): MergePatchOutcome {
  if (patch === null) return { ok: false, message: ERR_BAD_JSON_PATCH };
  if (isJsonObject(patch)) {
    const target = structuredClone(doc);
    if (!isJsonObject(target)) return { ok: true, doc: pruneNulls(structuredClone(patch)) };
    mergeDocs(target, structuredClone(patch));
    return { ok: true, doc: target };
  }
  // A top-level array replaces the document (nulls pruned inside its elements); a scalar is refused.
  if (Array.isArray(patch)) return { ok: true, doc: pruneNulls(structuredClone(patch)) };
  return { ok: false, message: ERR_BAD_JSON_PATCH };
}

function mergeDocs(doc: { [k: string]: JsonValue }, patch: { [k: string]: JsonValue }): void {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = doc[k];
    if (cur === undefined || cur === null) {
      doc[k] = pruneNulls(v);
      continue;
    }
    if (!isJsonObject(cur)) {
      doc[k] = pruneNulls(v);
    } else if (isJsonObject(v)) {
      mergeDocs(cur, v);
    } else {
      doc[k] = v;
    }
  }
}

/** Drops null members of objects at any depth; nulls that are array elements stay, as upstream. */
function pruneNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) {
    for (const e of v) if (e !== null) pruneNulls(e);
    return v;
  }
  if (isJsonObject(v)) {
    for (const [k, e] of Object.entries(v)) {
      if (e === null) delete v[k];
      else pruneNulls(e);
    }
  }
  return v;
}
