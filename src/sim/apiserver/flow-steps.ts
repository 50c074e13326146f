import type { KubeObject } from '../api/object';
import type { FlowStep } from '../engine/trace';

/**
 * Which of the ten deployment-flow steps (DESIGN.md §4) a hop is. Only hops about a Deployment,
 * its ReplicaSets and their pods are tagged; everything else stays an untagged hop.
 */
function isDeploymentPod(obj: KubeObject | undefined): boolean {
  return (
    !!obj?.metadata?.labels?.['pod-template-hash'] &&
    (obj.metadata.ownerReferences ?? []).some((o) => o.kind === 'ReplicaSet')
  );
}

function isDeploymentReplicaSet(obj: KubeObject | undefined): boolean {
  return (obj?.metadata?.ownerReferences ?? []).some((o) => o.kind === 'Deployment');
}

/** The request hop (client → kube-apiserver). */
export function requestStep(
  verb: string,
  resource: string,
  subresource: string,
  obj: KubeObject | undefined,
  hint?: FlowStep,
): FlowStep | undefined {
  if (hint) return hint;
  if (verb === 'create' && resource === 'deployments' && !subresource) return 1;
  if (verb === 'create' && resource === 'replicasets' && isDeploymentReplicaSet(obj)) return 3;
  if (verb === 'create' && resource === 'pods' && !subresource && isDeploymentPod(obj)) return 3;
  if (verb === 'create' && resource === 'pods' && subresource === 'binding') return 6;
  return undefined;
}

/** The write hop (kube-apiserver → etcd) that the request caused. */
export function etcdStep(requestStepValue: FlowStep | undefined): FlowStep | undefined {
  switch (requestStepValue) {
    case 1:
      return 2;
    case 3:
      return undefined; // the ReplicaSet write; the pod write is tagged by etcdPodStep
    case 6:
      return 7;
    case 10:
      return 10;
    default:
      return undefined;
  }
}

/** A new deployment pod stored with no node is step 4. */
export function etcdCreateStep(resource: string, obj: KubeObject): FlowStep | undefined {
  if (
    resource === 'pods' &&
    isDeploymentPod(obj) &&
    !(obj.spec as { nodeName?: string } | undefined)?.nodeName
  )
    return 4;
  return undefined;
}

/** A watch event delivered to an in-cluster component. */
export function watchStep(
  component: string,
  resource: string,
  type: string,
  obj: KubeObject,
  prev: KubeObject | undefined,
): FlowStep | undefined {
  if (component === 'kube-controller-manager') {
    if (resource === 'deployments' && type === 'ADDED') return 3;
    if (resource === 'replicasets' && type === 'ADDED' && isDeploymentReplicaSet(obj)) return 3;
    return undefined;
  }
  if (resource !== 'pods' || !isDeploymentPod(obj)) return undefined;
  const node = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
  const prevNode = (prev?.spec as { nodeName?: string } | undefined)?.nodeName;
  if (component === 'kube-scheduler' && type === 'ADDED' && !node) return 5;
  if (component.startsWith('kubelet@') && node && !prevNode && !obj.metadata?.deletionTimestamp) return 8;
  return undefined;
}
