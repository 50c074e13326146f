import type { Toleration } from 'kubernetes-types/core/v1';
import type { CycleState, FilterPlugin, NodeScore, PreScorePlugin, ScorePlugin } from '../../framework/types';
import { MAX_NODE_SCORE, newStatus, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import {
  doNotScheduleTaint,
  findMatchingUntoleratedTaint,
  tolerationsTolerateTaint,
} from '../../framework/labels';
import { defaultNormalizeScore } from '../../framework/normalize';
import { Names } from '../names';

const PRE_SCORE_KEY = 'PreScore' + Names.TaintToleration;

/**
 * tainttoleration: Filter rejects a node with a NoSchedule/NoExecute taint the pod does not
 * tolerate; Score counts PreferNoSchedule taints the pod does not tolerate (fewer is better).
 */
export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.TaintToleration;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const taint = findMatchingUntoleratedTaint(
      node.node.spec?.taints,
      pod.pod.spec?.tolerations,
      doNotScheduleTaint,
    );
    if (!taint) return SUCCESS;
    return newStatus(
      'UnschedulableAndUnresolvable',
      `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`,
    );
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    // getAllTolerationPreferNoSchedule: only tolerations with no effect or PreferNoSchedule count.
    const tolerations = (pod.pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    state.write(PRE_SCORE_KEY, tolerations);
    return SUCCESS;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? [];
    let intolerable = 0;
    for (const taint of node.node.spec?.taints ?? []) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) intolerable++;
    }
    return intolerable;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return SUCCESS;
  }
}
