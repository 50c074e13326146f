import type { Node, Pod } from 'kubernetes-types/core/v1';
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
import { MAX_NODE_SCORE, newStatus, SKIP, SUCCESS, type Status } from '../../framework/types';
import type { SchedulingContext } from '../../framework/context';
import type { Labels } from '../../framework/labels';
import {
  affinityTermMatches,
  podNamespace,
  type AffinityTerm,
  type NodeInfo,
  type PodInfo,
  type WeightedAffinityTerm,
} from '../../framework/node-info';
import { Names } from '../names';

export const ErrReasonExistingAntiAffinityRulesNotMatch =
  "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** InterPodAffinityArgs.HardPodAffinityWeight default. */
export const HARD_POD_AFFINITY_WEIGHT = 1;

const PRE_FILTER_KEY = 'PreFilter' + Names.InterPodAffinity;
const PRE_SCORE_KEY = 'PreScore' + Names.InterPodAffinity;

/** topologyToMatchedTermCount, keyed "key\0value". */
type TopologyCounts = Map<string, number>;

function pairKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function updateCount(m: TopologyCounts, node: Node, topologyKey: string, value: number): void {
  const labels = node.metadata?.labels;
  if (!labels || !(topologyKey in labels)) return;
  const k = pairKey(topologyKey, labels[topologyKey]);
  const v = (m.get(k) ?? 0) + value;
  if (v === 0) m.delete(k);
  else m.set(k, v);
}

function nsLabelsOf(ctx: SchedulingContext, pod: Pod): Labels | undefined {
  return ctx.namespaceLabels?.(podNamespace(pod));
}

/** podMatchesAllAffinityTerms: every term matches (and there is at least one). */
function podMatchesAllAffinityTerms(
  terms: readonly AffinityTerm[],
  pod: Pod,
  nsLabels: Labels | undefined,
): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!affinityTermMatches(t, pod, nsLabels)) return false;
  return true;
}

interface PreFilterState {
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
  nsLabels: Labels | undefined;
}

type ScoreMap = Map<string, Map<string, number>>;

interface PreScoreState {
  topologyScore: ScoreMap;
}

function processTerm(
  m: ScoreMap,
  term: AffinityTerm,
  weight: number,
  pod: Pod,
  nsLabels: Labels | undefined,
  node: Node,
  multiplier: number,
): void {
  if (!affinityTermMatches(term, pod, nsLabels)) return;
  const labels = node.metadata?.labels;
  if (!labels || !(term.topologyKey in labels)) return;
  let byValue = m.get(term.topologyKey);
  if (!byValue) m.set(term.topologyKey, (byValue = new Map()));
  const v = labels[term.topologyKey];
  byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
}

function processTerms(
  m: ScoreMap,
  terms: readonly WeightedAffinityTerm[],
  pod: Pod,
  nsLabels: Labels | undefined,
  node: Node,
  multiplier: number,
): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, node, multiplier);
}

/**
 * interpodaffinity: required pod affinity / anti-affinity (the incoming pod's and, symmetrically, the
 * existing pods' anti-affinity) filter by topology domain; preferred terms of both sides, and the
 * existing pods' required affinity (weight 1), score.
 */
