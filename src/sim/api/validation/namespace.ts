import type { Namespace } from 'kubernetes-types/core/v1';
import { FieldPath, invalid, type FieldError } from '../field-errors';
import { isQualifiedName } from './formats';
import { nameIsDNSLabel, validateObjectMeta, validateObjectMetaUpdate } from './metadata';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateNamespace(ns: Namespace): FieldError[] {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  const path = FieldPath.root('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(invalid(path, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f))
      errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

/** ValidateNamespaceUpdate checks metadata only; spec and status have their own subresources. */
export function validateNamespaceUpdate(ns: Namespace, old: Namespace): FieldError[] {
  return validateObjectMetaUpdate(ns.metadata, old.metadata);
}
