import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

export function printConfigMap(obj: KubeObject, nowMs: number): PrintedRow {
  const cm = obj as ConfigMap;
  const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return {
    cells: [cm.metadata?.name ?? '', count, translateTimestampSince(cm.metadata?.creationTimestamp, nowMs)],
  };
}

export const configMapPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Data', 'string', d.CONFIG_MAP_DATA),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printConfigMap,
};
