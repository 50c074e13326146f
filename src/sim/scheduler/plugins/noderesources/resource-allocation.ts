/**
 * resource_allocation.go: the scorer shared by NodeResourcesFit (LeastAllocated) and
 * NodeResourcesBalancedAllocation over the default resources, cpu and memory, each weight 1.
 */
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { podRequests } from '../../framework/resources';

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** config.DefaultResourceSpreadingResources / the default ScoringStrategy resources. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/**
 * calculatePodResourceRequestList: the pod's request per resource. `useRequested` false (LeastAllocated)
 * counts a missing cpu/memory request as 100m/200Mi; true (BalancedAllocation) takes requests as written.
 */
export function podRequestList(
  pod: PodInfo,
  resources: readonly ResourceSpec[],
  useRequested: boolean,
): number[] {
  if (!useRequested) {
    const r = pod.calculateResource();
    return resources.map((s) =>
      s.name === 'cpu'
        ? r.non0CPU
        : s.name === 'memory'
          ? r.non0Mem
          : (podRequests(pod.pod, true).get(s.name) ?? 0),
    );
  }
  const r = pod.calculateResource().resource;
  return resources.map((s) =>
    s.name === 'cpu'
      ? r.milliCPU
      : s.name === 'memory'
        ? r.memory
        : s.name === 'ephemeral-storage'
          ? r.ephemeralStorage
          : (r.scalar.get(s.name) ?? 0),
  );
}

/**
 * calculateResourceAllocatableRequest: (allocatable, node's requested + pod's request). An extended
 * resource the pod does not request is left out (0, 0), as upstream does.
 */
export function allocatableAndRequested(
  node: NodeInfo,
  resource: string,
  podRequest: number,
  useRequested: boolean,
): [number, number] {
  if (resource === 'cpu') {
    const req = useRequested ? node.requested.milliCPU : node.nonZeroRequested.milliCPU;
    return [node.allocatable.milliCPU, req + podRequest];
  }
  if (resource === 'memory') {
    const req = useRequested ? node.requested.memory : node.nonZeroRequested.memory;
    return [node.allocatable.memory, req + podRequest];
  }
  if (podRequest === 0) return [0, 0];
  if (resource === 'ephemeral-storage') {
    return [node.allocatable.ephemeralStorage, node.requested.ephemeralStorage + podRequest];
  }
  return [
    node.allocatable.scalar.get(resource) ?? 0,
    (node.requested.scalar.get(resource) ?? 0) + podRequest,
  ];
}

/** resourceAllocationScorer.score: fills requested/allocatable (reused buffers) and runs the scorer. */
export function scoreResources(
  node: NodeInfo,
  podReqs: readonly number[],
  resources: readonly ResourceSpec[],
  useRequested: boolean,
  requested: number[],
  allocatable: number[],
  scorer: (requested: readonly number[], allocatable: readonly number[]) => number,
): number {
  for (let i = 0; i < resources.length; i++) {
    const [alloc, req] = allocatableAndRequested(node, resources[i].name, podReqs[i], useRequested);
    // Only fill an entry when the node has some of it, as upstream does.
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req;
  }
  return scorer(requested, allocatable);
}
