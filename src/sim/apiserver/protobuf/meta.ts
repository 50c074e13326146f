import { ALWAYS, MAP, msg, PTR, REPEATED } from './schema';

/**
 * apimachinery `pkg/apis/meta/v1` messages that kubectl's typed clients send. ManagedFieldsEntry
 * (17) is left out: a client sends managed fields only to overwrite them, and kubectl never does.
 */

export const OwnerReference = msg('OwnerReference', [
  [5, 'apiVersion', 'string', ALWAYS],
  [1, 'kind', 'string', ALWAYS],
  [3, 'name', 'string', ALWAYS],
  [4, 'uid', 'string', ALWAYS],
  [6, 'controller', 'bool', PTR],
  [7, 'blockOwnerDeletion', 'bool', PTR],
]);

export const ObjectMeta = msg('ObjectMeta', [
  [1, 'name', 'string'],
  [2, 'generateName', 'string'],
  [3, 'namespace', 'string'],
  [4, 'selfLink', 'string'],
  [5, 'uid', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'generation', 'int64'],
  // A value struct: Go writes `"creationTimestamp": null` for the zero time.
  [8, 'creationTimestamp', 'time', ALWAYS],
  [9, 'deletionTimestamp', 'time', PTR],
  [10, 'deletionGracePeriodSeconds', 'int64', PTR],
  [11, 'labels', 'string', MAP],
  [12, 'annotations', 'string', MAP],
  [13, 'ownerReferences', () => OwnerReference, REPEATED],
  [14, 'finalizers', 'string', REPEATED],
]);

export const LabelSelectorRequirement = msg('LabelSelectorRequirement', [
  [1, 'key', 'string', ALWAYS],
  [2, 'operator', 'string', ALWAYS],
  [3, 'values', 'string', REPEATED],
]);

export const LabelSelector = msg('LabelSelector', [
  [1, 'matchLabels', 'string', MAP],
  [2, 'matchExpressions', () => LabelSelectorRequirement, REPEATED],
]);

export const Preconditions = msg('Preconditions', [
  [1, 'uid', 'string', PTR],
  [2, 'resourceVersion', 'string', PTR],
]);

export const DeleteOptions = msg('DeleteOptions', [
  [1, 'gracePeriodSeconds', 'int64', PTR],
  [2, 'preconditions', () => Preconditions, PTR],
  [3, 'orphanDependents', 'bool', PTR],
  [4, 'propagationPolicy', 'string', PTR],
  [5, 'dryRun', 'string', REPEATED],
  [6, 'ignoreStoreReadErrorWithClusterBreakingPotential', 'bool', PTR],
]);

/** metav1.Condition, as status conditions carry it. */
export const Condition = msg('Condition', [
  [1, 'type', 'string', ALWAYS],
  [2, 'status', 'string', ALWAYS],
  [3, 'observedGeneration', 'int64'],
  [4, 'lastTransitionTime', 'time', ALWAYS],
  [5, 'reason', 'string', ALWAYS],
  [6, 'message', 'string', ALWAYS],
]);
