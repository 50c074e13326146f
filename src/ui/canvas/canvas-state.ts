/** Canvas-only UI state and derived indexes over the mirrored objects. */
import { useStore } from '@xyflow/react';
import { createContext, useContext } from 'react';
import { create } from 'zustand';
import type { KubeObject } from '../../worker/protocol';
import { useCluster, type ClusterState } from '../store/cluster-store';
import type { Layout } from './layout';
import { podDeployment, podHoldsResources, podRequests } from './pod-status';

export type GroupBy = 'none' | 'namespace' | 'deployment';

interface CanvasUi {
  groupBy: GroupBy;
  setGroupBy(g: GroupBy): void;
  /**
   * Screen pixels at the bottom of the canvas covered by the docked flow caption (0 when there is
   * none): the view is fitted above it, so the caption never hides a card.
   */
  bottomInset: number;
  setBottomInset(px: number): void;
}

export const useCanvasUi = create<CanvasUi>()((set) => ({
  groupBy: 'none',
  setGroupBy: (groupBy) => set({ groupBy }),
  bottomInset: 0,
  setBottomInset: (bottomInset) => set({ bottomInset }),
}));

export const LayoutContext = createContext<Layout | null>(null);

export function useLayout(): Layout {
  const l = useContext(LayoutContext);
  if (!l) throw new Error('useLayout outside the canvas');
  return l;
}

/**
 * Below this zoom the canvas draws its overview: 11 px text would be under 7 px on screen, so cards
 * show large names and pods become coloured tiles (names on hover, and again when zoomed in).
 */
export const OVERVIEW_BELOW_ZOOM = 0.6;

/** Whether the canvas is zoomed out to its overview; re-renders only when that flips. */
export function useOverview(): boolean {
  return useStore((s) => s.transform[2] < OVERVIEW_BELOW_ZOOM);
}

const EMPTY: readonly string[] = [];

/** The keys of the pods on one node (`''`: unscheduled); re-renders only when that list changes. */
export function useNodePodKeys(node: string): readonly string[] {
  return useCluster((s: ClusterState) => s.podsByNode[node] ?? EMPTY);
}

const requestsCache = new WeakMap<KubeObject, { cpuMilli: number; memoryBytes: number }>();

/** A pod's requests, parsed once per version of the pod. */
function cachedRequests(pod: KubeObject): { cpuMilli: number; memoryBytes: number } {
  let r = requestsCache.get(pod);
  if (!r)
    requestsCache.set(pod, (r = podHoldsResources(pod) ? podRequests(pod) : { cpuMilli: 0, memoryBytes: 0 }));
  return r;
}

/** CPU (milli) or memory (bytes) requested by the pods on a node that still hold resources. */
export function useNodeRequests(node: string, resource: 'cpuMilli' | 'memoryBytes'): number {
  return useCluster((s: ClusterState) => {
    const keys = s.podsByNode[node];
    const pods = s.objects.Pod;
    if (!keys || !pods) return 0;
    let sum = 0;
    for (const k of keys) {
      const p = pods[k];
      if (p) sum += cachedRequests(p)[resource];
    }
    return sum;
  });
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
