import type { Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

export function printSecret(obj: KubeObject, nowMs: number): PrintedRow {
  const s = obj as Secret;
  // stringData is merged into data on write, so only data is counted, as upstream does.
  return {
    cells: [
      s.metadata?.name ?? '',
      s.type ?? '',
      Object.keys(s.data ?? {}).length,
      translateTimestampSince(s.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const secretPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Type', 'string', d.SECRET_TYPE),
    col('Data', 'string', d.SECRET_DATA),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printSecret,
};
