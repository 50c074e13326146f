/**
 * framework.PodInfo and framework.NodeInfo (pkg/scheduler/framework/types.go). The caller keeps one
 * NodeInfo per node and updates it incrementally (addPod/removePod/setNode), as the scheduler
 * cache does, so a scheduling cycle never rebuilds per-node aggregates.
 */
import type { Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { labelSelectorAsSelector, Selector, type Labels } from './labels';
import {
  calculatePodResource,
  emptyResource,
  resourceFromList,
  type PodResource,
  type Resource,
} from './resources';

/** fwk.AffinityTerm. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  namespaceSelector: Selector;
}

export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** AffinityTerm.Matches: the pod is in one of the term's namespaces and its labels match. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels | undefined): boolean {
  const ns = podNamespace(pod);
  if (term.namespaces.has(ns) || term.namespaceSelector.matches(nsLabels ?? {})) {
    return term.selector.matches(pod.metadata?.labels);
  }
  return false;
}

export function podNamespace(pod: Pod): string {
  return pod.metadata?.namespace || 'default';
}

export function podKey(pod: Pod): string {
  return pod.metadata?.uid || `${podNamespace(pod)}/${pod.metadata?.name ?? ''}`;
}

function newAffinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  // getNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own.
  const namespaces = new Set<string>();
  if ((t.namespaces ?? []).length === 0 && t.namespaceSelector == null) namespaces.add(podNamespace(pod));
  else for (const n of t.namespaces ?? []) namespaces.add(n);
  return {
    namespaces,
    selector: labelSelectorAsSelector(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: labelSelectorAsSelector(t.namespaceSelector),
  };
}

function weighted(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): WeightedAffinityTerm[] {
  return (terms ?? []).map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
}

/** framework.PodInfo: the pod with its affinity terms parsed and its requests computed once. */
export class PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly requiredAffinityTerms: AffinityTerm[];
  readonly requiredAntiAffinityTerms: AffinityTerm[];
  readonly preferredAffinityTerms: WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: WeightedAffinityTerm[];
  private cachedResource: PodResource | undefined;

  constructor(pod: Pod) {
    this.pod = pod;
    this.key = podKey(pod);
    const a = pod.spec?.affinity;
    this.requiredAffinityTerms = (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => newAffinityTerm(pod, t),
    );
    this.requiredAntiAffinityTerms = (
      a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []
    ).map((t) => newAffinityTerm(pod, t));
    this.preferredAffinityTerms = weighted(
      pod,
      a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    );
    this.preferredAntiAffinityTerms = weighted(
      pod,
      a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution,
    );
  }

  /** PodInfo.CalculateResource, cached. */
  calculateResource(): PodResource {
    if (!this.cachedResource) this.cachedResource = calculatePodResource(this.pod);
    return this.cachedResource;
  }

  hasAffinity(): boolean {
    const a = this.pod.spec?.affinity;
    return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
  }

  hasRequiredAntiAffinity(): boolean {
    return this.requiredAntiAffinityTerms.length > 0;
  }
}

const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/** framework.HostPortInfo: ip → set of "protocol/port". */
export class HostPortInfo {
  private readonly byIP = new Map<string, Set<string>>();

  private static sanitize(ip: string | undefined, protocol: string | undefined): [string, string] {
    return [ip || DEFAULT_BIND_ALL_HOST_IP, protocol || 'TCP'];
  }

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    let set = this.byIP.get(i);
    if (!set) this.byIP.set(i, (set = new Set()));
    set.add(`${p}/${port}`);
  }

  /** Upstream deletes the pair outright (no reference count); mirrored. */
  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const set = this.byIP.get(i);
    if (!set) return;
    set.delete(`${p}/${port}`);
    if (set.size === 0) this.byIP.delete(i);
  }

  /** CheckConflict: 0.0.0.0 conflicts with any IP; a specific IP with itself and 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const pp = `${p}/${port}`;
    if (i === DEFAULT_BIND_ALL_HOST_IP) {
      for (const set of this.byIP.values()) if (set.has(pp)) return true;
      return false;
    }
    return !!this.byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(pp) || !!this.byIP.get(i)?.has(pp);
  }

  size(): number {
    let n = 0;
    for (const s of this.byIP.values()) n += s.size;
    return n;
  }

  entries(): Array<{ ip: string; protocol: string; port: number }> {
    const out: Array<{ ip: string; protocol: string; port: number }> = [];
    for (const [ip, set] of this.byIP) {
      for (const pp of set) {
        const [protocol, port] = pp.split('/');
        out.push({ ip, protocol, port: Number(port) });
      }
    }
    return out;
  }
}

/** Normalized image name → size in bytes, from node.status.images. */
export type ImageSizes = Map<string, number>;

