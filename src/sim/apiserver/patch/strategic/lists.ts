import type { JsonObject, JsonValue } from '../../../api/object';
import { isJsonObject } from '../../../api/object';
import { byteCompare, goFormat } from '../go-format';
import { errBadArgType, errNoListOfLists, errNoMergeKey, MAP_TYPE, SmpError } from './errors';

/**
 * The list machinery of strategicpatch/patch.go, kept algorithm-for-algorithm: the order a merged
 * list comes out in (patch order, then server-only items threaded in by their live positions) is
 * visible to learners in `kubectl get -o yaml`, so it has to match upstream, quirks included.
 */

export const DIRECTIVE = '$patch';

/** Element kinds as `reflect.Kind` sees them; numbers are one kind here (KubeSim has no int/float split). */
export type ElemKind = 'map' | 'slice' | 'string' | 'number' | 'bool' | 'nil';

export function kindOf(v: JsonValue | undefined): ElemKind {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'object') return 'map';
  if (typeof v === 'number') return 'number';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** `sliceElementType`: the one element kind shared by all the given lists. */
export function sliceElementKind(...slices: JsonValue[][]): ElemKind {
  let prev: ElemKind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const cur = kindOf(v);
      if (prev === undefined) {
        prev = cur;
        if (prev === 'slice') throw errNoListOfLists();
      } else if (prev !== cur) {
        throw new SmpError(`list element types are not identical: ${goFormat(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new SmpError('no elements in any of the given slices');
  return prev;
}

/** `sortScalars`: by the `%v` text of each value. */
export function sortScalars(s: JsonValue[]): JsonValue[] {
  return s.sort((a, b) => byteCompare(goFormat(a), goFormat(b)));
}

/** `deduplicateScalars`, whose swap-with-last removal reorders the list exactly as upstream does. */
export function deduplicateScalars(input: JsonValue[]): JsonValue[] {
  const s = input.slice();
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

export function sortMapsByField(s: JsonValue[], field: string): JsonValue[] {
  return s
    .slice()
    .sort((a, b) => byteCompare(goFormat((a as JsonObject)[field]), goFormat((b as JsonObject)[field])));
}

function keyOf(item: JsonValue, mergeKey: string, kind: ElemKind): JsonValue | undefined {
  if (kind !== 'map') return item;
  return isJsonObject(item) ? item[mergeKey] : undefined;
}

/** `index`: position of the item (by merge key for maps) in l, or -1. */
export function indexOf(l: JsonValue[], item: JsonValue, mergeKey: string, kind: ElemKind): number {
  const want = keyOf(item, mergeKey, kind);
  for (let i = 0; i < l.length; i++) if (keyOf(l[i], mergeKey, kind) === want) return i;
  return -1;
}

export function validateMergeKeyInLists(mergeKey: string, ...lists: JsonValue[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType(MAP_TYPE, item);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** `extractToDeleteItems`: splits `$patch: delete` elements from the rest. */
export function extractToDeleteItems(l: JsonValue[]): { nonDelete: JsonValue[]; toDelete: JsonValue[] } {
  const nonDelete: JsonValue[] = [];
  const toDelete: JsonValue[] = [];
  for (const v of l) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (v[DIRECTIVE] === 'delete') toDelete.push(v);
    else nonDelete.push(v);
  }
  return { nonDelete, toDelete };
}

/**
 * `normalizeSliceOrder`: sorts by position in `order` with Go's stable insertion sort and its
 * lopsided comparator (an item missing from `order` always counts as "less"), deletions last.
 */
export function normalizeSliceOrder(
  toSortIn: JsonValue[],
  order: JsonValue[],
  mergeKey: string,
  kind: ElemKind,
): JsonValue[] {
  let toSort = toSortIn.slice();
  let toDelete: JsonValue[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    ({ nonDelete: toSort, toDelete } = extractToDeleteItems(toSort));
  }
  const less = (a: JsonValue, b: JsonValue): boolean => {
    const ia = indexOf(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexOf(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < toSort.length; i++) {
    for (let j = i; j > 0 && less(toSort[j], toSort[j - 1]); j--) {
      [toSort[j], toSort[j - 1]] = [toSort[j - 1], toSort[j]];
    }
  }
  return toSort.concat(toDelete);
}

/** `mergeSortedSlice`: threads `left` (server-only) into `right` (patch items) by live order. */
export function mergeSortedSlice(
  left: JsonValue[],
  right: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElemKind,
): JsonValue[] {
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  const size = left.length + right.length;
  for (let k = 0; k < size; k++) {
    if (i >= left.length && j < right.length) out.push(right[j++]);
    else if (j >= right.length && i < left.length) out.push(left[i++]);
    else {
      const li = indexOf(serverOrder, left[i], mergeKey, kind);
      const ri = indexOf(serverOrder, right[j], mergeKey, kind);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** `normalizeElementOrder`: patch items in patch order, server-only items in live order, interleaved. */
export function normalizeElementOrder(
  patch: JsonValue[],
  serverOnly: JsonValue[],
  patchOrder: JsonValue[],
  serverOrder: JsonValue[],
  mergeKey: string,
  kind: ElemKind,
): JsonValue[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

export function partitionPrimitives(
  original: JsonValue[],
  by: JsonValue[],
): { patch: JsonValue[]; serverOnly: JsonValue[] } {
  const inPatch = new Set(by);
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return { patch, serverOnly };
}

export function partitionMaps(
  original: JsonValue[],
  by: JsonValue[],
  mergeKey: string,
): { patch: JsonValue[]; serverOnly: JsonValue[] } {
  const patch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const v of original) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (!(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(by, mergeKey, v[mergeKey]) ? patch : serverOnly).push(v);
  }
  return { patch, serverOnly };
}

/** `findMapInSliceBasedOnKeyValue`. */
export function findMapInSlice(
  m: JsonValue[],
  key: string,
  value: JsonValue,
): { map: JsonObject; index: number } | undefined {
  for (let k = 0; k < m.length; k++) {
    const v = m[k];
    if (!isJsonObject(v)) throw new SmpError(`value for key ${k} is not a map.`);
    if (key in v && v[key] === value) return { map: v, index: k };
  }
  return undefined;
}

export function mergeKeyValueEqual(left: JsonValue, right: JsonValue, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isJsonObject(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) throw errBadArgType(MAP_TYPE, right);
  if (!(mergeKey in left)) throw errNoMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}
