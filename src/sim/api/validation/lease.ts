import type { Lease } from 'kubernetes-types/coordination/v1';
import { FieldPath, invalid, type FieldError } from '../field-errors';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './metadata';

const MUST_BE_POSITIVE = 'must be greater than 0';

/** pkg/apis/coordination/validation: durations positive, transitions non-negative. */
export function validateLease(lease: Lease): FieldError[] {
  const errs = validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain);
  const s = lease.spec ?? {};
  const spec = FieldPath.root('spec');
  if (s.leaseDurationSeconds !== undefined && s.leaseDurationSeconds <= 0)
    errs.push(invalid(spec.child('leaseDurationSeconds'), s.leaseDurationSeconds, MUST_BE_POSITIVE));
  if (s.leaseTransitions !== undefined && s.leaseTransitions < 0)
    errs.push(
      invalid(spec.child('leaseTransitions'), s.leaseTransitions, 'must be greater than or equal to 0'),
    );
  return errs;
}

export function validateLeaseUpdate(lease: Lease, old: Lease): FieldError[] {
  return [
    ...validateObjectMetaUpdate(lease.metadata, old.metadata),
    ...validateLease(lease).filter((e) => !e.field.startsWith('metadata.')),
  ];
}
