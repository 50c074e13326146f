import { MAX_NODE_SCORE, idiv } from '../../framework/types';
import type { ResourceSpec } from './resource-allocation';

/**
 * leastRequestedScore: the unused share of capacity, 0–100, integer division.
 * (capacity − requested) × 100 / capacity; an over-committed node scores 0.
 */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) return 0;
  return idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
}

/** leastResourceScorer: weighted mean of the per-resource scores, integer division. */
export function leastResourceScorer(resources: readonly ResourceSpec[]) {
  return (requested: readonly number[], allocatable: readonly number[]): number => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = resources[i].weight;
      nodeScore += leastRequestedScore(requested[i], allocatable[i]) * weight;
      weightSum += weight;
    }
    if (weightSum === 0) return 0;
    return idiv(nodeScore, weightSum);
  };
}
