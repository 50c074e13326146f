import type { NodeMachine } from '../kubelet/node-machine';
import type { NodeDataplane } from './dataplane';

/** The dataplane of the cluster's machines: power from the machine, answers from its runtime. */
export function machineDataplane(machines: ReadonlyMap<string, NodeMachine>): NodeDataplane {
  return {
    isPowered: (node) => machines.get(node)?.powered ?? false,
    linkUp: (node) => machines.get(node)?.linkUp ?? true,
    http: (node, podIP, req) => {
      const m = machines.get(node);
      // The runtime is replaced when the machine boots again, so look it up on every packet.
      return m && m.powered ? m.runtime.http(podIP, req) : { kind: 'timeout' };
    },
  };
}
