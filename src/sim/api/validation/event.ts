import type { Event } from 'kubernetes-types/core/v1';
import { FieldPath, invalid, required, type FieldError } from '../field-errors';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './metadata';

/** core/v1 Events (legacy validation): namespace must match the involved object's. */
export function validateEvent(ev: Event): FieldError[] {
  const errs = validateObjectMeta(ev.metadata, true, nameIsDNSSubdomain);
  const io = ev.involvedObject;
  const ns = ev.metadata?.namespace ?? '';
  if (io?.namespace && io.namespace !== ns) {
    errs.push(
      invalid(FieldPath.root('involvedObject', 'namespace'), io.namespace, 'does not match event.namespace'),
    );
  }
  if (ev.type && ev.type !== 'Normal' && ev.type !== 'Warning') {
    errs.push(invalid(FieldPath.root('type'), ev.type, 'has invalid value: ' + ev.type));
  }
  if (!ev.reportingComponent && ev.action) errs.push(required(FieldPath.root('reportingController')));
  return errs;
}

export function validateEventUpdate(ev: Event, old: Event): FieldError[] {
  return [
    ...validateObjectMetaUpdate(ev.metadata, old.metadata),
    ...validateEvent(ev).filter((e) => !e.field.startsWith('metadata.')),
  ];
}
