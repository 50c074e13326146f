import type { KubeObject } from '../api/object';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  type SelectorResult,
} from './selectors';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** The `labelSelector` and `fieldSelector` of a list or watch as one predicate; a bad selector is a 400. */
export function labelSelectorFilter(
  resource: string,
  labelSelector: string,
  fieldSelector: string,
): SelectorResult<ObjectFilter> {
  const labels = parseLabelSelector(labelSelector);
  if (!labels.ok) return labels;
  const fields = parseFieldSelector(fieldSelector, resource);
  if (!fields.ok) return fields;
  const l = labels.value;
  const f = fields.value;
  if (l.length === 0 && f.length === 0) return { ok: true, value: () => true };
  return { ok: true, value: (obj) => matchesLabels(l, obj.metadata?.labels) && matchesFields(f, obj) };
}
