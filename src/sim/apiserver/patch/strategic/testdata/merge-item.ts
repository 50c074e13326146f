import type { JsonObject, JsonValue } from '../../../../api/object';
import { isJsonObject } from '../../../../api/object';
import { goFormat } from '../../go-format';
import type { TypeSchema } from '../meta';
import { lookupPatchMeta, splitStrategies } from '../meta';

/** The `MergeItem` test struct of strategicpatch/patch_test.go, as patch metadata. */
export const RETAIN_KEYS_MERGE_ITEM: TypeSchema = { fields: {} };
export const MERGE_ITEM: TypeSchema = { fields: {} };
Object.assign(RETAIN_KEYS_MERGE_ITEM.fields as object, {
  mergingIntList: { strategies: ['merge'] },
  mergingList: { strategies: ['merge'], mergeKey: 'name', schema: MERGE_ITEM },
  nonMergingList: { schema: MERGE_ITEM },
});
Object.assign(MERGE_ITEM.fields as object, {
  mergingList: { strategies: ['merge'], mergeKey: 'name', schema: MERGE_ITEM },
  nonMergingList: { schema: MERGE_ITEM },
  mergingIntList: { strategies: ['merge'] },
  mergeItemPtr: { strategies: ['merge'], mergeKey: 'name', schema: MERGE_ITEM },
  replacingItem: { strategies: ['replace'] },
  retainKeysMap: { strategies: ['retainKeys'], schema: RETAIN_KEYS_MERGE_ITEM },
  retainKeysMergingList: { strategies: ['merge', 'retainKeys'], mergeKey: 'name', schema: MERGE_ITEM },
});

/** `sortMergeListsByName`: upstream compares patches with merging lists in merge-key order. */
export function sortMergeLists(v: JsonObject, t: TypeSchema | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [k, e] of Object.entries(v)) {
    if (k === '$retainKeys' || k.startsWith('$deleteFromPrimitiveList')) {
      out[k] = sortScalars(e as JsonValue[]);
    } else if (k.startsWith('$setElementOrder') || k === '$patch') {
      out[k] = e;
    } else {
      const meta = lookupPatchMeta(t, k);
      if (isJsonObject(e)) out[k] = sortMergeLists(e, meta.schema);
      else if (Array.isArray(e) && splitStrategies(meta).strategy === 'merge') {
        if (e.length > 0 && isJsonObject(e[0])) {
          const key = meta.mergeKey ?? '';
          out[k] = e
            .map((x) => sortMergeLists(x as JsonObject, meta.schema))
            .sort((a, b) => cmp(goFormat(a[key]), goFormat(b[key])));
        } else out[k] = sortScalars([...new Set(e)]);
      } else out[k] = e;
    }
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sortScalars = (s: JsonValue[]) => s.slice().sort((a, b) => cmp(goFormat(a), goFormat(b)));
