/** What the object inspector knows about kinds: where they live, and how they link to each other. */
import { useEffect } from 'react';
import type { KubeObject } from '../../worker/protocol';
import type { ClusterClient } from '../store/client';
import { useClusterClient } from '../store/context';
import type { ObjectRef } from './inspector-store';

export interface KindInfo {
  kind: string;
  /** Where the kube-apiserver keeps it in etcd (services under `specs`, nodes as `minions`). */
  etcdPrefix: string;
  namespaced: boolean;
  /** `kubectl get <short>/<name>` in the OBJECT column. */
  short: string;
}

/** The kinds the object inspector can show (all mirrored by watches, so reading them puts nothing on the trace). */
export const KINDS: readonly KindInfo[] = [
  { kind: 'Pod', etcdPrefix: '/registry/pods', namespaced: true, short: 'pod' },
  { kind: 'Deployment', etcdPrefix: '/registry/deployments', namespaced: true, short: 'deployment' },
  { kind: 'ReplicaSet', etcdPrefix: '/registry/replicasets', namespaced: true, short: 'replicaset' },
  { kind: 'DaemonSet', etcdPrefix: '/registry/daemonsets', namespaced: true, short: 'daemonset' },
  { kind: 'Service', etcdPrefix: '/registry/services/specs', namespaced: true, short: 'service' },
  { kind: 'EndpointSlice', etcdPrefix: '/registry/endpointslices', namespaced: true, short: 'endpointslice' },
  { kind: 'Node', etcdPrefix: '/registry/minions', namespaced: false, short: 'node' },
];

export function kindInfo(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}

/** The etcd key the kube-apiserver stores an object under. */
export function etcdKeyOf(ref: ObjectRef): string | undefined {
  const info = kindInfo(ref.kind);
  if (!info) return undefined;
  return info.namespaced
    ? `${info.etcdPrefix}/${ref.namespace ?? 'default'}/${ref.name}`
    : `${info.etcdPrefix}/${ref.name}`;
}

export function refKey(ref: { namespace?: string; name: string }): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

export function refOf(obj: KubeObject): ObjectRef {
  return { kind: obj.kind ?? '', namespace: obj.metadata?.namespace, name: obj.metadata?.name ?? '' };
}

/** Extra collections the inspectors mirror, beside the canvas's. */
const EXTRA_WATCHES = [
  { watchId: 'inspector-events', kind: 'Event', path: '/api/v1/events' },
  { watchId: 'inspector-services', kind: 'Service', path: '/api/v1/services' },
  {
    watchId: 'inspector-endpointslices',
    kind: 'EndpointSlice',
    path: '/apis/discovery.k8s.io/v1/endpointslices',
  },
  { watchId: 'inspector-daemonsets', kind: 'DaemonSet', path: '/apis/apps/v1/daemonsets' },
] as const;

const started = new WeakSet<ClusterClient>();

/** Starts the inspectors' watches once per client (the client keeps them across restarts). */
export function useInspectorWatches(): void {
  const client = useClusterClient();
  useEffect(() => {
    if (started.has(client)) return;
    started.add(client);
    for (const w of EXTRA_WATCHES) client.watch(w.watchId, w.kind, w.path);
  }, [client]);
}
