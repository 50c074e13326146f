import type { RoleBinding } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { subjectsCells } from './subjects';
import { asKind, col, type Printer, type PrintedRow } from './types';

export function printRoleBinding(obj: KubeObject, nowMs: number): PrintedRow {
  const rb = asKind<RoleBinding>(obj);
  return {
    cells: [
      rb.metadata?.name ?? '',
      `${rb.roleRef?.kind ?? ''}/${rb.roleRef?.name ?? ''}`,
      translateTimestampSince(rb.metadata?.creationTimestamp, nowMs),
      ...subjectsCells(rb.subjects),
    ],
  };
}

export const roleBindingPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Role', 'string', d.RBAC_V1BETA1_ROLE_BINDING_ROLE_REF),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Users', 'string', 'Users in the roleBinding', { priority: 1 }),
    col('Groups', 'string', 'Groups in the roleBinding', { priority: 1 }),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', { priority: 1 }),
  ],
  print: printRoleBinding,
};
