import type { Lease } from 'kubernetes-types/coordination/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

export function printLease(obj: KubeObject, nowMs: number): PrintedRow {
  const lease = obj as Lease;
  return {
    cells: [
      lease.metadata?.name ?? '',
      lease.spec?.holderIdentity ?? '',
      translateTimestampSince(lease.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const leasePrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Holder', 'string', d.LEASE_SPEC_HOLDER_IDENTITY),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printLease,
};
