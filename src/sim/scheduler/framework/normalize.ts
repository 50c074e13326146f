import { idiv, type NodeScore } from './types';

/**
 * helper.DefaultNormalizeScore: scale to [0, maxPriority] by the highest score (integer math);
 * `reverse` flips it so that fewer is better. All zero → 0, or maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): void {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return;
  }
  for (const s of scores) {
    let score = idiv(maxPriority * s.score, maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
}