export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.InterPodAffinity;

  preFilter(
    state: CycleState,
    pod: PodInfo,
    handle: PluginHandle,
  ): { result?: PreFilterResult; status: Status } {
    const nodesWithAnti = handle.allNodes.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    if (
      pod.requiredAffinityTerms.length === 0 &&
      pod.requiredAntiAffinityTerms.length === 0 &&
      nodesWithAnti.length === 0
    ) {
      return { status: SKIP };
    }
    const ctx = handle.context;
    const incoming = pod.pod;
    const incomingNsLabels = nsLabelsOf(ctx, incoming);

    // Existing pods' required anti-affinity terms that the incoming pod matches.
    const existingAntiAffinityCounts: TopologyCounts = new Map();
    for (const ni of nodesWithAnti) {
      for (const existing of ni.podsWithRequiredAntiAffinity) {
        for (const t of existing.requiredAntiAffinityTerms) {
          if (affinityTermMatches(t, incoming, incomingNsLabels))
            updateCount(existingAntiAffinityCounts, ni.node, t.topologyKey, 1);
        }
      }
    }

    // The incoming pod's required terms, counted over the existing pods they match.
    const affinityCounts: TopologyCounts = new Map();
    const antiAffinityCounts: TopologyCounts = new Map();
    if (pod.requiredAffinityTerms.length > 0 || pod.requiredAntiAffinityTerms.length > 0) {
      for (const ni of handle.allNodes) {
        for (const existing of ni.pods) {
          const ep = existing.pod;
          const epNs = nsLabelsOf(ctx, ep);
          if (podMatchesAllAffinityTerms(pod.requiredAffinityTerms, ep, epNs)) {
            for (const t of pod.requiredAffinityTerms) updateCount(affinityCounts, ni.node, t.topologyKey, 1);
          }
          for (const t of pod.requiredAntiAffinityTerms) {
            if (affinityTermMatches(t, ep, epNs)) updateCount(antiAffinityCounts, ni.node, t.topologyKey, 1);
          }
        }
      }
    }
    state.write(PRE_FILTER_KEY, {
      existingAntiAffinityCounts,
      affinityCounts,
      antiAffinityCounts,
      nsLabels: incomingNsLabels,
    } satisfies PreFilterState);
    return { status: SUCCESS };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return SUCCESS;
    const labels = node.node.metadata?.labels ?? {};
    if (!this.satisfyPodAffinity(s, pod, labels)) {
      return newStatus('UnschedulableAndUnresolvable', ErrReasonAffinityRulesNotMatch);
    }
    if (s.antiAffinityCounts.size > 0) {
      for (const t of pod.requiredAntiAffinityTerms) {
        if (
          t.topologyKey in labels &&
          (s.antiAffinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0
        ) {
          return newStatus('Unschedulable', ErrReasonAntiAffinityRulesNotMatch);
        }
      }
    }
    if (s.existingAntiAffinityCounts.size > 0) {
      for (const k of Object.keys(labels)) {
        if ((s.existingAntiAffinityCounts.get(pairKey(k, labels[k])) ?? 0) > 0) {
          return newStatus('Unschedulable', ErrReasonExistingAntiAffinityRulesNotMatch);
        }
      }
    }
    return SUCCESS;
  }

  private satisfyPodAffinity(s: PreFilterState, pod: PodInfo, labels: Labels): boolean {
    let podsExist = true;
    for (const t of pod.requiredAffinityTerms) {
      // Every topology label the terms name must be on the node.
      if (!(t.topologyKey in labels)) return false;
      if ((s.affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist) {
      // The first pod of a group with affinity to itself: let it in if nothing else matches and it
      // matches its own terms, or such groups could never start.
      return (
        s.affinityCounts.size === 0 &&
        podMatchesAllAffinityTerms(pod.requiredAffinityTerms, pod.pod, s.nsLabels)
      );
    }
    return true;
  }

  preScore(state: CycleState, pod: PodInfo, feasible: readonly NodeInfo[], handle: PluginHandle): Status {
    if (feasible.length === 0) return SKIP;
    const hasConstraints = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
    const ctx = handle.context;
    const incoming = pod.pod;
    const incomingNsLabels = nsLabelsOf(ctx, incoming);
    const topologyScore: ScoreMap = new Map();
    for (const ni of handle.allNodes) {
      // Without preferred terms of its own, only existing pods with affinity can move the score.
      const pods = hasConstraints ? ni.pods : ni.podsWithAffinity;
      if (pods.length === 0) continue;
      const node = ni.node;
      const labels = node.metadata?.labels;
      if (!labels || Object.keys(labels).length === 0) continue;
      for (const existing of pods) {
        const ep = existing.pod;
        const epNs = nsLabelsOf(ctx, ep);
        processTerms(topologyScore, pod.preferredAffinityTerms, ep, epNs, node, 1);
        processTerms(topologyScore, pod.preferredAntiAffinityTerms, ep, epNs, node, -1);
        if (HARD_POD_AFFINITY_WEIGHT > 0) {
          for (const t of existing.requiredAffinityTerms) {
            processTerm(topologyScore, t, HARD_POD_AFFINITY_WEIGHT, incoming, incomingNsLabels, node, 1);
          }
        }
        processTerms(topologyScore, existing.preferredAffinityTerms, incoming, incomingNsLabels, node, 1);
        processTerms(
          topologyScore,
          existing.preferredAntiAffinityTerms,
          incoming,
          incomingNsLabels,
          node,
          -1,
        );
      }
    }
    if (topologyScore.size === 0) return SKIP;
    state.write(PRE_SCORE_KEY, { topologyScore } satisfies PreScoreState);
    return SUCCESS;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s) return 0;
    const labels = node.node.metadata?.labels ?? {};
    let score = 0;
    for (const [tpKey, byValue] of s.topologyScore) {
      if (tpKey in labels) score += byValue.get(labels[tpKey]) ?? 0;
    }
    return score;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: NodeScore[]): Status {
    const s = state.read<PreScoreState>(PRE_SCORE_KEY);
    if (!s || s.topologyScore.size === 0) return SUCCESS;
    let minCount = Number.MAX_SAFE_INTEGER;
    let maxCount = Number.MIN_SAFE_INTEGER;
    for (const x of scores) {
      if (x.score > maxCount) maxCount = x.score;
      if (x.score < minCount) minCount = x.score;
    }
    const diff = maxCount - minCount;
    for (const x of scores) {
      let f = 0;
      if (diff > 0) f = MAX_NODE_SCORE * ((x.score - minCount) / diff);
      x.score = Math.trunc(f);
    }
    return SUCCESS;
  }
}
