import type {
  ClusterRole,
  ClusterRoleBinding,
  PolicyRule,
  Role,
  RoleBinding,
  RoleRef,
  Subject,
} from 'kubernetes-types/rbac/v1';
import { FieldPath, invalid, notSupported, required, type FieldError } from '../field-errors';
import {
  nameIsDNSSubdomain,
  nameIsPathSegment,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';

function validatePolicyRule(rule: PolicyRule, isNamespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0)
    errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  if ((rule.nonResourceURLs ?? []).length > 0) {
    if (isNamespaced)
      errs.push(
        invalid(
          path.child('nonResourceURLs'),
          { goSyntax: `[]string{${(rule.nonResourceURLs ?? []).map((u) => `"${u}"`).join(', ')}}` },
          'namespaced rules cannot apply to non-resource URLs',
        ),
      );
    if (
      (rule.apiGroups ?? []).length > 0 ||
      (rule.resources ?? []).length > 0 ||
      (rule.resourceNames ?? []).length > 0
    ) {
      errs.push(
        invalid(
          path.child('nonResourceURLs'),
          { goSyntax: `[]string{${(rule.nonResourceURLs ?? []).map((u) => `"${u}"`).join(', ')}}` },
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0)
    errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0)
    errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(rules: PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  (rules ?? []).forEach((r, i) =>
    errs.push(...validatePolicyRule(r, namespaced, FieldPath.root('rules').index(i))),
  );
  return errs;
}

export const validateRole = (r: Role): FieldError[] => [
  ...validateObjectMeta(r.metadata, true, nameIsPathSegment),
  ...validateRules(r.rules, true),
];
export const validateClusterRole = (r: ClusterRole): FieldError[] => [
  ...validateObjectMeta(r.metadata, false, nameIsPathSegment),
  ...validateRules(r.rules, false),
];

const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

function validateRoleRef(ref: RoleRef | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.root('roleRef');
  if (ref?.apiGroup !== 'rbac.authorization.k8s.io')
    errs.push(notSupported(path.child('apiGroup'), ref?.apiGroup ?? '', ['rbac.authorization.k8s.io']));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref?.kind ?? '')) errs.push(notSupported(path.child('kind'), ref?.kind ?? '', kinds));
  if (!ref?.name) errs.push(required(path.child('name')));
  else
    for (const m of nameIsPathSegment(ref.name, false)) errs.push(invalid(path.child('name'), ref.name, m));
  return errs;
}

function validateSubject(s: Subject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(required(path.child('name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name)
        for (const m of nameIsDNSSubdomain(s.name, false)) errs.push(invalid(path.child('name'), s.name, m));
      if (s.apiGroup) errs.push(notSupported(path.child('apiGroup'), s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== 'rbac.authorization.k8s.io')
        errs.push(notSupported(path.child('apiGroup'), s.apiGroup ?? '', ['rbac.authorization.k8s.io']));
      break;
    default:
      errs.push(notSupported(path.child('kind'), s.kind ?? '', SUBJECT_KINDS));
  }
  return errs;
}

function validateBinding(
  meta: RoleBinding['metadata'],
  ref: RoleRef | undefined,
  subjects: Subject[] | undefined,
  namespaced: boolean,
): FieldError[] {
  const errs = validateObjectMeta(meta, namespaced, nameIsPathSegment);
  errs.push(...validateRoleRef(ref, namespaced));
  (subjects ?? []).forEach((s, i) =>
    errs.push(...validateSubject(s, namespaced, FieldPath.root('subjects').index(i))),
  );
  return errs;
}

export const validateRoleBinding = (b: RoleBinding): FieldError[] =>
  validateBinding(b.metadata, b.roleRef, b.subjects, true);
export const validateClusterRoleBinding = (b: ClusterRoleBinding): FieldError[] =>
  validateBinding(b.metadata, b.roleRef, b.subjects, false);

/** roleRef cannot change once a binding exists. */
export function validateBindingUpdate(
  b: RoleBinding | ClusterRoleBinding,
  old: RoleBinding | ClusterRoleBinding,
  namespaced: boolean,
): FieldError[] {
  const errs = validateObjectMetaUpdate(b.metadata, old.metadata);
  const r = b.roleRef;
  const o = old.roleRef;
  if (r?.apiGroup !== o?.apiGroup || r?.kind !== o?.kind || r?.name !== o?.name) {
    errs.push(
      invalid(
        FieldPath.root('roleRef'),
        {
          goSyntax: `rbac.RoleRef{APIGroup:"${r?.apiGroup ?? ''}", Kind:"${r?.kind ?? ''}", Name:"${r?.name ?? ''}"}`,
        },
        'cannot change roleRef',
      ),
    );
  }
  errs.push(
    ...validateBinding(b.metadata, b.roleRef, b.subjects, namespaced).filter(
      (e) => !e.field.startsWith('metadata.'),
    ),
  );
  return errs;
}
