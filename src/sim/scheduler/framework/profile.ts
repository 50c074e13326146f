/**
 * The default profile (pkg/scheduler/apis/config/v1/default_plugins.go, v1.32): plugin order at each
 * extension point and the score weights. Volume plugins (VolumeRestrictions, NodeVolumeLimits,
 * VolumeBinding, VolumeZone) are left out: KubeSim has no PersistentVolumes.
 */
import type { FilterPlugin, Plugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from './types';
import { isFilter, isPreFilter, isPreScore, isScore } from './types';
import { NodeUnschedulable } from '../plugins/nodeunschedulable/node-unschedulable';
import { NodeName } from '../plugins/nodename/node-name';
import { TaintToleration } from '../plugins/tainttoleration/taint-toleration';
import { NodeAffinity } from '../plugins/nodeaffinity/node-affinity';
import { NodePorts } from '../plugins/nodeports/node-ports';
import { NodeResourcesFit } from '../plugins/noderesources/fit';
import { PodTopologySpread } from '../plugins/podtopologyspread/pod-topology-spread';
import { InterPodAffinity } from '../plugins/interpodaffinity/inter-pod-affinity';
import { NodeResourcesBalancedAllocation } from '../plugins/noderesources/balanced-allocation';
import { ImageLocality } from '../plugins/imagelocality/image-locality';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** Score weights of the default profile. */
export const DEFAULT_WEIGHTS: Readonly<Record<string, number>> = {
  TaintToleration: 3,
  NodeAffinity: 2,
  PodTopologySpread: 2,
  InterPodAffinity: 2,
  NodeResourcesFit: 1,
  NodeResourcesBalancedAllocation: 1,
  ImageLocality: 1,
};

export interface Profile {
  schedulerName: string;
  /** 0 means adaptive (the default): 50% − nodes/125, at least 5%. */
  percentageOfNodesToScore: number;
  preFilter: PreFilterPlugin[];
  filter: FilterPlugin[];
  preScore: PreScorePlugin[];
  score: Array<{ plugin: ScorePlugin; weight: number }>;
}

/** Builds a profile from plugins in MultiPoint order, each extension point keeping that order. */
export function buildProfile(
  plugins: Plugin[],
  weights: Readonly<Record<string, number>>,
  percentageOfNodesToScore = 0,
): Profile {
  return {
    schedulerName: DEFAULT_SCHEDULER_NAME,
    percentageOfNodesToScore,
    preFilter: plugins.filter(isPreFilter),
    filter: plugins.filter(isFilter),
    preScore: plugins.filter(isPreScore),
    score: plugins.filter(isScore).map((plugin) => ({ plugin, weight: weights[plugin.name] ?? 1 })),
  };
}

/** The v1.32 default profile in MultiPoint order. */
export function defaultProfile(): Profile {
  return buildProfile(
    [
      new NodeUnschedulable(),
      new NodeName(),
      new TaintToleration(),
      new NodeAffinity(),
      new NodePorts(),
      new NodeResourcesFit(),
      new PodTopologySpread(),
      new InterPodAffinity(),
      new NodeResourcesBalancedAllocation(),
      new ImageLocality(),
    ],
    DEFAULT_WEIGHTS,
  );
}
