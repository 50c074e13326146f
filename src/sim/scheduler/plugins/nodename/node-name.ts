import type { CycleState, FilterPlugin } from '../../framework/types';
import { newStatus, SUCCESS, type Status } from '../../framework/types';
import type { NodeInfo, PodInfo } from '../../framework/node-info';
import { Names } from '../names';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

/** nodename: a pod that names its node (spec.nodeName) fits only that node. */
export class NodeName implements FilterPlugin {
  readonly name = Names.NodeName;

  filter(_state: CycleState, pod: PodInfo, node: NodeInfo): Status {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === node.name) return SUCCESS;
    return newStatus('UnschedulableAndUnresolvable', ErrReasonNodeName);
  }
}
