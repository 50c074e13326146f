import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { FieldPath, invalid, type FieldError } from '../field-errors';
import { goLabelSelector } from './go-values';
import {
  FIELD_IMMUTABLE,
  nameIsDNSSubdomain,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { canonical } from './pod';
import { validateTemplateForSelector, validateWorkloadSelector } from './workload';

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
  if (JSON.stringify(canonical(rs.spec?.selector)) !== JSON.stringify(canonical(old.spec?.selector))) {
    errs.push(
      invalid(FieldPath.root('spec', 'selector'), goLabelSelector(rs.spec?.selector), FIELD_IMMUTABLE),
    );
  }
  return errs;
}
