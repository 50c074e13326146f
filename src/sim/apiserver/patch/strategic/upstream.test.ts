import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject } from '../../../api/object';
import { diffMaps } from './diff';
import { SmpError } from './errors';
import { mergeMap, strategicMergeMapPatch } from './merge';
import { MERGE_ITEM, sortMergeLists } from './testdata/merge-item';

// Cases ported from k8s.io/apimachinery/pkg/util/strategicpatch/patch_test.go, against the
// MergeItem test struct, so the algorithm is checked on upstream's own expectations.

interface Case {
  description: string;
  original?: JsonObject;
  twoWay?: JsonObject;
  modified?: JsonObject;
  current?: JsonObject;
  threeWay?: JsonObject;
  result?: JsonObject;
  twoWayResult?: JsonObject;
  expectedError?: string;
}

const twoWayOpts = {
  setElementOrder: true,
  ignoreChangesAndAdditions: false,
  ignoreDeletions: false,
  buildRetainKeysDirective: false,
};

function twoWay(original: JsonObject, modified: JsonObject): JsonObject {
  return diffMaps(structuredClone(original), structuredClone(modified), MERGE_ITEM, twoWayOpts);
}

function threeWay(original: JsonObject, modified: JsonObject, current: JsonObject): JsonObject {
  const delta = diffMaps(structuredClone(current), structuredClone(modified), MERGE_ITEM, {
    ...twoWayOpts,
    ignoreDeletions: true,
  });
  const deletions = diffMaps(structuredClone(original), structuredClone(modified), MERGE_ITEM, {
    ...twoWayOpts,
    ignoreChangesAndAdditions: true,
  });
  return mergeMap(deletions, delta, MERGE_ITEM, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

function apply(original: JsonObject, patch: JsonObject): JsonObject {
  return strategicMergeMapPatch(structuredClone(original), structuredClone(patch), MERGE_ITEM);
}

const sorted = (o: JsonObject) => sortMergeLists(o, MERGE_ITEM);

const customCases = parse(`
- description: unique scalars when merging lists
  original: { mergingIntList: [1, 2] }
  twoWay: { mergingIntList: [2, 3] }
  modified: { mergingIntList: [1, 2, 3] }
- description: delete map from nested map
  original: { simpleMap: { key1: 1, key2: 1 } }
  twoWay: { simpleMap: { $patch: delete } }
  modified: { simpleMap: {} }
- description: delete all items from merging list
  original: { mergingList: [{ name: 1 }, { name: 2 }] }
  twoWay: { mergingList: [{ $patch: replace }] }
  modified: { mergingList: [] }
- description: merge empty merging lists
  original: { mergingList: [] }
  twoWay: { mergingList: [] }
  modified: { mergingList: [] }
- description: delete all keys from map
  original: { name: 1, value: 1 }
  twoWay: { $patch: replace }
  modified: {}
- description: add key and delete all keys from map
  original: { name: 1, value: 1 }
  twoWay: { other: a, $patch: replace }
  modified: { other: a }
- description: a delete directive removes every entry with its merge key (deleteMatchingEntries)
  original: { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: a }, { name: 3 }, { name: 3 }] }
  twoWay: { mergingList: [{ name: 1, $patch: delete }, { name: 3, $patch: delete }] }
  modified: { mergingList: [{ name: 2, value: a }] }
- description: delete all duplicate entries in a merging list
  original: { mergingList: [{ name: 1 }, { name: 1 }, { name: 2, value: a }, { name: 3 }, { name: 3 }] }
  twoWay: { mergingList: [{ name: 1, $patch: delete }, { name: 1, $patch: delete }, { name: 3, $patch: delete }, { name: 3, $patch: delete }] }
  modified: { mergingList: [{ name: 2, value: a }] }
- description: retainKeys map can add a field when no retainKeys directive present
  original: { retainKeysMap: { name: foo } }
  twoWay: { retainKeysMap: { value: bar } }
  modified: { retainKeysMap: { name: foo, value: bar } }
- description: retainKeys map can change a field when no retainKeys directive present
  original: { retainKeysMap: { name: foo, value: a } }
  twoWay: { retainKeysMap: { value: b } }
  modified: { retainKeysMap: { name: foo, value: b } }
- description: retainKeys map can delete a field when no retainKeys directive present
  original: { retainKeysMap: { name: foo, value: a } }
  twoWay: { retainKeysMap: { value: null } }
  modified: { retainKeysMap: { name: foo } }
- description: retainKeys map merge an empty map
  original: { retainKeysMap: { name: foo, value: a } }
  twoWay: { retainKeysMap: {} }
  modified: { retainKeysMap: { name: foo, value: a } }
- description: retainKeys list can add a field when no retainKeys directive present
  original: { retainKeysMergingList: [{ name: bar }, { name: foo }] }
  twoWay: { retainKeysMergingList: [{ name: foo, value: a }] }
  modified: { retainKeysMergingList: [{ name: bar }, { name: foo, value: a }] }
- description: retainKeys list can change a field when no retainKeys directive present
  original: { retainKeysMergingList: [{ name: bar }, { name: foo, value: a }] }
  twoWay: { retainKeysMergingList: [{ name: foo, value: b }] }
  modified: { retainKeysMergingList: [{ name: bar }, { name: foo, value: b }] }
- description: retainKeys list can delete a field when no retainKeys directive present
  original: { retainKeysMergingList: [{ name: bar }, { name: foo, value: a }] }
  twoWay: { retainKeysMergingList: [{ name: foo, value: null }] }
  modified: { retainKeysMergingList: [{ name: bar }, { name: foo }] }
- description: preserve the order from the patch in a merging list
  original: { mergingList: [{ name: 1 }, { name: 2, value: b }, { name: 3 }] }
  twoWay: { mergingList: [{ name: 3, value: c }, { name: 1, value: a }, { name: 2, other: x }] }
  modified: { mergingList: [{ name: 3, value: c }, { name: 1, value: a }, { name: 2, value: b, other: x }] }
- description: preserve the order from the patch in a merging list 2
  original: { mergingList: [{ name: 1 }, { name: 2, value: b }, { name: 3 }] }
  twoWay: { mergingList: [{ name: 3, value: c }, { name: 1, value: a }] }
  modified: { mergingList: [{ name: 2, value: b }, { name: 3, value: c }, { name: 1, value: a }] }
- description: preserve the order from the patch in a merging int list
  original: { mergingIntList: [1, 2, 3] }
  twoWay: { mergingIntList: [3, 1, 2] }
  modified: { mergingIntList: [3, 1, 2] }
- description: preserve the order from the patch in a merging int list 2
  original: { mergingIntList: [1, 2, 3] }
  twoWay: { mergingIntList: [3, 1] }
  modified: { mergingIntList: [2, 3, 1] }
- description: $setElementOrder contains item that is not present in the list to be merged
  original: { mergingList: [{ name: 1 }, { name: 3 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 3 }, { name: 2 }, { name: 1 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] }
  modified: { mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] }
- description: $setElementOrder contains item that is not present in the int list to be merged
  original: { mergingIntList: [1, 3] }
  twoWay: { $setElementOrder/mergingIntList: [3, 2, 1] }
  modified: { mergingIntList: [3, 1] }
- description: should check if order in $setElementOrder and patch list match
  original: { mergingList: [{ name: 1 }, { name: 3 }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3, value: 3 }, { name: 1, value: 1 }] }
  expectedError: doesn't match
- description: should check if order in $setElementOrder and patch int list match
  original: { mergingIntList: [1, 3, 2] }
  twoWay: { $setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1] }
  expectedError: doesn't match
- description: missing merge key should error out
  original: { mergingList: [{ name: 1, value: a }] }
  twoWay: { mergingList: [{ value: b }] }
  expectedError: does not contain declared merge key
`) as Case[];

describe('StrategicMergePatch: custom cases (TestCustomStrategicMergePatch)', () => {
  for (const c of customCases) {
    it(c.description, () => {
      if (c.expectedError) {
        expect(() => apply(c.original!, c.twoWay!)).toThrow(c.expectedError);
        return;
      }
      expect(apply(c.original!, c.twoWay!)).toEqual(c.modified);
    });
  }
});

const createCases = parse(`
- description: nil original
  twoWay: { name: 1, value: 1 }
  modified: { name: 1, value: 1 }
  current: { name: 1, other: a }
  threeWay: { value: 1 }
  result: { name: 1, value: 1, other: a }
- description: nil patch
  original: { name: 1 }
  twoWay: {}
  modified: { name: 1 }
  current: { name: 1 }
  threeWay: {}
  result: { name: 1 }
- description: add field to map with conflict
  original: { name: 1 }
  twoWay: { value: 1 }
  modified: { name: 1, value: 1 }
  current: { name: a, other: a }
  threeWay: { name: 1, value: 1 }
  result: { name: 1, value: 1, other: a }
- description: add field and delete field from map
  original: { name: 1 }
  twoWay: { name: null, value: 1 }
  modified: { value: 1 }
  current: { name: 1, other: a }
  threeWay: { name: null, value: 1 }
  result: { value: 1, other: a }
- description: delete field from nested map with conflict
  original: { simpleMap: { key1: 1, key2: 1 } }
  twoWay: { simpleMap: { key2: null } }
  modified: { simpleMap: { key1: 1 } }
  current: { simpleMap: { key1: a, key2: 1, other: a } }
  threeWay: { simpleMap: { key1: 1, key2: null } }
  result: { simpleMap: { key1: 1, other: a } }
- description: add field and delete all fields from map with conflict
  original: { name: 1, value: 1 }
  twoWay: { name: null, value: null, other: a }
  modified: { other: a }
  current: { name: 1, value: 1, other: b }
  threeWay: { name: null, value: null, other: a }
  result: { other: a }
- description: replace list of scalars with conflict
  original: { nonMergingIntList: [1, 2] }
  twoWay: { nonMergingIntList: [2, 3] }
  modified: { nonMergingIntList: [2, 3] }
  current: { nonMergingIntList: [1, 4] }
  threeWay: { nonMergingIntList: [2, 3] }
  result: { nonMergingIntList: [2, 3] }
- description: delete all maps from merging list with conflict
  original: { mergingList: [{ name: 1 }, { name: 2 }] }
  twoWay: { mergingList: [{ name: 1, $patch: delete }, { name: 2, $patch: delete }] }
  modified: { mergingList: [] }
  current: { mergingList: [{ name: 1, other: a }, { name: 2, other: b }] }
  threeWay: { mergingList: [{ name: 1, $patch: delete }, { name: 2, $patch: delete }] }
  result: { mergingList: [] }
- description: defined null values should propagate overwrite current fields (with conflict)
  original: { name: 2 }
  twoWay: { name: 1, value: 1, other: null }
  twoWayResult: { name: 1, value: 1 }
  modified: { name: 1, value: 1, other: null }
  current: { name: a, other: a }
  threeWay: { name: 1, value: 1, other: null }
  result: { name: 1, value: 1 }
- description: retainKeys map with no change should not be present
  original: { name: a, retainKeysMap: { name: foo } }
  current: { name: a, other: c, retainKeysMap: { name: foo } }
  modified: { name: a, value: b, retainKeysMap: { name: foo } }
  twoWay: { value: b }
  threeWay: { value: b }
  result: { name: a, value: b, other: c, retainKeysMap: { name: foo } }
- description: delete items in lists of scalars
  original: { mergingIntList: [1, 2, 3] }
  twoWay: { $setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3] }
  modified: { mergingIntList: [1, 2] }
  current: { mergingIntList: [1, 2, 3, 4] }
  threeWay: { $setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3] }
  result: { mergingIntList: [1, 2, 4] }
- description: add and delete items in lists of scalars
  original: { mergingIntList: [1, 2, 3] }
  twoWay: { $setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4] }
  modified: { mergingIntList: [1, 2, 4] }
  current: { mergingIntList: [1, 2, 3, 4] }
  threeWay: { $setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3] }
  result: { mergingIntList: [1, 2, 4] }
- description: merge lists of maps
  original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] }
  twoWay:
    $setElementOrder/mergingList: [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }]
    mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }]
  modified: { mergingList: [{ name: 4, value: 4 }, { name: 1 }, { name: 2, value: 2 }, { name: 3, value: 3 }] }
  current: { mergingList: [{ name: 1, other: a }, { name: 2, value: 2, other: b }] }
  threeWay:
    $setElementOrder/mergingList: [{ name: 4 }, { name: 1 }, { name: 2 }, { name: 3 }]
    mergingList: [{ name: 4, value: 4 }, { name: 3, value: 3 }]
  result: { mergingList: [{ name: 4, value: 4 }, { name: 1, other: a }, { name: 2, value: 2, other: b }, { name: 3, value: 3 }] }
- description: add field to map in merging list with conflict
  original: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: 1 }] }
  modified: { mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] }
  current: { mergingList: [{ name: 1, other: a }, { name: 3, value: 2, other: b }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] }
  result: { mergingList: [{ name: 1, value: 1, other: a }, { name: 2, value: 2 }, { name: 3, value: 2, other: b }] }
- description: add an item that already exists in current object in merging list
  original: { mergingList: [{ name: 1, value: a }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }, { name: 3 }], mergingList: [{ name: 3 }] }
  modified: { mergingList: [{ name: 1, value: a }, { name: 2 }, { name: 3 }] }
  current: { mergingList: [{ name: 1, value: a, other: x }, { name: 2 }, { name: 3 }] }
  threeWay: {}
  result: { mergingList: [{ name: 1, value: a, other: x }, { name: 2 }, { name: 3 }] }
- description: delete missing map from merging list with conflict
  original: { mergingList: [{ name: 1 }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 2 }], mergingList: [{ name: 1, $patch: delete }] }
  modified: { mergingList: [{ name: 2 }] }
  current: { mergingList: [{ name: 3, other: a }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 2 }], mergingList: [{ name: 2 }, { name: 1, $patch: delete }] }
  result: { mergingList: [{ name: 2 }, { name: 3, other: a }] }
- description: add map and delete map from merging list
  original: { mergingList: [{ name: 1 }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: delete }] }
  modified: { mergingList: [{ name: 2 }, { name: 3 }] }
  current: { mergingList: [{ name: 1 }, { name: 2, other: b }, { name: 4, other: c }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: delete }] }
  result: { mergingList: [{ name: 2, other: b }, { name: 4, other: c }, { name: 3 }] }
- description: add map and delete map from merging list with conflict
  original: { mergingList: [{ name: 1 }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 2 }, { name: 3 }], mergingList: [{ name: 3 }, { name: 1, $patch: delete }] }
  modified: { mergingList: [{ name: 2 }, { name: 3 }] }
  current: { mergingList: [{ name: 1, other: a }, { name: 4, other: c }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 2 }, { name: 3 }], mergingList: [{ name: 2 }, { name: 3 }, { name: 1, $patch: delete }] }
  result: { mergingList: [{ name: 4, other: c }, { name: 2 }, { name: 3 }] }
- description: delete missing field from map in merging list with conflict
  original: { mergingList: [{ name: 1, value: 1 }, { name: 2, value: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: null }] }
  modified: { mergingList: [{ name: 1 }, { name: 2, value: 2 }] }
  current: { mergingList: [{ name: 1, other: a }, { name: 2, other: b }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, value: null }, { name: 2, value: 2 }] }
  result: { mergingList: [{ name: 1, other: a }, { name: 2, value: 2, other: b }] }
- description: replace non merging list nested in merging list with deletion conflict
  original: { mergingList: [{ name: 1, nonMergingList: [{ name: 1 }, { name: 2, value: 2 }] }, { name: 2 }] }
  twoWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }] }
  modified: { mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }, { name: 2 }] }
  current: { mergingList: [{ name: 1, other: a, nonMergingList: [{ name: 2, value: 2 }] }, { name: 2, other: b }] }
  threeWay: { $setElementOrder/mergingList: [{ name: 1 }, { name: 2 }], mergingList: [{ name: 1, nonMergingList: [{ name: 1, value: 1 }] }] }
  result: { mergingList: [{ name: 1, other: a, nonMergingList: [{ name: 1, value: 1 }] }, { name: 2, other: b }] }
`) as Case[];

describe('CreateTwoWayMergePatch / CreateThreeWayMergePatch / StrategicMergePatch (TestStrategicMergePatch)', () => {
  for (const c of createCases) {
    const original = c.original ?? {};
    it(`${c.description}: two-way patch and its result`, () => {
      const patch = twoWay(original, c.modified!);
      expect(sorted(patch)).toEqual(sorted(c.twoWay!));
      expect(apply(original, patch)).toEqual(c.twoWayResult ?? c.modified);
    });
    it(`${c.description}: three-way patch and its result`, () => {
      const patch = threeWay(original, c.modified!, c.current!);
      expect(sorted(patch)).toEqual(sorted(c.threeWay!));
      expect(apply(c.current!, patch)).toEqual(c.result);
    });
  }
});

describe('error classes', () => {
  it('reports a bad $retainKeys as a 400-class error', () => {
    try {
      apply({ retainKeysMap: { name: 'a' } }, { retainKeysMap: { $retainKeys: ['name'], value: 'x' } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SmpError);
      expect((e as SmpError).message).toBe('invalid patch format of retainKeys');
      expect((e as SmpError).errorClass).toBe('badRequest');
    }
  });
  it('$retainKeys clears the fields it does not name', () => {
    expect(
      apply(
        { retainKeysMap: { name: 'a', value: 'b' } },
        { retainKeysMap: { $retainKeys: ['other'], other: 'x' } },
      ),
    ).toEqual({
      retainKeysMap: { other: 'x' },
    });
  });
  it('rejects $patch: merge inside a list', () => {
    expect(() =>
      apply({ mergingList: [{ name: 'a' }] }, { mergingList: [{ name: 'a', $patch: 'merge' }] }),
    ).toThrow('merging lists cannot yet be specified in the patch');
  });
});
