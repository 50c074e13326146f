import type { JsonObject } from '../../../api/object';
import { SmpError } from './errors';
import { strategicMergeMapPatch } from './merge';
import type { TypeSchema } from './meta';

/** Server-side strategic merge: the patched map, or the upstream error with its HTTP class. */
export function applyStrategicMergePatch(
  original: JsonObject,
  patch: JsonObject,
  t: TypeSchema,
): { ok: true; doc: JsonObject } | { ok: false; error: SmpError } {
  try {
    return { ok: true, doc: strategicMergeMapPatch(structuredClone(original), structuredClone(patch), t) };
  } catch (e) {
    if (e instanceof SmpError) return { ok: false, error: e };
    throw e;
  }
}
