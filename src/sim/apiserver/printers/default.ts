import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { formatRFC3339 } from './duration';
import { col, type Printer, type PrintedRow } from './types';

/**
 * rest.defaultTableConvertor: what the apiserver answers for resources without a printer (roles,
 * clusterroles, …). `Created At` is a timestamp, not an age; kubectl prints it as given.
 */
export function printDefault(obj: KubeObject): PrintedRow {
  return { cells: [obj.metadata?.name ?? '', formatRFC3339(obj.metadata?.creationTimestamp)] };
}

export const defaultPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Created At', 'date', d.META_CREATION_TIMESTAMP),
  ],
  print: printDefault,
};
