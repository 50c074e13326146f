import type { Pod, Toleration } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import type { ResourceInfo } from '../resources';

/** DefaultTolerationSeconds: pods tolerate a not-ready or unreachable node for 300 s before eviction. */
export function defaultTolerationSeconds(info: ResourceInfo, obj: KubeObject): void {
  if (info.resource !== 'pods') return;
  const spec = (obj as Mutable<Pod>).spec;
  if (!spec) return;
  const tolerations: Mutable<Toleration>[] = spec.tolerations ?? [];
  const has = (key: string) =>
    tolerations.some(
      (t) =>
        (t.key === key || (t.operator === 'Exists' && !t.key)) && (!t.effect || t.effect === 'NoExecute'),
    );
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!has(key)) tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}
