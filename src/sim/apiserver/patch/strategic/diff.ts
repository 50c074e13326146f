import type { JsonObject, JsonValue } from '../../../api/object';
import { isJsonObject } from '../../../api/object';
import { byteCompare, goFormat } from '../go-format';
import { deepEqual } from '../json-equal';
import { errBadArgType, errNoListOfLists, errNoMergeKey, MAP_TYPE, SmpError } from './errors';
import {
  deduplicateScalars,
  DIRECTIVE,
  mergeKeyValueEqual,
  normalizeSliceOrder,
  sliceElementKind,
  sortMapsByField,
  sortScalars,
} from './lists';
import { DELETE_FROM_PRIMITIVE_LIST, RETAIN_KEYS, SET_ELEMENT_ORDER } from './merge';
import type { TypeSchema } from './meta';
import { lookupPatchMeta, splitStrategies } from './meta';

/**
 * Computing a strategic merge patch from two documents (`diffMaps` and friends): what kubectl
 * does on the client before it sends a PATCH. Deletions become nulls, `$patch: delete` list
 * elements, or `$deleteFromPrimitiveList`; list order travels as `$setElementOrder`.
 */
export interface DiffOptions {
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  buildRetainKeysDirective: boolean;
}

export function diffMaps(
  original: JsonObject,
  modified: JsonObject,
  t: TypeSchema | undefined,
  opts: DiffOptions,
): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: JsonValue[] = [];
  for (const [key, modifiedValue] of Object.entries(modified)) {
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeysList.push(key);
    if (!(key in original)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === DIRECTIVE) {
      if (typeof originalValue !== 'string' || typeof modifiedValue !== 'string') {
        throw new SmpError(`invalid value for special key: ${DIRECTIVE}`);
      }
      if (originalValue !== modifiedValue) patch[DIRECTIVE] = modifiedValue;
      continue;
    }
    if (goKind(originalValue) !== goKind(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isJsonObject(originalValue) && isJsonObject(modifiedValue)) {
      handleMapDiff(key, originalValue, modifiedValue, patch, t, opts);
    } else if (Array.isArray(originalValue) && Array.isArray(modifiedValue)) {
      handleSliceDiff(key, originalValue, modifiedValue, patch, t, opts);
    } else if (!opts.ignoreChangesAndAdditions && !deepEqual(originalValue, modifiedValue)) {
      patch[key] = modifiedValue;
    }
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!(key in modified)) patch[key] = null;
  }
  if (
    retainKeysList.length > 0 &&
    (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))
  ) {
    patch[RETAIN_KEYS] = sortScalars(retainKeysList);
  }
  return patch;
}

function goKind(v: JsonValue): string {
  if (v === null) return 'nil';
  return Array.isArray(v) ? 'slice' : typeof v;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.entries(original).some(([k, v]) => v !== null && !(k in modified));
}

