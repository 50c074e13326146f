import type { ClusterClient } from './client';

/** The collections the UI mirrors. Issue 6's canvas adds pods, deployments, services, … here. */
export const WATCHES = [{ watchId: 'nodes', kind: 'Node', path: '/api/v1/nodes' }] as const;

export function startWatches(client: ClusterClient): void {
  for (const w of WATCHES) client.watch(w.watchId, w.kind, w.path);
}
