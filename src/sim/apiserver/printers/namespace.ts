import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

export function printNamespace(obj: KubeObject, nowMs: number): PrintedRow {
  const ns = obj as Namespace;
  return {
    cells: [
      ns.metadata?.name ?? '',
      ns.status?.phase ?? '',
      translateTimestampSince(ns.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const namespacePrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Status', 'string', 'The status of the namespace'),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printNamespace,
};
