import type { CycleState, PluginHandle, PreScorePlugin, ScorePlugin } from '../../framework/types';
import { MAX_NODE_SCORE, idiv, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { Names } from '../names';

const MB = 1024 * 1024;
/** Below 23MB an image is too small to matter; 1000MB per container caps the benefit. */
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

const PRE_SCORE_KEY = 'PreScore' + Names.ImageLocality;

interface ImageLocalityState {
  totalNumNodes: number;
  /** Normalized image name → number of nodes that have it (ImageStateSummary.NumNodes). */
  numNodes: Map<string, number>;
  images: string[];
}

/** normalizedImageName: no tag or digest means `:latest` (no registry defaulting, as upstream). */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return name + ':latest';
  return name;
}

/** calculatePriority: the summed, spread-scaled sizes clamped to [23MB, 1000MB × containers], to 0–100. */
export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
  let s = sumScores;
  if (s < MIN_THRESHOLD) s = MIN_THRESHOLD;
  else if (s > maxThreshold) s = maxThreshold;
  return idiv(MAX_NODE_SCORE * (s - MIN_THRESHOLD), maxThreshold - MIN_THRESHOLD);
}

/**
 * imagelocality: favours nodes that already hold the pod's images, scaled by how widely each image
 * is spread (an image on every node says little about this one). Upstream reads NumNodes from the
 * scheduler cache; here PreScore counts it over the snapshot for just the pod's images.
 */
export class ImageLocality implements PreScorePlugin, ScorePlugin {
  readonly name = Names.ImageLocality;

  preScore(state: CycleState, pod: PodInfo, _feasible: readonly NodeInfo[], handle: PluginHandle): Status {
    const images: string[] = [];
    for (const c of pod.pod.spec?.initContainers ?? []) images.push(normalizedImageName(c.image ?? ''));
    for (const c of pod.pod.spec?.containers ?? []) images.push(normalizedImageName(c.image ?? ''));
    const numNodes = new Map<string, number>();
    for (const img of images) {
      if (numNodes.has(img)) continue;
      let n = 0;
      for (const ni of handle.allNodes) if (ni.imageSizes.has(img)) n++;
      numNodes.set(img, n);
    }
    state.write(PRE_SCORE_KEY, {
      totalNumNodes: handle.allNodes.length,
      numNodes,
      images,
    } satisfies ImageLocalityState);
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const s = state.read<ImageLocalityState>(PRE_SCORE_KEY);
    if (!s) return 0;
    let sum = 0;
    for (const img of s.images) {
      const size = node.imageSizes.get(img);
      if (size === undefined) continue;
      // scaledImageScore: int64(float64(size) * float64(numNodes)/float64(totalNumNodes)).
      const spread = (s.numNodes.get(img) ?? 0) / s.totalNumNodes;
      sum += Math.trunc(size * spread);
    }
    const numContainers =
      (pod.pod.spec?.initContainers?.length ?? 0) + (pod.pod.spec?.containers?.length ?? 0);
    return calculatePriority(sum, numContainers);
  }
}
