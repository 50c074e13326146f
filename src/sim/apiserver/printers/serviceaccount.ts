import type { ServiceAccount } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { col, type Printer, type PrintedRow } from './types';

export function printServiceAccount(obj: KubeObject, nowMs: number): PrintedRow {
  const sa = obj as ServiceAccount;
  return {
    cells: [
      sa.metadata?.name ?? '',
      (sa.secrets ?? []).length,
      translateTimestampSince(sa.metadata?.creationTimestamp, nowMs),
    ],
  };
}

export const serviceAccountPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Secrets', 'string', d.SERVICE_ACCOUNT_SECRETS),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
  ],
  print: printServiceAccount,
};
