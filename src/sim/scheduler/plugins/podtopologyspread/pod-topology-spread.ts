import type {
  CycleState,
  FilterPlugin,
  NodeScore,
  PluginHandle,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/types';
import { MAX_NODE_SCORE, idiv, newStatus, SKIP, SUCCESS, type Status } from '../../framework/types';
import { podNamespace, type NodeInfo, type PodInfo } from '../../framework/node-info';
import { RequiredNodeAffinity } from '../nodeaffinity/node-affinity';
import { Names } from '../names';
import {
  buildDefaultConstraints,
  countMemoKey,
  countPodsMatchSelector,
  filterConstraints,
  LABEL_HOSTNAME,
  matchNodeInclusionPolicies,
  nodeLabelsMatchSpreadConstraints,
  type SpreadConstraint,
} from './common';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

const PRE_FILTER_KEY = 'PreFilter' + Names.PodTopologySpread;
const PRE_SCORE_KEY = 'PreScore' + Names.PodTopologySpread;

interface PreFilterState {
  constraints: SpreadConstraint[];
  /** Per constraint: the countPodsMatchSelector memo key. */
  selectorKeys: string[];
  /** Per constraint: topology value → matching pods in that domain. */
  tpValueToMatchNum: Array<Map<string, number>>;
  /** Per constraint: the global minimum over its domains, 0 when there are fewer than minDomains. */
  minMatchNum: number[];
}

interface PreScoreState {
  constraints: SpreadConstraint[];
  selectorKeys: string[];
  ignoredNodes: Set<string>;
  tpValueToPodCounts: Array<Map<string, number>>;
  topologyNormalizingWeight: number[];
}

/** topologyNormalizingWeight: log(size + 2), so small topologies are not watered down by big ones. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount: cnt × weight + (maxSkew − 1); the skew tolerance softens differences. */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/**
 * podtopologyspread: DoNotSchedule constraints filter (skew = matching + self − global min ≤ maxSkew);
 * ScheduleAnyway constraints (or the system defaults: hostname maxSkew 3, zone maxSkew 5) score, fewer
 * matching pods in the node's domains scoring higher.
 */
export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.PodTopologySpread;
  /** The default profile uses the system default constraints (defaultingType: System). */
  private readonly systemDefaulted = true;

  preFilter(
    state: CycleState,
    pod: PodInfo,
    handle: PluginHandle,
  ): { result?: PreFilterResult; status: Status } {
    const p = pod.pod;
    const own = p.spec?.topologySpreadConstraints ?? [];
    const constraints =
      own.length > 0
        ? filterConstraints(own, p.metadata?.labels, 'DoNotSchedule')
        : buildDefaultConstraints(p, 'DoNotSchedule', handle.context);
    if (constraints.length === 0) return { status: SKIP };

    const ns = podNamespace(p);
    const selectorKeys = constraints.map((c) => countMemoKey(podNamespace(p), c.selector));
    const tpValueToMatchNum = constraints.map(() => new Map<string, number>());
    const required = new RequiredNodeAffinity(p);
    for (const ni of handle.allNodes) {
      const node = ni.node;
      const labels = node.metadata?.labels;
      if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        if (!matchNodeInclusionPolicies(c, p, node, required)) continue;
        const value = labels![c.topologyKey];
        const count = countPodsMatchSelector(ni, c.selector, ns, selectorKeys[i]);
        tpValueToMatchNum[i].set(value, (tpValueToMatchNum[i].get(value) ?? 0) + count);
      }
    }
    const minMatchNum = constraints.map((c, i) => {
      const m = tpValueToMatchNum[i];
      // minDomains: with fewer eligible domains than asked for, the global minimum is taken as 0.
      if (m.size < c.minDomains) return 0;
      let min = Number.MAX_SAFE_INTEGER;
      for (const v of m.values()) if (v < min) min = v;
      return m.size === 0 ? 0 : min;
    });
    state.write(PRE_FILTER_KEY, {
      constraints,
      selectorKeys,
      tpValueToMatchNum,
      minMatchNum,
    } satisfies PreFilterState);
    return { status: SUCCESS };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s || s.constraints.length === 0) return SUCCESS;
    const labels = node.node.metadata?.labels ?? {};
    const podLabels = pod.pod.metadata?.labels;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      if (!(c.topologyKey in labels))
        return newStatus('UnschedulableAndUnresolvable', ErrReasonNodeLabelNotMatch);
      const tpVal = labels[c.topologyKey];
      const selfMatchNum = c.selector.matches(podLabels) ? 1 : 0;
      const matchNum = s.tpValueToMatchNum[i].get(tpVal) ?? 0;
      const skew = matchNum + selfMatchNum - s.minMatchNum[i];
      if (skew > c.maxSkew) return newStatus('Unschedulable', ErrReasonConstraintsNotMatch);
    }
    return SUCCESS;
  }

  preScore(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], handle: PluginHandle): Status {
    if (handle.allNodes.length === 0) return SKIP;
    const p = pod.pod;
    const own = p.spec?.topologySpreadConstraints ?? [];
    // Only require every topology label when the constraints are the pod's own: with the system
    // defaults a node without a zone label is still spread by hostname.
    const requireAllTopologies = own.length > 0 || !this.systemDefaulted;
    const constraints =
      own.length > 0
        ? filterConstraints(own, p.metadata?.labels, 'ScheduleAnyway')
        : buildDefaultConstraints(p, 'ScheduleAnyway', handle.context);
    if (constraints.length === 0) return SKIP;

    const selectorKeys = constraints.map((c) => countMemoKey(podNamespace(p), c.selector));
    const ignoredNodes = new Set<string>();
    const tpValueToPodCounts = constraints.map(() => new Map<string, number>());
    const topoSize = constraints.map(() => 0);
    for (const ni of feasible) {
      const labels = ni.node.metadata?.labels;
      if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
        ignoredNodes.add(ni.name);
        continue;
      }
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        // Per-node (hostname) counts are taken in Score.
        if (c.topologyKey === LABEL_HOSTNAME) continue;
        const value = labels?.[c.topologyKey] ?? '';
        if (!tpValueToPodCounts[i].has(value)) {
          tpValueToPodCounts[i].set(value, 0);
          topoSize[i]++;
        }
      }
    }
    const topologyNormalizingWeights = constraints.map((c, i) =>
      topologyNormalizingWeight(
        c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignoredNodes.size : topoSize[i],
      ),
    );

    const ns = podNamespace(p);
    const required = new RequiredNodeAffinity(p);
    for (const ni of handle.allNodes) {
      const node = ni.node;
      const labels = node.metadata?.labels;
      if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
      for (let i = 0; i < constraints.length; i++) {
        const c = constraints[i];
        const value = labels?.[c.topologyKey] ?? '';
        // Only domains that hold a candidate node are counted; hostname domains are never in the map.
        const cur = tpValueToPodCounts[i].get(value);
        if (cur === undefined) continue;
        if (!matchNodeInclusionPolicies(c, p, node, required)) continue;
        tpValueToPodCounts[i].set(value, cur + countPodsMatchSelector(ni, c.selector, ns, selectorKeys[i]));
      }
    }
    state.write(PRE_SCORE_KEY, {
      constraints,
      selectorKeys,
      ignoredNodes,
      tpValueToPodCounts,
      topologyNormalizingWeight: topologyNormalizingWeights,
    } satisfies PreScoreState);
    return SUCCESS;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.ignoredNodes.has(node.name)) return 0;
    const labels = node.node.metadata?.labels ?? {};
    const ns = podNamespace(pod.pod);
    let score = 0;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      if (!(c.topologyKey in labels)) continue;
      const cnt =
        c.topologyKey === LABEL_HOSTNAME
          ? countPodsMatchSelector(node, c.selector, ns, s.selectorKeys[i])
          : (s.tpValueToPodCounts[i].get(labels[c.topologyKey]) ?? 0);
      score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]);
    }
    return goRound(score);
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return SUCCESS;
    let minScore = Number.MAX_SAFE_INTEGER;
    let maxScore = 0;
    const invalid = new Array<boolean>(scores.length);
    for (let i = 0; i < scores.length; i++) {
      if (s.ignoredNodes.has(scores[i].name)) {
        invalid[i] = true;
        continue;
      }
      if (scores[i].score < minScore) minScore = scores[i].score;
      if (scores[i].score > maxScore) maxScore = scores[i].score;
    }
    for (let i = 0; i < scores.length; i++) {
      if (invalid[i]) {
        scores[i].score = 0;
        continue;
      }
      if (maxScore === 0) {
        scores[i].score = MAX_NODE_SCORE;
        continue;
      }
      scores[i].score = idiv(MAX_NODE_SCORE * (maxScore + minScore - scores[i].score), maxScore);
    }
    return SUCCESS;
  }
}

/** Go's math.Round: half away from zero (JS Math.round rounds half up). */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
