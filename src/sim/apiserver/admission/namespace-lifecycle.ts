import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ResourceInfo } from '../resources';
import { errors } from '../status';
import type { AdmissionContext } from '.';

/** NamespaceLifecycle: nothing is created in a namespace that does not exist or is being deleted. */
export function namespaceLifecycle(
  ctx: AdmissionContext,
  info: ResourceInfo,
  obj: KubeObject,
  op: 'create' | 'update',
): void {
  if (!info.namespaced || op !== 'create') return;
  const name = obj.metadata?.namespace ?? '';
  const ns = ctx.namespace(name) as Namespace | undefined;
  if (!ns) throw errors.notFound({ group: '', resource: 'namespaces' }, name);
  if (ns.status?.phase === 'Terminating' || ns.metadata?.deletionTimestamp) {
    // Upstream still lets the controllers' own objects through (events, tokens); KubeSim's need none.
    if (info.resource !== 'events') throw errors.namespaceTerminating(name);
  }
}
