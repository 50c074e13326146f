import { ConfigMap, Namespace, Pod, Secret, Service, ServiceAccount } from './core';
import { Deployment } from './apps';
import { SelfSubjectReview, TokenRequest } from './authentication';
import { SelfSubjectAccessReview, SelfSubjectRulesReview } from './authorization';
import { Scale } from './autoscaling';
import { Eviction } from './policy';
import { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from './rbac';
import { DeleteOptions } from './meta';
import type { MessageSpec } from './schema';

/** The top-level message for each `apiVersion kind` a protobuf body may carry. */
const KINDS: Record<string, MessageSpec> = {
  'v1 Namespace': Namespace,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 ServiceAccount': ServiceAccount,
  'v1 Service': Service,
  'v1 Pod': Pod,
  'v1 DeleteOptions': DeleteOptions,
  'meta.k8s.io/v1 DeleteOptions': DeleteOptions,
  'apps/v1 Deployment': Deployment,
  'authentication.k8s.io/v1 TokenRequest': TokenRequest,
  'authentication.k8s.io/v1 SelfSubjectReview': SelfSubjectReview,
  'authorization.k8s.io/v1 SelfSubjectAccessReview': SelfSubjectAccessReview,
  'authorization.k8s.io/v1 SelfSubjectRulesReview': SelfSubjectRulesReview,
  'policy/v1 Eviction': Eviction,
  'rbac.authorization.k8s.io/v1 Role': Role,
  'rbac.authorization.k8s.io/v1 ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1 RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1 ClusterRoleBinding': ClusterRoleBinding,
  'autoscaling/v1 Scale': Scale,
};

export function messageFor(apiVersion: string, kind: string): MessageSpec | undefined {
  return KINDS[`${apiVersion} ${kind}`];
}
