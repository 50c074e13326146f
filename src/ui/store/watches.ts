import type { ClusterClient } from './client';

/** The collections the UI mirrors (watch events only: the UI's mirroring never shows on the trace). */
export const WATCHES = [
  { watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' },
  { watchId: 'pods', kind: 'Pod', path: '/api/v1/pods' },
  { watchId: 'deployments', kind: 'Deployment', path: '/apis/apps/v1/deployments' },
  { watchId: 'replicasets', kind: 'ReplicaSet', path: '/apis/apps/v1/replicasets' },
] as const;

export function startWatches(client: ClusterClient): void {
  for (const w of WATCHES) client.watch(w.watchId, w.kind, w.path);
}
