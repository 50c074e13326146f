import type { ClusterRoleBinding } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { translateTimestampSince } from './duration';
import { subjectsCells } from './subjects';
import { asKind, col, type Printer, type PrintedRow } from './types';

export function printClusterRoleBinding(obj: KubeObject, nowMs: number): PrintedRow {
  const crb = asKind<ClusterRoleBinding>(obj);
  return {
    cells: [
      crb.metadata?.name ?? '',
      `${crb.roleRef?.kind ?? ''}/${crb.roleRef?.name ?? ''}`,
      translateTimestampSince(crb.metadata?.creationTimestamp, nowMs),
      ...subjectsCells(crb.subjects),
    ],
  };
}

export const clusterRoleBindingPrinter: Printer = {
  columns: [
    col('Name', 'string', d.META_NAME, { format: 'name' }),
    col('Role', 'string', d.RBAC_V1BETA1_CLUSTER_ROLE_BINDING_ROLE_REF),
    col('Age', 'string', d.META_CREATION_TIMESTAMP),
    col('Users', 'string', 'Users in the clusterRoleBinding', { priority: 1 }),
    col('Groups', 'string', 'Groups in the clusterRoleBinding', { priority: 1 }),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', { priority: 1 }),
  ],
  print: printClusterRoleBinding,
};
