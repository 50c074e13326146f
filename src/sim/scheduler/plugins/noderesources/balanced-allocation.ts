import type { CycleState, PreScorePlugin, ScorePlugin } from '../../framework/types';
import { MAX_NODE_SCORE, SKIP, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { Names } from '../names';
import { DEFAULT_RESOURCES, podRequestList, scoreResources, type ResourceSpec } from './resource-allocation';

const PRE_SCORE_KEY = 'PreScore' + Names.NodeResourcesBalancedAllocation;

/**
 * balancedResourceScorer: (1 − std) × 100 truncated, std of the requested/allocatable fractions
 * (each capped at 1). For two resources std = |f1 − f2| / 2. Float64 math, as upstream.
 */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  let n = 0;
  let total = 0;
  let f0 = 0;
  let f1 = 0;
  const fractions: number[] = [];
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    let fraction = requested[i] / allocatable[i];
    if (fraction > 1) fraction = 1;
    total += fraction;
    if (n === 0) f0 = fraction;
    else if (n === 1) f1 = fraction;
    fractions.push(fraction);
    n++;
  }
  let std = 0;
  if (n === 2) {
    std = Math.abs((f0 - f1) / 2);
  } else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (const f of fractions) sum = sum + (f - mean) * (f - mean);
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

/** noderesources.BalancedAllocation: favours nodes whose cpu and memory use stay in proportion. */
export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeResourcesBalancedAllocation;
  private readonly reqBuf: number[];
  private readonly allocBuf: number[];

  constructor(private readonly resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {
    this.reqBuf = resources.map(() => 0);
    this.allocBuf = resources.map(() => 0);
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    const reqs = podRequestList(pod, this.resources, true);
    // A best-effort pod would otherwise pile onto one node (kubernetes#129138): skipped.
    if (reqs.every((r) => r === 0)) return SKIP;
    state.write(PRE_SCORE_KEY, reqs);
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const reqs = state.read<number[]>(PRE_SCORE_KEY) ?? podRequestList(pod, this.resources, true);
    return scoreResources(
      node,
      reqs,
      this.resources,
      true,
      this.reqBuf,
      this.allocBuf,
      balancedResourceScorer,
    );
  }
}
