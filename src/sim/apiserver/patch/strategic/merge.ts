import type { JsonObject, JsonValue } from '../../../api/object';
import { isJsonObject } from '../../../api/object';
import { goFormat } from '../go-format';
import { deepEqual } from '../json-equal';
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoMergeKey,
  SLICE_TYPE,
  SmpError,
} from './errors';
import {
  deduplicateScalars,
  DIRECTIVE,
  extractToDeleteItems,
  findMapInSlice,
  mergeKeyValueEqual,
  normalizeElementOrder,
  partitionMaps,
  partitionPrimitives,
  sliceElementKind,
} from './lists';
import type { TypeSchema } from './meta';
import { lookupPatchMeta, splitStrategies } from './meta';

/**
 * Applying a strategic merge patch (`mergeMap` and friends in strategicpatch/patch.go). The same
 * walk also merges two patches when kubectl computes a three-way patch; `mergeParallelList`
 * tells the two uses apart, as upstream's MergeOptions does.
 */
export interface MergeOptions {
  /** Server side: consume `$deleteFromPrimitiveList` / `$setElementOrder`; client side: carry them. */
  mergeParallelList: boolean;
  /** Server side: a null for a key the object lacks is dropped rather than kept. */
  ignoreUnmatchedNulls: boolean;
}

export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

/** Server-side `StrategicMergeMapPatch`. Both inputs are consumed (mutated); pass copies. */
export function strategicMergeMapPatch(original: JsonObject, patch: JsonObject, t: TypeSchema): JsonObject {
  return mergeMap(original, patch, t, { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

export function mergeMap(
  originalIn: JsonObject | null,
  patch: JsonObject,
  t: TypeSchema | undefined,
  opts: MergeOptions,
): JsonObject {
  if (DIRECTIVE in patch) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  const original = originalIn ?? {};
  applyRetainKeysDirective(original, patch, opts);
  mergePatchIntoOriginal(original, patch, t, opts);

  for (const key of Object.keys(patch)) {
    let k = key;
    const patchV = patch[key];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      if (!opts.mergeParallelList) {
        original[k] = patchV;
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete original[k];
      if (opts.ignoreUnmatchedNulls) continue;
    }
    if (!(k in original)) {
      original[k] = patchV;
      continue;
    }
    const origV = original[k];
    if (sameGoType(origV, patchV) === false) {
      original[k] = patchV;
      continue;
    }
    const meta = lookupPatchMeta(t, k);
    const { strategy } = splitStrategies(meta);
    if (isJsonObject(origV) && isJsonObject(patchV)) {
      original[k] = strategy !== 'replace' ? mergeMap(origV, patchV, meta.schema, opts) : patchV;
    } else if (Array.isArray(origV) && Array.isArray(patchV)) {
      original[k] = mergeSliceHandler(
        origV,
        patchV,
        meta.schema,
        strategy,
        meta.mergeKey ?? '',
        isDeleteList,
        opts,
      );
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

function sameGoType(a: JsonValue, b: JsonValue): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b);
  return typeof a === typeof b;
}

function handleDirectiveInMergeMap(directive: JsonValue, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    // Replace takes the patch as is: nothing below it is merged or cleaned of directives.
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

/** `extractKey`: the field a `$deleteFromPrimitiveList/<f>` or `$setElementOrder/<f>` key names. */
export function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) throw errBadPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER) throw errBadPatchFormatForSetElementOrderList();
    throw new SmpError(`fail to find unknown prefix "${prefix}" in ${s}\n`);
  }
  return s.slice(slash + 1);
}

/** `$retainKeys`: clear every field of original not named in the list (server side). */
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!opts.mergeParallelList) {
    if (RETAIN_KEYS in original) {
      if (!deepEqual(original[RETAIN_KEYS], retain)) {
        throw new SmpError(
          `${goFormat(original[RETAIN_KEYS])} and ${goFormat(retain)} are not deep equal: this may happen when calculating the 3-way diff patch`,
        );
      }
    } else {
      original[RETAIN_KEYS] = retain;
    }
    return;
  }
  if (!Array.isArray(retain)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set<JsonValue>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `mergePatchIntoOriginal`: merges each list named by a `$setElementOrder/<f>` and orders it. */
function mergePatchIntoOriginal(
  original: JsonObject,
  patch: JsonObject,
  t: TypeSchema | undefined,
  opts: MergeOptions,
): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    if (!opts.mergeParallelList) {
      if (key in original) {
        if (!deepEqual(original[key], order)) throw errBadPatchFormatForSetElementOrderList();
      } else {
        original[key] = order;
      }
    }
    delete patch[key];
    if (!Array.isArray(order)) throw errBadArgType(SLICE_TYPE, order);
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = field in original;
    const foundPatch = field in patch;
    let originalList: JsonValue[] = [];
    let patchList: JsonValue[] = [];
    if (foundOriginal) {
      const v = original[field];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      originalList = v;
    }
    if (foundPatch) {
      const v = patch[field];
      if (!Array.isArray(v)) throw errBadArgType(SLICE_TYPE, v);
      patchList = v;
    }
    const meta = lookupPatchMeta(t, field);
    const { strategy } = splitStrategies(meta);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);

    let merged: JsonValue[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = patchList;
    else if (foundOriginal && foundPatch) {
      merged = mergeSliceHandler(originalList, patchList, meta.schema, strategy, mergeKey, false, opts);
    } else continue;

    const parts = mergeKey ? partitionMaps(merged, order, mergeKey) : partitionPrimitives(merged, order);
    const kind = sliceElementKind(originalList, patchList);
    original[field] = normalizeElementOrder(
      parts.patch,
      parts.serverOnly,
      order,
      originalList,
      mergeKey,
      kind,
    );
    delete patch[field];
  }
}

