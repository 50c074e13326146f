import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../api/object';
import type { ApiResult } from '../../apiserver/apiserver';
import { matchesLabels, type LabelRequirement } from '../../apiserver/selectors';
import type { Client } from '../../client/clientset';

/** metav1.GetControllerOf. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: how a controller marks what it owns. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export interface ClaimTarget {
  resource: string;
  group?: string;
}

/**
 * controller.BaseControllerRefManager.ClaimObject over a list: keeps what the owner controls and
 * still selects, adopts orphans it selects, releases what it controls but no longer selects. Adopt
 * and release are strategic-merge patches of `ownerReferences` (merge key `uid`), as upstream sends.
 */
export class ControllerRefManager {
  private adoptable: boolean | undefined;

  constructor(
    private readonly client: Client,
    private readonly owner: KubeObject,
    private readonly ownerApiVersion: string,
    private readonly ownerKind: string,
    private readonly selector: LabelRequirement[],
    private readonly target: ClaimTarget,
    /** RecheckDeletionTimestamp: a fresh GET of the owner before the first adoption. */
    private readonly canAdopt: () => boolean,
  ) {}

  claim<T extends KubeObject>(objs: T[]): { claimed: T[]; error?: string } {
    const claimed: T[] = [];
    let error: string | undefined;
    const ownerUid = this.owner.metadata?.uid;
    const ownerDeleting = !!this.owner.metadata?.deletionTimestamp;
    for (const obj of objs) {
      const matches = matchesLabels(this.selector, obj.metadata?.labels);
      const ref = controllerOf(obj);
      if (ref) {
        if (ref.uid !== ownerUid) continue;
        if (matches) {
          claimed.push(obj);
          continue;
        }
        if (ownerDeleting) continue;
        const r = this.release(obj);
        if (!r.ok && r.error.code !== 404 && r.error.code !== 422) error ??= r.error.message;
        continue;
      }
      if (ownerDeleting || !matches || obj.metadata?.deletionTimestamp) continue;
      if (obj.metadata?.namespace !== this.owner.metadata?.namespace) continue;
      this.adoptable ??= this.canAdopt();
      if (!this.adoptable) {
        error ??= `can't adopt ${this.ownerKind} orphan ${obj.metadata?.name}: owner is being deleted or gone`;
        continue;
      }
      const r = this.adopt(obj);
      if (r.ok) claimed.push(r.object as T);
      else if (r.error.code !== 404) error ??= r.error.message;
    }
    return { claimed, error };
  }

  private adopt(obj: KubeObject): ApiResult {
    const ref = newControllerRef(this.owner, this.ownerApiVersion, this.ownerKind);
    return this.client.patch(
      { ...this.target, namespace: obj.metadata?.namespace },
      obj.metadata!.name!,
      'application/strategic-merge-patch+json',
      { metadata: { ownerReferences: [ref], uid: obj.metadata?.uid } },
    );
  }

  private release(obj: KubeObject): ApiResult {
    return this.client.patch(
      { ...this.target, namespace: obj.metadata?.namespace },
      obj.metadata!.name!,
      'application/strategic-merge-patch+json',
      {
        metadata: {
          ownerReferences: [{ $patch: 'delete', uid: this.owner.metadata?.uid }],
          uid: obj.metadata?.uid,
        },
      },
    );
  }
}
