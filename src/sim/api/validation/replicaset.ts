import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { FieldPath, type FieldError } from '../field-errors';
import {
  nameIsDNSSubdomain,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { validateSelectorImmutable, validateTemplateForSelector, validateWorkloadSelector } from './workload';

export function validateReplicaSet(rs: ReplicaSet): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = rs.spec;
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateNonnegative(s?.replicas, spec.child('replicas')));
  errs.push(...validateNonnegative(s?.minReadySeconds, spec.child('minReadySeconds')));
  // Upstream's message really says "deployment" for ReplicaSets too.
  errs.push(...validateWorkloadSelector(s?.selector, spec.child('selector'), 'deployment'));
  errs.push(
    ...validateTemplateForSelector(
      s?.template,
      s?.selector,
      spec.child('template'),
      'ReplicaSet',
      spec.child('selector'),
    ),
  );
  return errs;
}

export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): FieldError[] {
  const errs = validateObjectMetaUpdate(rs.metadata, old.metadata);
  errs.push(...validateReplicaSet(rs).filter((e) => !e.field.startsWith('metadata.')));
  errs.push(...validateSelectorImmutable(rs.spec?.selector, old.spec?.selector));
  return errs;
}