/** `validatePatchWithSetOrderList`: the patch list must follow the `$setElementOrder` order. */
function validatePatchWithSetOrderList(
  patchList: JsonValue[],
  setOrderList: JsonValue[],
  mergeKey: string,
): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList).nonDelete : patchList;
  let pi = 0;
  let si = 0;
  while (pi < nonDelete.length && si < setOrderList.length) {
    if (isJsonObject(nonDelete[pi]) && DIRECTIVE in (nonDelete[pi] as JsonObject)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[pi], setOrderList[si], mergeKey)) pi++;
    si++;
  }
  if (pi < nonDelete.length && si >= setOrderList.length) {
    throw new SmpError(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(setOrderList)}\n`,
    );
  }
}

function mergeSliceHandler(
  original: JsonValue[],
  patch: JsonValue[],
  elemSchema: TypeSchema | undefined,
  strategy: string,
  mergeKey: string,
  isDeleteList: boolean,
  opts: MergeOptions,
): JsonValue[] {
  if (strategy === 'merge') return mergeSlice(original, patch, elemSchema, mergeKey, opts, isDeleteList);
  return patch;
}

function mergeSlice(
  originalIn: JsonValue[],
  patchIn: JsonValue[],
  elemSchema: TypeSchema | undefined,
  mergeKey: string,
  opts: MergeOptions,
  isDeleteList: boolean,
): JsonValue[] {
  if (originalIn.length === 0 && patchIn.length === 0) return originalIn;
  const kind = sliceElementKind(originalIn, patchIn);
  let original: JsonValue[];
  let patch = patchIn;
  let merged: JsonValue[];
  if (kind !== 'map') {
    if (opts.mergeParallelList && isDeleteList) {
      const del = new Set(patch);
      return originalIn.filter((v) => !del.has(v));
    }
    original = originalIn;
    merged = deduplicateScalars(original.concat(patch));
  } else {
    if (mergeKey === '') throw new SmpError('cannot merge lists without merge key for type struct');
    const backing = new AliasedSlice(originalIn);
    const special = mergeSliceWithSpecialElements(backing, patch, mergeKey);
    patch = special.patch;
    if (special.replaced) {
      original = special.replaced;
      merged = original.slice();
    } else {
      original = backing.view();
      merged = mergeSliceWithoutSpecialElements(backing, patch, mergeKey, elemSchema, opts);
    }
  }
  const parts = mergeKey ? partitionMaps(merged, patch, mergeKey) : partitionPrimitives(merged, patch);
  return normalizeElementOrder(parts.patch, parts.serverOnly, patch, original, mergeKey, kind);
}

/**
 * A Go slice over the caller's list. Upstream deletes from and appends to the live list in place,
 * so a caller still holding the old slice header sees the shifted and overwritten elements; the
 * `$setElementOrder` path orders server-only items by that view, which decides where they land
 * ("add map and delete map from merging list" in patch_test.go depends on it).
 */
class AliasedSlice {
  private len: number;
  private readonly extra: JsonValue[] = [];
  constructor(private readonly backing: JsonValue[]) {
    this.len = backing.length;
  }
  view(): JsonValue[] {
    return this.backing
      .slice(0, Math.min(this.len, this.backing.length))
      .concat(this.extra.slice(0, Math.max(0, this.len - this.backing.length)));
  }
  get(i: number): JsonValue {
    return i < this.backing.length ? this.backing[i] : this.extra[i - this.backing.length];
  }
  set(i: number, v: JsonValue): void {
    if (i < this.backing.length) this.backing[i] = v;
    else this.extra[i - this.backing.length] = v;
  }
  get length(): number {
    return this.len;
  }
  removeAt(idx: number): void {
    for (let i = idx; i < this.len - 1; i++) this.set(i, this.get(i + 1));
    this.len--;
  }
  push(v: JsonValue): void {
    this.set(this.len, v);
    this.len++;
  }
  find(key: string, value: JsonValue): { map: JsonObject; index: number } | undefined {
    return findMapInSlice(this.view(), key, value);
  }
}

/** Handles `$patch: delete|replace` elements in place; returns the plain patch items. */
function mergeSliceWithSpecialElements(
  original: AliasedSlice,
  patch: JsonValue[],
  mergeKey: string,
): { patch: JsonValue[]; replaced?: JsonValue[] } {
  const plain: JsonValue[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!(DIRECTIVE in m)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
      for (let f = original.find(mergeKey, m[mergeKey]); f; f = original.find(mergeKey, m[mergeKey]))
        original.removeAt(f.index);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new SmpError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  if (replace) return { patch: [], replaced: plain };
  return { patch: plain };
}

function mergeSliceWithoutSpecialElements(
  original: AliasedSlice,
  patch: JsonValue[],
  mergeKey: string,
  elemSchema: TypeSchema | undefined,
  opts: MergeOptions,
): JsonValue[] {
  for (const v of patch) {
    const m = v as JsonObject;
    if (!(mergeKey in m)) throw errNoMergeKey(m, mergeKey);
    const found = original.find(mergeKey, m[mergeKey]);
    if (found) original.set(found.index, mergeMap(found.map, m, elemSchema, opts));
    else original.push(v);
  }
  return original.view();
}
