/**
 * framework.Diagnosis / NodeToStatus / FitError (types.go) and the message kube-scheduler puts on
 * the FailedScheduling event and the PodScheduled condition.
 */
import { Status } from './types';

export const NO_NODE_AVAILABLE_MSG = (n: number): string => `0/${n} nodes are available`;
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** NodeToStatus: explicit statuses of rejected nodes, and one status for the nodes not listed. */
export class NodeToStatus {
  readonly explicit = new Map<string, Status>();
  absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, s: Status): void {
    this.explicit.set(node, s);
  }

  get(node: string): Status {
    return this.explicit.get(node) ?? this.absent;
  }

  get size(): number {
    return this.explicit.size;
  }
}

export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new NodeToStatus(),
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/**
 * FitError.Error(): "0/N nodes are available: <PreFilterMsg>. <count reason, …>. <PostFilterMsg>".
 * Each reason is counted once per node, absent nodes count with the absent status, and the
 * "<count> <reason>" strings are sorted as strings (Go sort.Strings), so "10 x" sorts before "2 y".
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = NO_NODE_AVAILABLE_MSG(numAllNodes) + ':';
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const s of d.nodeToStatus.explicit.values()) {
      for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    const absentCount = numAllNodes - d.nodeToStatus.size;
    if (absentCount > 0) {
      for (const r of d.nodeToStatus.absent.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absentCount);
    }
    const strings = [...reasons].map(([r, n]) => `${n} ${r}`);
    strings.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (strings.length > 0) msg += ` ${strings.join(', ')}.`;
  }
  // Since v1.30 the PostFilter message is appended without another period (kubernetes#123302).
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}
