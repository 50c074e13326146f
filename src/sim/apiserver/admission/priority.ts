import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import type { ResourceInfo } from '../resources';

const SYSTEM_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/** Priority admission: the priority of the pod's class (the two built-in system classes), else 0. */
export function priority(info: ResourceInfo, obj: KubeObject): void {
  if (info.resource !== 'pods') return;
  const spec = (obj as Mutable<Pod>).spec;
  if (!spec) return;
  spec.priority = SYSTEM_CLASSES[spec.priorityClassName ?? ''] ?? 0;
  spec.preemptionPolicy ??= 'PreemptLowerPriority';
}
