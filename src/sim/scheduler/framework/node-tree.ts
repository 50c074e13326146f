/**
 * The scheduler cache's node tree (pkg/scheduler/backend/cache/node_tree.go): nodes grouped by zone,
 * listed round-robin across zones. The snapshot hands nodes to Filter in this order, which together
 * with nextStartNodeIndex decides which nodes a large cluster examines.
 */
import type { Node } from 'kubernetes-types/core/v1';

/** utilnode.GetZoneKey: "region:\0:zone", or "" for a node with neither label. */
export function zoneKey(node: Node): string {
  const l = node.metadata?.labels ?? {};
  const region = l['topology.kubernetes.io/region'] || l['failure-domain.beta.kubernetes.io/region'] || '';
  const zone = l['topology.kubernetes.io/zone'] || l['failure-domain.beta.kubernetes.io/zone'] || '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

export class NodeTree {
  private readonly tree = new Map<string, string[]>();
  private readonly zones: string[] = [];
  private numNodes = 0;

  addNode(node: Node): void {
    const zone = zoneKey(node);
    const name = node.metadata?.name ?? '';
    const list = this.tree.get(zone);
    if (list) {
      if (list.includes(name)) return;
      list.push(name);
    } else {
      this.zones.push(zone);
      this.tree.set(zone, [name]);
    }
    this.numNodes++;
  }

  removeNode(node: Node): void {
    const zone = zoneKey(node);
    const name = node.metadata?.name ?? '';
    const list = this.tree.get(zone);
    if (!list) return;
    const i = list.indexOf(name);
    if (i < 0) return;
    list.splice(i, 1);
    if (list.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.numNodes--;
  }

  /** A label change may move a node to another zone. */
  updateNode(oldNode: Node, newNode: Node): void {
    if (zoneKey(oldNode) === zoneKey(newNode)) return;
    this.removeNode(oldNode);
    this.addNode(newNode);
  }

  /** list(): the first node of each zone, then the second of each, and so on. */
  list(): string[] {
    const out: string[] = [];
    for (let nodeIndex = 0; out.length < this.numNodes; nodeIndex++) {
      for (const zone of this.zones) {
        const na = this.tree.get(zone)!;
        if (nodeIndex < na.length) out.push(na[nodeIndex]);
      }
    }
    return out;
  }
}
