import { LabelSelector, ObjectMeta } from './meta';
import { ALWAYS, msg, PTR, REPEATED } from './schema';

/**
 * rbac.authorization.k8s.io/v1, as `kubectl create role|clusterrole|rolebinding|clusterrolebinding`
 * send it.
 */

export const PolicyRule = msg('PolicyRule', [
  [1, 'verbs', 'string', REPEATED | ALWAYS],
  [2, 'apiGroups', 'string', REPEATED],
  [3, 'resources', 'string', REPEATED],
  [4, 'resourceNames', 'string', REPEATED],
  [5, 'nonResourceURLs', 'string', REPEATED],
]);

export const AggregationRule = msg('AggregationRule', [
  [1, 'clusterRoleSelectors', () => LabelSelector, REPEATED],
]);

export const Role = msg('Role', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'rules', () => PolicyRule, REPEATED | ALWAYS],
]);

export const ClusterRole = msg('ClusterRole', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'rules', () => PolicyRule, REPEATED | ALWAYS],
  [3, 'aggregationRule', () => AggregationRule, PTR],
]);

export const Subject = msg('Subject', [
  [1, 'kind', 'string', ALWAYS],
  [2, 'apiGroup', 'string'],
  [3, 'name', 'string', ALWAYS],
  [4, 'namespace', 'string'],
]);

export const RoleRef = msg('RoleRef', [
  [1, 'apiGroup', 'string', ALWAYS],
  [2, 'kind', 'string', ALWAYS],
  [3, 'name', 'string', ALWAYS],
]);

export const RoleBinding = msg('RoleBinding', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'subjects', () => Subject, REPEATED],
  [3, 'roleRef', () => RoleRef],
]);

export const ClusterRoleBinding = msg('ClusterRoleBinding', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'subjects', () => Subject, REPEATED],
  [3, 'roleRef', () => RoleRef],
]);
