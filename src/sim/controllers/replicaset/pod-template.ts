import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { Mutable } from '../../api/object';

/**
 * controller.GetPodFromTemplate: a pod carries the template's labels, annotations and finalizers,
 * `generateName: <owner>-` (the apiserver appends five random characters) and the controllerRef.
 */
export function podFromTemplate(
  template: PodTemplateSpec,
  ownerName: string,
  namespace: string,
  controllerRef: OwnerReference,
): Mutable<Pod> {
  const meta = template.metadata ?? {};
  const pod: Mutable<Pod> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace,
      generateName: `${ownerName}-`,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [structuredClone(controllerRef)],
    },
    spec: structuredClone(template.spec) as Mutable<Pod>['spec'],
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    pod.metadata!.annotations = { ...meta.annotations };
  if (meta.finalizers && meta.finalizers.length > 0) pod.metadata!.finalizers = [...meta.finalizers];
  return pod;
}
