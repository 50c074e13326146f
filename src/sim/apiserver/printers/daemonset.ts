import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabels, formatLabelSelector, layoutContainerCells } from './format';
import { col, type Printer, type PrintedRow } from './types';

export function printDaemonSet(obj: KubeObject, nowMs: number): PrintedRow {
  const ds = obj as DaemonSet;
  const st = ds.status;
  const [containers, images] = layoutContainerCells(ds.spec?.template?.spec?.containers);
  return {
    cells: [
      ds.metadata?.name ?? '',
      st?.desiredNumberScheduled ?? 0,
      st?.currentNumberScheduled ?? 0,
      st?.numberReady ?? 0,
      st?.updatedNumberScheduled ?? 0,
      st?.numberAvailable ?? 0,
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      translateTimestampSince(ds.metadata?.creationTimestamp, nowMs),
      containers,
      images,
      formatLabelSelector(ds.spec?.selector),
    ],
  };
}

export const daemonSetPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Desired', 'integer', d.EXT_DAEMON_SET_STATUS_DESIRED),
    col('Current', 'integer', d.EXT_DAEMON_SET_STATUS_CURRENT),
    col('Ready', 'integer', d.EXT_DAEMON_SET_STATUS_READY),
    col('Up-to-date', 'integer', d.EXT_DAEMON_SET_STATUS_UPDATED),
    col('Available', 'integer', d.EXT_DAEMON_SET_STATUS_AVAILABLE),
    col('Node Selector', 'string', d.POD_SPEC_NODE_SELECTOR),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Containers', 'string', 'Names of each container in the template.', { priority: 1 }),
    col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 }),
    col('Selector', 'string', d.EXT_DAEMON_SET_SPEC_SELECTOR, { priority: 1 }),
  ],
  print: printDaemonSet,
};
