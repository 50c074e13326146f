import type {
  CycleState,
  FilterPlugin,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/types';
import { newStatus, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import type { Resource } from '../../framework/resources';
import { Names } from '../names';
import { DEFAULT_RESOURCES, podRequestList, scoreResources, type ResourceSpec } from './resource-allocation';
import { leastResourceScorer } from './least-allocated';

const PRE_FILTER_KEY = 'PreFilter' + Names.NodeResourcesFit;
const PRE_SCORE_KEY = 'PreScore' + Names.NodeResourcesFit;

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/**
 * fitsRequest: every resource the pod requests must fit in allocatable − requested. All shortfalls are
 * reported (pods first, then cpu, memory, ephemeral-storage, extended), each as its own reason.
 */
export function fitsRequest(podRequest: Resource, node: NodeInfo): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({
      resourceName: 'pods',
      reason: 'Too many pods',
      requested: 1,
      used: node.pods.length,
      capacity: alloc.allowedPodNumber,
    });
  }
  if (
    podRequest.milliCPU === 0 &&
    podRequest.memory === 0 &&
    podRequest.ephemeralStorage === 0 &&
    podRequest.scalar.size === 0
  ) {
    return out;
  }
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({
      resourceName: 'cpu',
      reason: 'Insufficient cpu',
      requested: podRequest.milliCPU,
      used: used.milliCPU,
      capacity: alloc.milliCPU,
    });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({
      resourceName: 'memory',
      reason: 'Insufficient memory',
      requested: podRequest.memory,
      used: used.memory,
      capacity: alloc.memory,
    });
  }
  if (
    podRequest.ephemeralStorage > 0 &&
    podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage
  ) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  for (const [name, q] of podRequest.scalar) {
    const a = alloc.scalar.get(name) ?? 0;
    const u = used.scalar.get(name) ?? 0;
    if (q > a - u) {
      out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: a });
    }
  }
  return out;
}

/**
 * noderesources.Fit: Filter checks requests against free allocatable; Score is the default
 * LeastAllocated strategy over cpu and memory (weights 1, 1).
 */
export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesFit;
  private readonly scorer: (requested: readonly number[], allocatable: readonly number[]) => number;
  // Reused per call: Score runs once per node per cycle and must not allocate.
  private readonly reqBuf: number[];
  private readonly allocBuf: number[];

  constructor(private readonly resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {
    this.scorer = leastResourceScorer(resources);
    this.reqBuf = resources.map(() => 0);
    this.allocBuf = resources.map(() => 0);
  }

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status } {
    state.write(PRE_FILTER_KEY, pod.calculateResource().resource);
    return { status: SUCCESS };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const podRequest = state.read<Resource>(PRE_FILTER_KEY) ?? pod.calculateResource().resource;
    const insufficient = fitsRequest(podRequest, node);
    if (insufficient.length === 0) return SUCCESS;
    // v1.32 always answers Unschedulable here (preemption might free room), whatever the shortfall.
    return newStatus('Unschedulable', ...insufficient.map((r) => r.reason));
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    state.write(PRE_SCORE_KEY, podRequestList(pod, this.resources, false));
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const reqs = state.read<number[]>(PRE_SCORE_KEY) ?? podRequestList(pod, this.resources, false);
    return scoreResources(node, reqs, this.resources, false, this.reqBuf, this.allocBuf, this.scorer);
  }
}
