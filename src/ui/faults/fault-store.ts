/** The faults the learner injected this session: the log the panel shows, and the one being followed. */
import { create } from 'zustand';

export type FaultKind =
  | 'power-off'
  | 'power-on'
  | 'kubelet-stop'
  | 'kubelet-start'
  | 'network-cut'
  | 'network-restore'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'kube-scheduler-stop'
  | 'kube-scheduler-start'
  | 'kube-controller-manager-stop'
  | 'kube-controller-manager-start'
  | 'crash'
  | 'hang'
  | 'delete-pod'
  | 'add-node'
  | 'conflict';

export interface FaultEntry {
  id: number;
  kind: FaultKind;
  target: string;
  /** Virtual ms when it was injected. */
  at: number;
  ok: boolean;
  command: string;
  output: string;
}

/** Faults after which a node stops renewing its Lease: the consequence chain is followed. */
export const NODE_DOWN: ReadonlySet<FaultKind> = new Set(['power-off', 'kubelet-stop', 'network-cut']);

interface FaultState {
  entries: FaultEntry[];
  /** The node fault whose consequences the canvas follows. */
  story?: FaultEntry;
  log(e: Omit<FaultEntry, 'id'>): void;
  closeStory(): void;
  clear(): void;
}

let nextId = 1;

export const useFaults = create<FaultState>()((set) => ({
  entries: [],
  story: undefined,
  log: (e) =>
    set((s) => {
      const entry = { ...e, id: nextId++ };
      const story = e.ok && NODE_DOWN.has(e.kind) ? entry : s.story;
      return { entries: [...s.entries, entry].slice(-30), story };
    }),
  closeStory: () => set({ story: undefined }),
  clear: () => set({ entries: [], story: undefined }),
}));
