import { LabelSelectorRequirement, ObjectMeta } from './meta';
import { ALWAYS, msg, PTR, REPEATED } from './schema';

/**
 * authorization.k8s.io/v1 self reviews, as `kubectl auth can-i` sends them (SelfSubjectAccessReview
 * for one verb, SelfSubjectRulesReview for `--list`).
 */

export const FieldSelectorRequirement = msg('FieldSelectorRequirement', [
  [1, 'key', 'string', ALWAYS],
  [2, 'operator', 'string', ALWAYS],
  [3, 'values', 'string', REPEATED],
]);

export const FieldSelectorAttributes = msg('FieldSelectorAttributes', [
  [1, 'rawSelector', 'string'],
  [2, 'requirements', () => FieldSelectorRequirement, REPEATED],
]);

export const LabelSelectorAttributes = msg('LabelSelectorAttributes', [
  [1, 'rawSelector', 'string'],
  [2, 'requirements', () => LabelSelectorRequirement, REPEATED],
]);

export const ResourceAttributes = msg('ResourceAttributes', [
  [1, 'namespace', 'string'],
  [2, 'verb', 'string'],
  [3, 'group', 'string'],
  [4, 'version', 'string'],
  [5, 'resource', 'string'],
  [6, 'subresource', 'string'],
  [7, 'name', 'string'],
  [8, 'fieldSelector', () => FieldSelectorAttributes, PTR],
  [9, 'labelSelector', () => LabelSelectorAttributes, PTR],
]);

export const NonResourceAttributes = msg('NonResourceAttributes', [
  [1, 'path', 'string'],
  [2, 'verb', 'string'],
]);

export const SelfSubjectAccessReviewSpec = msg('SelfSubjectAccessReviewSpec', [
  [1, 'resourceAttributes', () => ResourceAttributes, PTR],
  [2, 'nonResourceAttributes', () => NonResourceAttributes, PTR],
]);

export const SubjectAccessReviewStatus = msg('SubjectAccessReviewStatus', [
  [1, 'allowed', 'bool', ALWAYS],
  [4, 'denied', 'bool'],
  [2, 'reason', 'string'],
  [3, 'evaluationError', 'string'],
]);

export const SelfSubjectAccessReview = msg('SelfSubjectAccessReview', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => SelfSubjectAccessReviewSpec],
  [3, 'status', () => SubjectAccessReviewStatus],
]);

export const SelfSubjectRulesReviewSpec = msg('SelfSubjectRulesReviewSpec', [[1, 'namespace', 'string']]);

export const ResourceRule = msg('ResourceRule', [
  [1, 'verbs', 'string', REPEATED | ALWAYS],
  [2, 'apiGroups', 'string', REPEATED],
  [3, 'resources', 'string', REPEATED],
  [4, 'resourceNames', 'string', REPEATED],
]);

export const NonResourceRule = msg('NonResourceRule', [
  [1, 'verbs', 'string', REPEATED | ALWAYS],
  [2, 'nonResourceURLs', 'string', REPEATED],
]);

export const SubjectRulesReviewStatus = msg('SubjectRulesReviewStatus', [
  [1, 'resourceRules', () => ResourceRule, REPEATED | ALWAYS],
  [2, 'nonResourceRules', () => NonResourceRule, REPEATED | ALWAYS],
  [3, 'incomplete', 'bool', ALWAYS],
  [4, 'evaluationError', 'string'],
]);

export const SelfSubjectRulesReview = msg('SelfSubjectRulesReview', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => SelfSubjectRulesReviewSpec],
  [3, 'status', () => SubjectRulesReviewStatus],
]);
