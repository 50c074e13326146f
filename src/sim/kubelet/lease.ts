import type { Lease } from 'kubernetes-types/coordination/v1';
import { toKube, type KubeObject } from '../api/object';
import type { Client } from '../client/clientset';
import type { Engine } from '../engine/simulation';

export const LEASE_DURATION_SECONDS = 40;
export const LEASE_RENEW_MS = 10_000;
const LEASES = { resource: 'leases', group: 'coordination.k8s.io', namespace: 'kube-node-lease' };

/**
 * The node's heartbeat (component-helpers/apimachinery/lease controller): a Lease named after
 * the node in `kube-node-lease`, owned by the Node, whose renewTime the kubelet moves forward
 * every 10 s. The node lifecycle controller reads it to tell a live node from a dead one.
 */
export class NodeLease {
  private latest: KubeObject | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    private readonly nodeName: string,
  ) {}

  renew(nodeUid: string | undefined): void {
    if (this.latest) {
      const next = structuredClone(this.latest) as KubeObject & { spec?: Lease['spec'] };
      next.spec = { ...next.spec, holderIdentity: this.nodeName, renewTime: this.engine.microTimestamp() };
      const r = this.client.update(LEASES, next, { summary: `PUT leases/${this.nodeName} (renew)` });
      if (r.ok) {
        this.latest = r.object;
        return;
      }
      this.latest = undefined;
    }
    const got = this.client.get(LEASES, this.nodeName);
    if (got.ok) {
      this.latest = got.object;
      return this.renew(nodeUid);
    }
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.nodeName,
        namespace: 'kube-node-lease',
        ...(nodeUid
          ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: nodeUid }] }
          : {}),
      },
      spec: {
        holderIdentity: this.nodeName,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime: this.engine.microTimestamp(),
      },
    };
    const r = this.client.create(LEASES, toKube(lease), { summary: `POST leases (${this.nodeName})` });
    if (r.ok) this.latest = r.object;
  }
}
