import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabelSelector, layoutContainerCells } from './format';
import { col, type Printer, type PrintedRow } from './types';

export function printReplicaSet(obj: KubeObject, nowMs: number): PrintedRow {
  const rs = obj as ReplicaSet;
  const [containers, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
  return {
    cells: [
      rs.metadata?.name ?? '',
      // spec.replicas is defaulted to 1 before storage; the fallback keeps undefaulted input honest.
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      translateTimestampSince(rs.metadata?.creationTimestamp, nowMs),
      containers,
      images,
      formatLabelSelector(rs.spec?.selector),
    ],
  };
}

export const replicaSetPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Desired', 'integer', d.EXT_REPLICA_SET_SPEC_REPLICAS),
    col('Current', 'integer', d.EXT_REPLICA_SET_STATUS_REPLICAS),
    col('Ready', 'integer', d.EXT_REPLICA_SET_STATUS_READY_REPLICAS),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Containers', 'string', 'Names of each container in the template.', { priority: 1 }),
    col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 }),
    col('Selector', 'string', d.EXT_REPLICA_SET_SPEC_SELECTOR, { priority: 1 }),
  ],
  print: printReplicaSet,
};
