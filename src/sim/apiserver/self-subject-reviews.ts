import type { PolicyRule } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../api/object';
import type { UserInfo } from './authn';
import type { RbacObjects } from './rbac';

/** SelfSubjectReview (`kubectl auth whoami`): the requester as the authenticator saw them. */
export function selfSubjectReview(user: UserInfo): KubeObject {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null as never },
    status: {
      userInfo: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups },
    },
  };
}

/**
 * SelfSubjectRulesReview (`kubectl auth can-i --list`): every rule bound to the requester in a
 * namespace, as the RBAC rule resolver collects them (cluster-wide bindings, then the namespace's).
 */
export function selfSubjectRulesReview(
  user: UserInfo,
  body: KubeObject | undefined,
  rbac: RbacObjects,
): KubeObject {
  const namespace = (body?.spec as { namespace?: string } | undefined)?.namespace ?? '';
  const rules: PolicyRule[] = [];
  const binds = (
    subjects: { kind: string; name: string; namespace?: string }[] | undefined,
    bindingNs: string,
  ) =>
    (subjects ?? []).some(
      (s) =>
        (s.kind === 'User' && s.name === user.name) ||
        (s.kind === 'Group' && user.groups.includes(s.name)) ||
        (s.kind === 'ServiceAccount' &&
          user.name === `system:serviceaccount:${s.namespace || bindingNs}:${s.name}`),
    );
  for (const b of rbac.clusterRoleBindings())
    if (binds(b.subjects, '')) rules.push(...(rbac.clusterRole(b.roleRef.name)?.rules ?? []));
  if (namespace)
    for (const b of rbac.roleBindings(namespace)) {
      if (!binds(b.subjects, namespace)) continue;
      const role =
        b.roleRef.kind === 'ClusterRole'
          ? rbac.clusterRole(b.roleRef.name)
          : rbac.role(namespace, b.roleRef.name);
      rules.push(...(role?.rules ?? []));
    }
  const resourceRules = rules
    .filter((r) => !r.nonResourceURLs || r.nonResourceURLs.length === 0)
    .map((r) => ({
      verbs: r.verbs,
      ...(r.apiGroups ? { apiGroups: r.apiGroups } : {}),
      ...(r.resources ? { resources: r.resources } : {}),
      ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}),
    }));
  const nonResourceRules = rules
    .filter((r) => r.nonResourceURLs && r.nonResourceURLs.length > 0)
    .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null as never },
    spec: {},
    status: { resourceRules, nonResourceRules, incomplete: false },
  };
}
