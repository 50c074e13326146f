import type { JsonObject, JsonValue, KubeObject } from '../../api/object';
import { isJsonObject } from '../../api/object';
import { goJsonKind, parseGoJson } from './go-json';
import { applyJsonPatch, decodeJsonPatch } from './json-patch';
import { applyMergePatch } from './merge-patch';
import { checkPatchedIdentity, decodeLikeTypedObject } from './object-checks';
import type { PatchFailure, PatchResult } from './status';
import { badRequest, internal, invalidPatch, unprocessable } from './status';
import { applyStrategicMergePatch } from './strategic/apply';
import { schemaForKind } from './strategic/schemas';

export type { PatchResult, PatchFailure } from './status';
export { createThreeWayMergePatch, createTwoWayMergePatch } from './strategic/create';
export { SmpError } from './strategic/errors';
export { schemaForKind, KIND_SCHEMAS } from './strategic/schemas';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

/** More operations than this in one json patch is a 413 upstream (`maxJSONPatchOperations`). */
const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * The patch types this apiserver accepts for a kind, in upstream's order. Server-side apply
 * (`application/apply-patch+yaml`) is not offered: it needs managedFields ownership tracking,
 * which KubeSim does not model, so it is refused with 415 as an apiserver without it would.
 * Custom resources have no Go struct tags, so they take no strategic merge patch either.
 */
export function supportedPatchTypes(kind: string): string[] {
  return schemaForKind(kind) ? [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH] : [JSON_PATCH, MERGE_PATCH];
}

/**
 * PATCH as kube-apiserver v1.32 applies it to the stored object (`handlers/patch.go`): pick the
 * mechanism from the Content-Type, apply it, decode the result back into an object. Admission,
 * validation and the resourceVersion precondition come after this, in the caller.
 */
export function applyPatch(
  kind: string,
  original: KubeObject,
  patchType: string,
  patchBody: string,
): PatchResult {
  // Upstream strips "; charset=…" before matching.
  const semi = patchType.indexOf(';');
  const contentType = semi > 0 ? patchType.slice(0, semi) : patchType;
  const accepted = supportedPatchTypes(kind);
  if (!accepted.includes(contentType)) {
    return {
      ok: false,
      code: 415,
      reason: 'UnsupportedMediaType',
      message: `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
    };
  }
  const current = structuredClone(original) as JsonObject;
  let patched: PatchFailure | { doc: JsonValue };
  if (contentType === JSON_PATCH) patched = jsonPatch(current, patchBody);
  else if (contentType === MERGE_PATCH) patched = mergePatch(current, patchBody);
  else patched = strategicPatch(kind, current, patchBody);
  if ('ok' in patched) return patched;

  const doc = patched.doc;
  if (!isJsonObject(doc)) {
    return invalidPatch(
      JSON.stringify(doc),
      `json: cannot unmarshal ${goJsonKind(doc)} into Go value of type map[string]interface {}`,
    );
  }
  const object = decodeLikeTypedObject(doc);
  const identity = checkPatchedIdentity(original, object);
  if (identity) return identity;
  return { ok: true, object: object as KubeObject };
}

function jsonPatch(current: JsonObject, body: string): PatchFailure | { doc: JsonValue } {
  const parsed = parseGoJson(body);
  if (!parsed.ok) return badRequest(parsed.message);
  const decoded = decodeJsonPatch(parsed.value);
  if (!decoded.ok) return badRequest(decoded.message);
  if (decoded.ops.length > MAX_JSON_PATCH_OPERATIONS) {
    return {
      ok: false,
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.ops.length}`,
    };
  }
  const result = applyJsonPatch(current, decoded.ops);
  if (!result.ok) return unprocessable(result.message);
  return { doc: result.doc };
}

function mergePatch(current: JsonObject, body: string): PatchFailure | { doc: JsonValue } {
  const parsed = parseGoJson(body);
  // jsonpatch.MergePatch reports any syntax error in the patch as ErrBadJSONPatch.
  if (!parsed.ok) return badRequest('Invalid JSON Patch');
  const result = applyMergePatch(current, parsed.value);
  if (!result.ok) return badRequest(result.message);
  return { doc: result.doc };
}

function strategicPatch(kind: string, current: JsonObject, body: string): PatchFailure | { doc: JsonValue } {
  const parsed = parseGoJson(body);
  if (!parsed.ok) return badRequest(parsed.message);
  const patch = parsed.value;
  if (patch !== null && !isJsonObject(patch)) {
    return badRequest(
      `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const schema = schemaForKind(kind);
  if (!schema) return internal(`${STRATEGIC_MERGE_PATCH}: unimplemented patch type`);
  const result = applyStrategicMergePatch(current, patch ?? {}, schema);
  if (result.ok) return { doc: result.doc };
  const e = result.error;
  if (e.errorClass === 'badRequest') return badRequest(e.message);
  if (e.errorClass === 'unprocessable') return unprocessable(e.message);
  return internal(e.message);
}
