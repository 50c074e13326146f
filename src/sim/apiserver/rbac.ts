import type {
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  Role,
  RoleBinding,
  Subject,
} from 'kubernetes-types/rbac/v1';
import type { UserInfo } from './authn';

/** The attributes RBAC decides on (authorizer.Attributes). */
export interface Attributes {
  user: UserInfo;
  verb: string;
  isResourceRequest: boolean;
  path: string;
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export interface RbacObjects {
  clusterRole(name: string): ClusterRole | undefined;
  role(namespace: string, name: string): Role | undefined;
  clusterRoleBindings(): ClusterRoleBinding[];
  roleBindings(namespace: string): RoleBinding[];
}

/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): allow when some binding that names the
 * user, one of its groups or its ServiceAccount grants a rule covering the request.
 * `system:masters` is allowed everything without a lookup, as upstream's privileged group is.
 */
export function authorize(a: Attributes, objs: RbacObjects): { allowed: boolean; reason: string } {
  if (a.user.groups.includes('system:masters')) return { allowed: true, reason: '' };
  for (const b of objs.clusterRoleBindings()) {
    if (!bindsUser(b.subjects, a.user, '')) continue;
    if (rulesAllow(objs.clusterRole(b.roleRef.name)?.rules, a)) return { allowed: true, reason: '' };
  }
  if (a.namespace) {
    for (const b of objs.roleBindings(a.namespace)) {
      if (!bindsUser(b.subjects, a.user, a.namespace)) continue;
      const role =
        b.roleRef.kind === 'ClusterRole'
          ? objs.clusterRole(b.roleRef.name)
          : objs.role(a.namespace, b.roleRef.name);
      if (rulesAllow(role?.rules, a)) return { allowed: true, reason: '' };
    }
  }
  return { allowed: false, reason: forbiddenReason(a) };
}

/** Upstream's text: `User "bob" cannot list resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenReason(a: Attributes): string {
  if (!a.isResourceRequest) return `User "${a.user.name}" cannot ${a.verb} path "${a.path}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `User "${a.user.name}" cannot ${a.verb} resource "${res}" in API group "${a.group}" ${scope}`;
}

function bindsUser(subjects: Subject[] | undefined, user: UserInfo, bindingNamespace: string): boolean {
  for (const s of subjects ?? []) {
    if (s.kind === 'User' && s.name === user.name) return true;
    if (s.kind === 'Group' && user.groups.includes(s.name)) return true;
    if (s.kind === 'ServiceAccount') {
      const ns = s.namespace || bindingNamespace;
      if (user.name === `system:serviceaccount:${ns}:${s.name}`) return true;
    }
  }
  return false;
}

function rulesAllow(rules: PolicyRule[] | undefined, a: Attributes): boolean {
  for (const r of rules ?? []) if (ruleAllows(r, a)) return true;
  return false;
}

function ruleAllows(r: PolicyRule, a: Attributes): boolean {
  if (!matches(r.verbs, a.verb)) return false;
  if (!a.isResourceRequest)
    return (r.nonResourceURLs ?? []).some(
      (u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.slice(0, -1))),
    );
  if (!matches(r.apiGroups, a.group)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resources = r.resources ?? [];
  const resourceOk = resources.some(
    (x) => x === '*' || x === res || (a.subresource && x === `*/${a.subresource}`),
  );
  if (!resourceOk) return false;
  if (r.resourceNames && r.resourceNames.length > 0) return a.name !== '' && r.resourceNames.includes(a.name);
  return true;
}

function matches(list: string[] | undefined, v: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === v);
}
