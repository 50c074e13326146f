/** Which inspector is open and what it looks at. Canvas clicks and links in the inspectors set it. */
import { create } from 'zustand';

export type InspectorTab = 'object' | 'etcd' | 'scheduler' | 'proxy' | 'events';
export const INSPECTOR_TABS: readonly InspectorTab[] = ['object', 'etcd', 'scheduler', 'proxy', 'events'];

/** An object the object inspector shows. */
export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface PodRef {
  namespace: string;
  name: string;
}

interface InspectorState {
  open: boolean;
  tab: InspectorTab;
  object?: ObjectRef;
  etcdKey?: string;
  /** The pod whose scheduling decision is shown; undefined: the latest decision on the trace. */
  schedulerPod?: PodRef;
  proxyNode?: string;
  /** Text the events list is filtered by (set when opened from an object). */
  eventsFilter: string;
  /** `Normal`, `Warning`, or '' for both. */
  eventsType: string;
  /** One reason, or '' for all. */
  eventsReason: string;
  show(tab: InspectorTab): void;
  close(): void;
  inspectObject(ref: ObjectRef): void;
  inspectEtcd(key?: string): void;
  inspectScheduler(pod?: PodRef): void;
  inspectProxy(node?: string): void;
  inspectEvents(filter?: string): void;
}

export const useInspector = create<InspectorState>()((set) => ({
  open: false,
  tab: 'object',
  eventsFilter: '',
  eventsType: '',
  eventsReason: '',
  show: (tab) => set({ open: true, tab }),
  close: () => set({ open: false }),
  inspectObject: (object) => set({ open: true, tab: 'object', object }),
  inspectEtcd: (etcdKey) => set((s) => ({ open: true, tab: 'etcd', etcdKey: etcdKey ?? s.etcdKey })),
  inspectScheduler: (schedulerPod) =>
    set((s) => ({ open: true, tab: 'scheduler', schedulerPod: schedulerPod ?? s.schedulerPod })),
  inspectProxy: (proxyNode) =>
    set((s) => ({ open: true, tab: 'proxy', proxyNode: proxyNode ?? s.proxyNode })),
  inspectEvents: (filter) =>
    set((s) => ({ open: true, tab: 'events', eventsFilter: filter ?? s.eventsFilter })),
}));
