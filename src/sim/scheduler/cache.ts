/**
 * The scheduler cache (pkg/scheduler/backend/cache/cache.go, v1.32): one NodeInfo per node, kept
 * incrementally from node and pod watch events, plus the pods the scheduler has *assumed* onto a
 * node between its binding request and the watch event that confirms it. A scheduling cycle reads
 * the NodeInfos in NodeTree order and never rebuilds them.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { NodeInfo, podKey, PodInfo } from './framework/node-info';
import { NodeTree, zoneKey } from './framework/node-tree';

interface PodState {
  pod: Pod;
  info: PodInfo;
  node: string;
}

function nodeNameOf(pod: Pod): string {
  return pod.spec?.nodeName ?? '';
}

export class SchedulerCache {
  /** Every NodeInfo, including "ghost" ones: pods whose node object is gone or not seen yet. */
  private readonly nodes = new Map<string, NodeInfo>();
  /** Nodes whose Node object the cache holds (upstream: nodeInfo.Node() != nil). */
  private readonly withNode = new Set<string>();
  private readonly tree = new NodeTree();
  private readonly podStates = new Map<string, PodState>();
  private readonly assumedPods = new Set<string>();
  /** The snapshot list, rebuilt only when the set of nodes or their zones change. */
  private snapshotList: NodeInfo[] | undefined;

  // ---------------------------------------------------------------- nodes

  addNode(node: Node): NodeInfo {
    const name = node.metadata?.name ?? '';
    let ni = this.nodes.get(name);
    if (ni) {
      // A ghost NodeInfo (pods seen before their node) gets its node now.
      if (this.withNode.has(name)) this.tree.updateNode(ni.node, node);
      else this.tree.addNode(node);
      ni.setNode(node);
    } else {
      ni = new NodeInfo(node);
      this.nodes.set(name, ni);
      this.tree.addNode(node);
    }
    this.withNode.add(name);
    this.snapshotList = undefined;
    return ni;
  }

  updateNode(newNode: Node): NodeInfo {
    const name = newNode.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni || !this.withNode.has(name)) return this.addNode(newNode);
    // The tree placed the node by what the cache last stored, so that is the "old" to move from.
    const stored = ni.node;
    this.tree.updateNode(stored, newNode);
    ni.setNode(newNode);
    // Heartbeats update every node every few seconds; the list only changes when a zone does.
    if (zoneKey(stored) !== zoneKey(newNode)) this.snapshotList = undefined;
    return ni;
  }

  /**
   * RemoveNode: the node leaves the tree (no new pods land there) but its NodeInfo stays while pods
   * are still accounted to it, as upstream keeps it until their delete events arrive.
   */
  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni || !this.withNode.has(name)) return;
    this.tree.removeNode(ni.node);
    this.withNode.delete(name);
    if (ni.pods.length === 0) this.nodes.delete(name);
    this.snapshotList = undefined;
  }

  // ---------------------------------------------------------------- pods

  /** AssumePod: account the pod to its chosen node now, before the binding is confirmed. */
  assumePod(pod: Pod): void {
    const key = podKey(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key} is in the cache, so can't be assumed`);
    this.addPodToNode(key, pod);
    this.assumedPods.add(key);
  }

  /** ForgetPod: the binding failed; take the assumed pod off its node again. */
  forgetPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st || !this.assumedPods.has(key)) return;
    this.removePodState(key, st);
    this.assumedPods.delete(key);
  }

  isAssumed(pod: Pod): boolean {
    return this.assumedPods.has(podKey(pod));
  }

  /** AddPod from the watch: confirms an assumed pod (moving it if it landed elsewhere) or adds it. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (st && this.assumedPods.has(key)) {
      this.assumedPods.delete(key);
      if (st.node !== nodeNameOf(pod)) {
        this.removePodState(key, st);
        this.addPodToNode(key, pod);
      } else {
        st.pod = pod;
      }
      return;
    }
    if (st) {
      // Already known (a relist): treat as an update.
      this.updatePod(st.pod, pod);
      return;
    }
    this.addPodToNode(key, pod);
  }

  /** UpdatePod: remove the old accounting and add the new one (labels, requests, node may differ). */
  updatePod(_oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const st = this.podStates.get(key);
    if (!st) {
      this.addPodToNode(key, newPod);
      return;
    }
    // An assumed pod's own updates wait for the confirming add (upstream refuses to update it).
    if (this.assumedPods.has(key)) return;
    this.removePodState(key, st);
    this.addPodToNode(key, newPod);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.removePodState(key, st);
    this.assumedPods.delete(key);
  }

  private addPodToNode(key: string, pod: Pod): void {
    const node = nodeNameOf(pod);
    let ni = this.nodes.get(node);
    if (!ni) {
      // A pod on a node the cache has not seen: keep a NodeInfo outside the tree until it appears.
      ni = new NodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name: node } });
      this.nodes.set(node, ni);
    }
    const info = ni.addPod(pod);
    this.podStates.set(key, { pod, info, node });
  }

  private removePodState(key: string, st: PodState): void {
    const ni = this.nodes.get(st.node);
    if (ni) {
      ni.removePod(st.info);
      if (ni.pods.length === 0 && !this.withNode.has(st.node)) this.nodes.delete(st.node);
    }
    this.podStates.delete(key);
  }

  // ---------------------------------------------------------------- reads

  /** The snapshot: NodeInfos of the nodes in NodeTree order (zones round-robin). */
  snapshot(): readonly NodeInfo[] {
    if (!this.snapshotList) {
      this.snapshotList = this.tree.list().map((n) => this.nodes.get(n)!);
    }
    return this.snapshotList;
  }

  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  get nodeCount(): number {
    return this.withNode.size;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  get assumedCount(): number {
    return this.assumedPods.size;
  }
}
