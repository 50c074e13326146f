import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/object';
import { toKube } from '../../api/object';
import type { Client } from '../../client/clientset';
import type { EventRecorder } from '../../client/event-recorder';
import type { Informer } from '../../client/informer';
import { canonicalJson } from './hash';

/** A failed write: the sync stops there and the key is retried with back-off, as a Go `err` return. */
export class SyncError extends Error {}

/** What one sync of one Deployment works with: its door to the API, its recorder and clock. */
export interface SyncContext {
  client: Client;
  recorder: EventRecorder;
  rsInformer: Informer;
  /** Virtual wall time, epoch ms. */
  nowMs(): number;
  /** Virtual wall time as metav1.Time. */
  timestamp(): string;
  /** Pods controlled by the ReplicaSet with this uid. */
  podsOf(rsUid: string): Pod[];
  enqueueAfter(d: Deployment, ms: number): void;
  enqueueRateLimited(d: Deployment): void;
  /** The annotations the Deployment had when the sync read it, to notice a revision change. */
  storedAnnotations: string;
}

export const DEPLOYMENTS = { resource: 'deployments', group: 'apps' } as const;
export const REPLICASETS = { resource: 'replicasets', group: 'apps' } as const;

/**
 * UpdateStatus of a Deployment. Upstream's status strategy keeps metadata changes, so the revision
 * annotation rides along; KubeSim's status subresource writes only status, so a changed annotation
 * is sent first as a merge patch of metadata (one more request on the trace, same end state).
 */
export function updateDeploymentStatus(ctx: SyncContext, d: Mutable<Deployment>): void {
  const ns = d.metadata?.namespace;
  const annotations = d.metadata?.annotations ?? {};
  if (canonicalJson(annotations) !== ctx.storedAnnotations) {
    const r = ctx.client.patch(
      { ...DEPLOYMENTS, namespace: ns },
      d.metadata!.name!,
      'application/merge-patch+json',
      {
        metadata: { annotations, resourceVersion: d.metadata?.resourceVersion },
      },
    );
    if (!r.ok) throw new SyncError(r.error.message);
    d.metadata!.resourceVersion = r.object.metadata?.resourceVersion;
    ctx.storedAnnotations = canonicalJson(annotations);
  }
  const r = ctx.client.updateStatus({ ...DEPLOYMENTS, namespace: ns }, toKube(d));
  if (!r.ok) throw new SyncError(r.error.message);
  // Later writes in this sync build on this one instead of conflicting with it.
  d.metadata!.resourceVersion = r.object.metadata?.resourceVersion;
}

export function updateReplicaSet(ctx: SyncContext, rs: Mutable<ReplicaSet>): ReplicaSet {
  const r = ctx.client.update({ ...REPLICASETS, namespace: rs.metadata?.namespace }, toKube(rs));
  if (!r.ok) throw new SyncError(r.error.message);
  return r.object as ReplicaSet;
}
