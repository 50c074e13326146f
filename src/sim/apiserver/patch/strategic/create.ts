import type { JsonObject, JsonValue } from '../../../api/object';
import { isJsonObject } from '../../../api/object';
import { byteCompare } from '../go-format';
import { diffMaps } from './diff';
import { mergeMap } from './merge';
import type { TypeSchema } from './meta';
import { OBJECT_META, schemaForKind } from './schemas';

/**
 * The client half of strategic merge patch, for KubeSim's kubectl: `CreateTwoWayMergePatch`
 * (kubectl edit, set, label…) and `CreateThreeWayMergePatch` (kubectl apply, which deletes only
 * what the last-applied configuration had and the new manifest drops). Both throw an `SmpError`
 * where upstream returns an error. The result's keys are sorted, as Go's json.Marshal writes them,
 * so `JSON.stringify` of it is the body kubectl sends.
 */
export function createTwoWayMergePatch(original: JsonObject, modified: JsonObject, kind: string): JsonObject {
  const patch = diffMaps(structuredClone(original), structuredClone(modified), schemaOf(kind), {
    setElementOrder: true,
    ignoreChangesAndAdditions: false,
    ignoreDeletions: false,
    buildRetainKeysDirective: false,
  });
  return sortKeys(patch) as JsonObject;
}

/**
 * kubectl apply runs this with overwrite=true, so changes made by others to fields the manifest
 * sets are overwritten rather than reported as conflicts; that is the only mode offered here.
 */
export function createThreeWayMergePatch(
  original: JsonObject | undefined,
  modified: JsonObject,
  current: JsonObject,
  kind: string,
): JsonObject {
  const t = schemaOf(kind);
  const delta = diffMaps(structuredClone(current), structuredClone(modified), t, {
    setElementOrder: true,
    ignoreChangesAndAdditions: false,
    ignoreDeletions: true,
    buildRetainKeysDirective: false,
  });
  const deletions = diffMaps(structuredClone(original ?? {}), structuredClone(modified), t, {
    setElementOrder: true,
    ignoreChangesAndAdditions: true,
    ignoreDeletions: false,
    buildRetainKeysDirective: false,
  });
  const patch = mergeMap(deletions, delta, t, { mergeParallelList: false, ignoreUnmatchedNulls: false });
  return sortKeys(patch) as JsonObject;
}

/** Kinds without a table entry (custom resources) still know ObjectMeta's tags. */
function schemaOf(kind: string): TypeSchema {
  return schemaForKind(kind) ?? { fields: { metadata: { schema: OBJECT_META } } };
}

function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(byteCompare)) out[k] = sortKeys(v[k]);
  return out;
}