let generationCounter = 0;

/** framework.NodeInfo. */
export class NodeInfo {
  node: Node;
  /** The node's name, kept as a field: it is read for every node in every cycle. */
  name: string;
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Sum of the pods' actual requests (what Filter checks). */
  readonly requested: Resource = emptyResource();
  /** Sum with the 100m / 200Mi defaults for missing requests (what LeastAllocated scores). */
  readonly nonZeroRequested = { milliCPU: 0, memory: 0 };
  allocatable: Resource;
  readonly usedPorts = new HostPortInfo();
  /** Every name the node reports for an image → its size (NodeInfo.ImageStates without NumNodes). */
  imageSizes: ImageSizes;
  /** Bumped on every change, as upstream's Generation; plugins key caches on it. */
  generation: number;
  /** Per-node memo for plugins (PodTopologySpread counts), valid while `generation` is unchanged. */
  readonly memo = new Map<string, { generation: number; value: number }>();

  constructor(node: Node, pods: readonly Pod[] = []) {
    this.node = node;
    this.name = node.metadata?.name ?? '';
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.imageSizes = imageSizesOf(node);
    this.generation = ++generationCounter;
    for (const p of pods) this.addPod(p);
  }

  /** SetNode: a node update (labels, taints, allocatable, images). */
  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata?.name ?? '';
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.imageSizes = imageSizesOf(node);
    this.generation = ++generationCounter;
  }

  addPod(pod: Pod | PodInfo): PodInfo {
    const pi = pod instanceof PodInfo ? pod : new PodInfo(pod);
    this.pods.push(pi);
    if (pi.hasAffinity()) this.podsWithAffinity.push(pi);
    if (pi.hasRequiredAntiAffinity()) this.podsWithRequiredAntiAffinity.push(pi);
    this.update(pi, 1);
    return pi;
  }

  /** RemovePod by uid (or namespace/name): false if the pod is not on this node. */
  removePod(pod: Pod | PodInfo): boolean {
    const key = pod instanceof PodInfo ? pod.key : podKey(pod);
    const i = this.pods.findIndex((p) => p.key === key);
    if (i < 0) return false;
    const pi = this.pods[i];
    // Swap-remove as upstream does: pod order on a node is not meaningful.
    this.pods[i] = this.pods[this.pods.length - 1];
    this.pods.pop();
    removeFrom(this.podsWithAffinity, key);
    removeFrom(this.podsWithRequiredAntiAffinity, key);
    this.update(pi, -1);
    return true;
  }

  private update(pi: PodInfo, sign: 1 | -1): void {
    const res = pi.calculateResource();
    const r = this.requested;
    r.milliCPU += sign * res.resource.milliCPU;
    r.memory += sign * res.resource.memory;
    r.ephemeralStorage += sign * res.resource.ephemeralStorage;
    for (const [k, v] of res.resource.scalar) r.scalar.set(k, (r.scalar.get(k) ?? 0) + sign * v);
    this.nonZeroRequested.milliCPU += sign * res.non0CPU;
    this.nonZeroRequested.memory += sign * res.non0Mem;
    for (const c of pi.pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) {
        if (sign > 0) this.usedPorts.add(p.hostIP, p.protocol, p.hostPort ?? 0);
        else this.usedPorts.remove(p.hostIP, p.protocol, p.hostPort ?? 0);
      }
    }
    this.generation = ++generationCounter;
  }
}

function removeFrom(list: PodInfo[], key: string): void {
  const i = list.findIndex((p) => p.key === key);
  if (i >= 0) {
    list[i] = list[list.length - 1];
    list.pop();
  }
}

function imageSizesOf(node: Node): ImageSizes {
  const m: ImageSizes = new Map();
  for (const img of node.status?.images ?? []) {
    for (const name of img.names ?? []) m.set(name, img.sizeBytes ?? 0);
  }
  return m;
}
