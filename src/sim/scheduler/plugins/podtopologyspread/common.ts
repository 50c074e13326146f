import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import type { SchedulingContext } from '../../framework/context';
import {
  doNotScheduleTaint,
  findMatchingUntoleratedTaint,
  labelSelectorAsSelector,
  mergeLabelSetWithSelector,
  Selector,
  type Labels,
} from '../../framework/labels';
import { podNamespace, type NodeInfo, type PodInfo } from '../../framework/node-info';
import type { RequiredNodeAffinity } from '../nodeaffinity/node-affinity';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** The internal topologySpreadConstraint: selector compiled, policies defaulted. */
export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** config.SystemDefaultingType constraints: zone maxSkew 5, hostname maxSkew 3, both ScheduleAnyway. */
export const SYSTEM_DEFAULT_CONSTRAINTS: ReadonlyArray<{
  topologyKey: string;
  maxSkew: number;
  when: string;
}> = [
  { topologyKey: LABEL_HOSTNAME, maxSkew: 3, when: 'ScheduleAnyway' },
  { topologyKey: LABEL_ZONE, maxSkew: 5, when: 'ScheduleAnyway' },
];

/** filterTopologySpreadConstraints: the pod's constraints of one kind, with matchLabelKeys merged in. */
export function filterConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Labels | undefined,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorAsSelector(c.labelSelector);
    if ((c.matchLabelKeys ?? []).length > 0 && podLabels) {
      const set: Record<string, string> = {};
      for (const k of c.matchLabelKeys ?? []) if (k in podLabels) set[k] = podLabels[k];
      if (Object.keys(set).length > 0) selector = mergeLabelSetWithSelector(set, selector);
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
    });
  }
  return out;
}

/**
 * helper.DefaultSelector: the selectors of the Services selecting the pod, merged, plus the selector of
 * its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(pod: Pod, ctx: SchedulingContext): Selector {
  const ns = podNamespace(pod);
  const labels = pod.metadata?.labels ?? {};
  const set: Record<string, string> = {};
  for (const svc of ctx.services?.(ns) ?? []) {
    const sel = svc.spec?.selector;
    if (sel == null) continue;
    if (Selector.fromSet(sel).matches(labels)) Object.assign(set, sel);
  }
  let selector = Object.keys(set).length > 0 ? Selector.fromSet(set) : Selector.EVERYTHING;
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller);
  if (!owner) return selector;
  const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
  if (group === '' && owner.kind === 'ReplicationController') {
    const rc = ctx.replicationController?.(ns, owner.name);
    if (rc) selector = Selector.fromSet({ ...set, ...(rc.spec?.selector ?? {}) });
  } else if (group === 'apps' && owner.kind === 'ReplicaSet') {
    const rs = ctx.replicaSet?.(ns, owner.name);
    if (rs) {
      const other = labelSelectorAsSelector(rs.spec?.selector);
      if (!other.nothing) selector = selector.add(other);
    }
  } else if (group === 'apps' && owner.kind === 'StatefulSet') {
    const ss = ctx.statefulSet?.(ns, owner.name);
    if (ss) {
      const other = labelSelectorAsSelector(ss.spec?.selector);
      if (!other.nothing) selector = selector.add(other);
    }
  }
  return selector;
}

/** buildDefaultConstraints: the system defaults, for pods that some Service or controller selects. */
export function buildDefaultConstraints(
  pod: Pod,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
  ctx: SchedulingContext,
): SpreadConstraint[] {
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.when === action);
  if (defaults.length === 0) return [];
  const selector = defaultSelector(pod, ctx);
  if (selector.empty()) return [];
  return defaults.map((c) => ({
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: 1,
    nodeAffinityPolicy: 'Honor' as const,
    nodeTaintsPolicy: 'Ignore' as const,
  }));
}

export function nodeLabelsMatchSpreadConstraints(
  labels: Labels | undefined,
  constraints: readonly SpreadConstraint[],
): boolean {
  if (!labels) return constraints.length === 0;
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Ignore (default). */
export function matchNodeInclusionPolicies(
  c: SpreadConstraint,
  pod: Pod,
  node: Node,
  required: RequiredNodeAffinity,
): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor') {
    if (findMatchingUntoleratedTaint(node.spec?.taints, pod.spec?.tolerations, doNotScheduleTaint))
      return false;
  }
  return true;
}

/** The memo key for one selector in one namespace; built once per cycle so lookups reuse its hash. */
export function countMemoKey(ns: string, selector: Selector): string {
  return `pts\u0000${ns}\u0000${selector.key()}`;
}

/**
 * countPodsMatchSelector: live pods in the namespace matching the selector. Memoized on the node's
 * generation, because with the system defaults every replica of a Deployment asks the same question
 * of every node, and only the node that took the last pod has changed since.
 */
export function countPodsMatchSelector(
  node: NodeInfo,
  selector: Selector,
  ns: string,
  memoKey: string,
): number {
  if (selector.empty()) return 0;
  const m = node.memo.get(memoKey);
  if (m && m.generation === node.generation) return m.value;
  let count = 0;
  const pods: readonly PodInfo[] = node.pods;
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i].pod;
    // Terminating pods are bypassed (kubernetes#87621).
    if (p.metadata?.deletionTimestamp || podNamespace(p) !== ns) continue;
    if (selector.matches(p.metadata?.labels)) count++;
  }
  if (m) {
    m.generation = node.generation;
    m.value = count;
  } else {
    node.memo.set(memoKey, { generation: node.generation, value: count });
  }
  return count;
}
