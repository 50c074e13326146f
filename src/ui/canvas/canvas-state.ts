/** Canvas-only UI state and derived indexes over the mirrored objects. */
import { createContext, useContext } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { KubeObject } from '../../worker/protocol';
import { useCluster, type ClusterState, type ObjectsByKey } from '../store/cluster-store';
import type { Layout } from './layout';
import { podDeployment } from './pod-status';

export type GroupBy = 'none' | 'namespace' | 'deployment';

interface CanvasUi {
  groupBy: GroupBy;
  setGroupBy(g: GroupBy): void;
}

export const useCanvasUi = create<CanvasUi>()((set) => ({
  groupBy: 'none',
  setGroupBy: (groupBy) => set({ groupBy }),
}));

export const LayoutContext = createContext<Layout | null>(null);

export function useLayout(): Layout {
  const l = useContext(LayoutContext);
  if (!l) throw new Error('useLayout outside the canvas');
  return l;
}

const EMPTY: readonly string[] = [];
const byNodeCache = new WeakMap<ObjectsByKey, Map<string, string[]>>();

/** Pod keys by node name ('' for unscheduled), computed once per version of the pod collection. */
export function podsByNode(pods: ObjectsByKey): Map<string, string[]> {
  let m = byNodeCache.get(pods);
  if (m) return m;
  m = new Map();
  for (const [key, pod] of Object.entries(pods)) {
    const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
    let list = m.get(node);
    if (!list) m.set(node, (list = []));
    list.push(key);
  }
  for (const list of m.values()) list.sort();
  byNodeCache.set(pods, m);
  return m;
}

const EMPTY_PODS: ObjectsByKey = {};

/** The keys of the pods on one node; re-renders only when that list changes. */
export function useNodePodKeys(node: string): readonly string[] {
  return useCluster(
    useShallow((s: ClusterState) => podsByNode(s.objects.Pod ?? EMPTY_PODS).get(node) ?? EMPTY),
  );
}

export function groupOf(pod: KubeObject, groupBy: GroupBy): string | undefined {
  if (groupBy === 'namespace') return pod.metadata?.namespace ?? 'default';
  if (groupBy === 'deployment') return podDeployment(pod);
  return undefined;
}

/** Whether the current flow hop touches `component` (its box glows). */
export function useHopTouches(component: string): boolean {
  return useCluster((s) => {
    const r = s.flow.active ? s.flow.record : undefined;
    if (!r) return false;
    const norm = (id: string) => (id === 'user' ? 'kubectl' : id);
    return norm(r.from) === component || norm(r.to) === component;
  });
}
