import type { CycleState, FilterPlugin } from '../../framework/types';
import { newStatus, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { tolerationsTolerateTaint } from '../../framework/labels';
import { Names } from '../names';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

/** nodeunschedulable: a cordoned node takes only pods tolerating node.kubernetes.io/unschedulable:NoSchedule. */
export class NodeUnschedulable implements FilterPlugin {
  readonly name = Names.NodeUnschedulable;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    if (!node.node.spec?.unschedulable) return SUCCESS;
    const tolerated = tolerationsTolerateTaint(pod.pod.spec?.tolerations, {
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
    });
    return tolerated ? SUCCESS : newStatus('UnschedulableAndUnresolvable', ErrReasonUnschedulable);
  }
}
