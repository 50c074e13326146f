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

/** Sorted keys of one kind; re-renders only when an object of that kind appears or goes. */
export function useObjectKeys(kind: string, compare?: (a: string, b: string) => number): readonly string[] {
  return useCluster(useShallow((s: ClusterState) => Object.keys(s.objects[kind] ?? EMPTY).sort(compare)));
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
