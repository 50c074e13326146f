import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type {
  Affinity,
  Node,
  Pod,
  PodSpec,
  PodTemplateSpec,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';
import type { Mutable } from '../../api/object';
import {
  findMatchingUntoleratedTaint,
  nodeSelectorTermsMatch,
  Selector,
} from '../../scheduler/framework/labels';
import {
  TAINT_NODE_DISK_PRESSURE,
  TAINT_NODE_MEMORY_PRESSURE,
  TAINT_NODE_NETWORK_UNAVAILABLE,
  TAINT_NODE_NOT_READY,
  TAINT_NODE_PID_PRESSURE,
  TAINT_NODE_UNREACHABLE,
  TAINT_NODE_UNSCHEDULABLE,
} from '../nodelifecycle/taints';

export const DAEMONSET_TEMPLATE_GENERATION_KEY = 'pod-template-generation';
export const CONTROLLER_REVISION_HASH_KEY = 'controller-revision-hash';

/** Toleration.MatchToleration: same key, operator, value and effect. */
function matchToleration(a: Toleration, b: Toleration): boolean {
  return (
    (a.key ?? '') === (b.key ?? '') &&
    (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') &&
    (a.effect ?? '') === (b.effect ?? '')
  );
}

function addOrUpdateToleration(spec: Mutable<PodSpec>, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const i = list.findIndex((x) => matchToleration(x, t));
  if (i >= 0) list[i] = { ...t };
  else list.push({ ...t });
  spec.tolerations = list;
}

/**
 * AddOrUpdateDaemonPodTolerations: daemon pods ride out node problems that would evict or repel
 * other pods — NotReady/unreachable forever (no tolerationSeconds), resource pressure, cordoning,
 * and for host-network pods an unconfigured network.
 */
export function addDaemonPodTolerations(spec: Mutable<PodSpec>): void {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  addOrUpdateToleration(spec, exists(TAINT_NODE_NOT_READY, 'NoExecute'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_UNREACHABLE, 'NoExecute'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_DISK_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_MEMORY_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_PID_PRESSURE, 'NoSchedule'));
  addOrUpdateToleration(spec, exists(TAINT_NODE_UNSCHEDULABLE, 'NoSchedule'));
  if (spec.hostNetwork) addOrUpdateToleration(spec, exists(TAINT_NODE_NETWORK_UNAVAILABLE, 'NoSchedule'));
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: since v1.12 the controller pins each pod to its node
 * with a required `matchFields metadata.name` term and lets the scheduler bind it.
 */
export function pinToNode(affinity: Mutable<Affinity> | undefined, nodeName: string): Mutable<Affinity> {
  const term = { matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] };
  const selector = { nodeSelectorTerms: [term] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  if (!affinity.nodeAffinity) {
    affinity.nodeAffinity = { requiredDuringSchedulingIgnoredDuringExecution: selector };
    return affinity;
  }
  if (!affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution) {
    affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = selector;
    return affinity;
  }
  // The other required terms were already checked by the controller against this node.
  affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms = [term];
  return affinity;
}

/** CreatePodTemplate: the DaemonSet's template with the daemon tolerations and the revision labels. */
export function createPodTemplate(ds: DaemonSet, hash: string): Mutable<PodTemplateSpec> {
  const t = structuredClone(ds.spec?.template ?? {}) as Mutable<PodTemplateSpec>;
  t.spec ??= { containers: [] };
  addDaemonPodTolerations(t.spec);
  t.metadata ??= {};
  t.metadata.labels = {
    ...t.metadata.labels,
    ...(ds.metadata?.generation !== undefined
      ? { [DAEMONSET_TEMPLATE_GENERATION_KEY]: String(ds.metadata.generation) }
      : {}),
    ...(hash ? { [CONTROLLER_REVISION_HASH_KEY]: hash } : {}),
  };
  return t;
}

/**
 * NewPod, reduced to what the eligibility check reads of a daemon pod (node selector, affinity, tolerations), built
 * once per DaemonSet object rather than cloning the whole template for every node on every sync.
 * Informer objects are replaced, never mutated, so the DaemonSet object identifies its template.
 */
const views = new WeakMap<DaemonSet, Pod>();
function schedulingView(ds: DaemonSet): Pod {
  let view = views.get(ds);
  if (!view) {
    const t = ds.spec?.template?.spec;
    const spec: Mutable<PodSpec> = {
      containers: [],
      nodeSelector: t?.nodeSelector,
      affinity: t?.affinity as Mutable<PodSpec>['affinity'],
      tolerations: [...((t?.tolerations ?? []) as Mutable<Toleration>[])],
      hostNetwork: t?.hostNetwork,
    };
    addDaemonPodTolerations(spec);
    view = { spec };
    views.set(ds, view);
  }
  return view;
}

const doNotSchedule = (t: Taint) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/**
 * NodeShouldRunDaemonPod: `shouldRun` — a pod should be created here (node name, node selector,
 * required node affinity and NoSchedule/NoExecute taints all fit); `shouldContinueRunning` — an
 * existing pod may stay (it tolerates the NoExecute taints even if a NoSchedule one repels new pods).
 */
export function nodeShouldRunDaemonPod(
  node: Node,
  ds: DaemonSet,
): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const name = node.metadata?.name ?? '';
  const templateNode = ds.spec?.template?.spec?.nodeName;
  if (templateNode && templateNode !== name) return { shouldRun: false, shouldContinueRunning: false };
  const pod = schedulingView(ds);
  const sel = pod.spec?.nodeSelector;
  if (sel && Object.keys(sel).length > 0 && !Selector.fromSet(sel).matches(node.metadata?.labels))
    return { shouldRun: false, shouldContinueRunning: false };
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms !== undefined && !nodeSelectorTermsMatch(terms, node))
    return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints;
  if (findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, doNotSchedule)) {
    const noExecute = findMatchingUntoleratedTaint(
      taints,
      pod.spec?.tolerations,
      (t) => t.effect === 'NoExecute',
    );
    return { shouldRun: false, shouldContinueRunning: !noExecute };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** GetTargetNodeName: the bound node, or the one the pod's node affinity pins it to. */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? [])
    for (const f of term.matchFields ?? [])
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

/** IsPodUpdated: the pod carries the current revision hash or template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata?.labels ?? {};
  const templateMatches =
    generation !== undefined && labels[DAEMONSET_TEMPLATE_GENERATION_KEY] === String(generation);
  const hashMatches = hash.length > 0 && labels[CONTROLLER_REVISION_HASH_KEY] === hash;
  return hashMatches || templateMatches;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** podutil.IsPodAvailable: Ready for at least minReadySeconds. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = pod.status?.conditions?.find((x) => x.type === 'Ready');
  if (c?.status !== 'True') return false;
  if (minReadySeconds === 0) return true;
  const t = c.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
  return !Number.isNaN(t) && t + minReadySeconds * 1000 <= nowMs;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then oldest first, then by name. */
export function byCreationTimestamp(a: Pod, b: Pod): number {
  const sa = a.spec?.nodeName ? 0 : 1;
  const sb = b.spec?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}