function handleMapDiff(
  key: string,
  original: JsonObject,
  modified: JsonObject,
  patch: JsonObject,
  t: TypeSchema | undefined,
  opts: DiffOptions,
): void {
  const meta = lookupPatchMeta(t, key);
  const { retainKeys, strategy } = splitStrategies(meta);
  if (strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, meta.schema, { ...opts, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(
  key: string,
  original: JsonValue[],
  modified: JsonValue[],
  patch: JsonObject,
  t: TypeSchema | undefined,
  opts: DiffOptions,
): void {
  const meta = lookupPatchMeta(t, key);
  const { retainKeys, strategy } = splitStrategies(meta);
  if (strategy !== 'merge') {
    if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
    return;
  }
  const { add, del, order } = diffLists(original, modified, meta.schema, meta.mergeKey ?? '', {
    ...opts,
    buildRetainKeysDirective: retainKeys,
  });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`${DELETE_FROM_PRIMITIVE_LIST}/${key}`] = del;
  if (order.length > 0) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
}

function diffLists(
  original: JsonValue[],
  modified: JsonValue[],
  t: TypeSchema | undefined,
  mergeKey: string,
  opts: DiffOptions,
): { add: JsonValue[]; del: JsonValue[]; order: JsonValue[] } {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return { add: [], del: [], order: [] };
    return { add: modified, del: [], order: [] };
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'slice') throw errNoListOfLists();
  if (kind === 'map') {
    const r = diffListsOfMaps(original, modified, t, mergeKey, opts);
    let add = normalizeSliceOrder(r.patch, modified, mergeKey, kind);
    const orderSame = isOrderSame(original, modified, mergeKey);
    add = add.concat(r.deletions);
    let order: JsonValue[] = [];
    if (
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (add.length > 0 || !orderSame)) ||
        (!opts.ignoreDeletions && add.length > 0))
    ) {
      order = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
    return { add, del: [], order };
  }
  const r = diffListsOfScalars(original, modified, opts);
  const add = normalizeSliceOrder(r.add, modified, mergeKey, kind);
  let order: JsonValue[] = [];
  if (
    opts.setElementOrder &&
    ((!opts.ignoreDeletions && r.del.length > 0) ||
      (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)))
  ) {
    order = modified;
  }
  return { add, del: r.del, order };
}

function isOrderSame(original: JsonValue[], modified: JsonValue[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

function diffListsOfScalars(
  original: JsonValue[],
  modified: JsonValue[],
  opts: DiffOptions,
): { add: JsonValue[]; del: JsonValue[] } {
  const o = sortScalars(original.slice());
  const m = sortScalars(modified.slice());
  const add: JsonValue[] = [];
  const del: JsonValue[] = [];
  let oi = 0;
  let mi = 0;
  while (oi < o.length || mi < m.length) {
    const os = oi < o.length ? goFormat(o[oi]) : undefined;
    const ms = mi < m.length ? goFormat(m[mi]) : undefined;
    if (os !== undefined && ms !== undefined && os === ms) {
      oi++;
      mi++;
    } else if (os === undefined || (ms !== undefined && byteCompare(os, ms) > 0)) {
      if (!opts.ignoreChangesAndAdditions) add.push(m[mi]);
      mi++;
    } else {
      if (!opts.ignoreDeletions) del.push(o[oi]);
      oi++;
    }
  }
  return { add, del: deduplicateScalars(del) };
}

function diffListsOfMaps(
  original: JsonValue[],
  modified: JsonValue[],
  t: TypeSchema | undefined,
  mergeKey: string,
  opts: DiffOptions,
): { patch: JsonValue[]; deletions: JsonValue[] } {
  const patch: JsonValue[] = [];
  const deletions: JsonValue[] = [];
  const o = sortMapsByField(original, mergeKey);
  const m = sortMapsByField(modified, mergeKey);
  let oi = 0;
  let mi = 0;
  while (oi < o.length || mi < m.length) {
    const oe = oi < o.length ? mapWithKey(o[oi], mergeKey) : undefined;
    const me = mi < m.length ? mapWithKey(m[mi], mergeKey) : undefined;
    const os = oe ? goFormat(oe.key) : '';
    const ms = me ? goFormat(me.key) : '';
    if (oe && me && os === ms) {
      const value = diffMaps(oe.map, me.map, t, opts);
      if (Object.keys(value).length > 0) {
        value[mergeKey] = me.key;
        patch.push(value);
      }
      oi++;
      mi++;
    } else if (!oe || (me && os > ms)) {
      if (!opts.ignoreChangesAndAdditions) patch.push(me!.map);
      mi++;
    } else {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: oe.key, [DIRECTIVE]: 'delete' });
      oi++;
    }
  }
  return { patch, deletions };
}

function mapWithKey(v: JsonValue, mergeKey: string): { map: JsonObject; key: JsonValue } {
  if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
  if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
  return { map: v, key: v[mergeKey] };
}
