import type { ContainerPort } from 'kubernetes-types/core/v1';
import type { CycleState, FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/types';
import { newStatus, SKIP, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { Names } from '../names';

export const ErrReasonNodePorts = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = 'PreFilter' + Names.NodePorts;

/** nodeports: the pod's hostPorts must be free on the node (0.0.0.0 clashes with every IP). */
export class NodePorts implements PreFilterPlugin, FilterPlugin {
  readonly name = Names.NodePorts;

  preFilter(state: CycleState, pod: PodInfo): { result?: PreFilterResult; status: Status } {
    const ports: ContainerPort[] = [];
    for (const c of pod.pod.spec?.containers ?? []) {
      for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) ports.push(p);
    }
    if (ports.length === 0) return { status: SKIP };
    state.write(PRE_FILTER_KEY, ports);
    return { status: SUCCESS };
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status {
    const ports = state.read<ContainerPort[]>(PRE_FILTER_KEY) ?? [];
    for (const p of ports) {
      if (node.usedPorts.checkConflict(p.hostIP, p.protocol, p.hostPort ?? 0)) {
        return newStatus('Unschedulable', ErrReasonNodePorts);
      }
    }
    return SUCCESS;
  }
}
