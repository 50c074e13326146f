import type { Node, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type {
  CycleState,
  FilterPlugin,
  NodeScore,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/types';
import { MAX_NODE_SCORE, newStatus, SKIP, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { nodeSelectorTermMatches, nodeSelectorTermsMatch, Selector } from '../../framework/labels';
import { defaultNormalizeScore } from '../../framework/normalize';
import { Names } from '../names';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const ErrReasonConflict = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilter' + Names.NodeAffinity;
const PRE_SCORE_KEY = 'PreScore' + Names.NodeAffinity;

/** nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND the required node affinity terms. */
export class RequiredNodeAffinity {
  private readonly labelSelector: Selector | undefined;
  private readonly terms: readonly NodeSelectorTerm[] | undefined;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.labelSelector = ns && Object.keys(ns).length > 0 ? Selector.fromSet(ns) : undefined;
    this.terms =
      pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  }

  match(node: Node): boolean {
    if (this.labelSelector && !this.labelSelector.matches(node.metadata?.labels)) return false;
    if (this.terms !== undefined) return nodeSelectorTermsMatch(this.terms, node);
    return true;
  }
}

/** Preferred terms with weight 0 are dropped; a term's weight counts when it matches. */
function preferredScore(terms: readonly PreferredSchedulingTerm[], node: Node): number {
  let score = 0;
  for (const t of terms) {
    if (t.weight === 0) continue;
    if (nodeSelectorTermMatches(t.preference, node)) score += t.weight;
  }
  return score;
}

/**
 * nodeaffinity: Filter enforces nodeSelector and requiredDuringScheduling terms; PreFilter narrows
 * the nodes when every term pins metadata.name; Score sums the weights of matching preferred terms.
 */
export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = Names.NodeAffinity;

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status } {
    const required = pod.pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const noNodeAffinity = required == null;
    if (noNodeAffinity && pod.pod.spec?.nodeSelector == null) return { status: SKIP };
    state.write(PRE_FILTER_KEY, new RequiredNodeAffinity(pod.pod));
    if (noNodeAffinity) return { status: SUCCESS };

    // Affinity to specific nodes by metadata.name (as DaemonSet pods carry) narrows the search.
    let nodeNames: Set<string> | undefined;
    for (const t of required.nodeSelectorTerms ?? []) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key === 'metadata.name' && r.operator === 'In') {
          const s = new Set(r.values ?? []);
          termNames = termNames === undefined ? s : new Set([...termNames].filter((n) => s.has(n)));
        }
      }
      // A term without a name constraint admits every node, since terms are ORed.
      if (termNames === undefined) return { status: SUCCESS };
      nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
    }
    if (nodeNames !== undefined && nodeNames.size === 0) {
      return { status: newStatus('UnschedulableAndUnresolvable', ErrReasonConflict) };
    }
    if (nodeNames !== undefined) return { result: { nodeNames }, status: SUCCESS };
    return { status: SUCCESS };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const required = state.read<RequiredNodeAffinity>(PRE_FILTER_KEY) ?? new RequiredNodeAffinity(pod.pod);
    return required.match(node.node) ? SUCCESS : newStatus('UnschedulableAndUnresolvable', ErrReasonPod);
  }

  preScore(state: CycleState, pod: PodInfo): Status {
    const preferred =
      pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return SKIP;
    state.write(PRE_SCORE_KEY, preferred);
    return SUCCESS;
  }

  score(state: CycleState, _pod: PodInfo, node: NodeInfo): number {
    const preferred = state.read<PreferredSchedulingTerm[]>(PRE_SCORE_KEY) ?? [];
    return preferredScore(preferred, node.node);
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return SUCCESS;
  }
}
