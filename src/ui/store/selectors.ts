/**
 * Narrow selectors over the cluster store. Select the least you need: a list selects keys (compared
 * element-wise), a row selects its one object.
 */
import { useShallow } from 'zustand/react/shallow';
import type { KubeObject } from '../../worker/protocol';
import { useCluster, type ClusterState } from './cluster-store';

const EMPTY: Readonly<Record<string, KubeObject>> = {};

export function selectKind(kind: string): (s: ClusterState) => Readonly<Record<string, KubeObject>> {
  return (s) => s.objects[kind] ?? EMPTY;
}

type Compare = (a: string, b: string) => number;
const NO_COMPARE: Compare = () => 0;
/** Per version of a kind's map and per order: its sorted keys. */
const keysCache = new WeakMap<object, Map<Compare, readonly string[]>>();
/** Per order: the last result, reused when a new version of the map has the same keys. */
const lastKeys = new Map<Compare, Map<string, readonly string[]>>();

/**
 * The sorted keys of a map, computed once per version of it; a new version with the same keys
 * gives the same array (objects change far more often than they come and go: no re-sort then).
 */
export function sortedKeys(
  kind: string,
  map: Readonly<Record<string, unknown>>,
  compare?: Compare,
): readonly string[] {
  const c = compare ?? NO_COMPARE;
  let byOrder = keysCache.get(map);
  const hit = byOrder?.get(c);
  if (hit) return hit;
  let last = lastKeys.get(c);
  if (!last) lastKeys.set(c, (last = new Map()));
  const prev = last.get(kind);
  const keys = Object.keys(map);
  let result: readonly string[];
  if (prev && prev.length === keys.length && prev.every((k) => k in map)) result = prev;
  else result = compare ? keys.sort(compare) : keys.sort();
  last.set(kind, result);
  if (!byOrder) keysCache.set(map, (byOrder = new Map()));
  byOrder.set(c, result);
  return result;
}

/** Sorted keys of one kind; re-renders only when an object of that kind appears or goes. */
export function useObjectKeys(kind: string, compare?: Compare): readonly string[] {
  return useCluster(useShallow((s: ClusterState) => sortedKeys(kind, s.objects[kind] ?? EMPTY, compare)));
}

/** One object; re-renders only when it changes. */
export function useObject(kind: string, key: string): KubeObject | undefined {
  return useCluster((s) => s.objects[kind]?.[key]);
}

/** Whether the first list of a watch has arrived. */
export function useWatchSynced(watchId: string): boolean {
  return useCluster((s) => s.watches[watchId]?.synced ?? false);
}

export function useWatchError(watchId: string): string | undefined {
  return useCluster((s) => s.watches[watchId]?.error?.message);
}

export function useClock() {
  return useCluster((s) => s.clock);
}

export function useConnection() {
  return useCluster((s) => s.connection);
}
