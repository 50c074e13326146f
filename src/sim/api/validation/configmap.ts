import type { ConfigMap } from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, invalid, type FieldError } from '../field-errors';
import { byteLength, isConfigMapKey } from './formats';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { canonical } from './canonical';

/** core.MaxSecretSize, shared by ConfigMaps. */
export const MAX_DATA_SIZE = 1 * 1024 * 1024;

export function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(FieldPath.root('data').key(k), k, m));
    if (cm.binaryData && k in cm.binaryData)
      errs.push(invalid(FieldPath.root('data').key(k), k, 'duplicate of key present in binaryData'));
    total += byteLength(String(v));
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(FieldPath.root('binaryData').key(k), k, m));
    total += Math.floor((String(v).length * 3) / 4);
  }
  if (total > MAX_DATA_SIZE) {
    errs.push({
      type: 'FieldValueTooLong',
      field: '',
      badValue: '',
      detail: `must have at most ${MAX_DATA_SIZE} bytes`,
    });
  }
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): FieldError[] {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!cm.immutable) errs.push(forbidden(FieldPath.root('immutable'), msg));
    if (JSON.stringify(canonical(cm.data)) !== JSON.stringify(canonical(old.data)))
      errs.push(forbidden(FieldPath.root('data'), msg));
    if (JSON.stringify(canonical(cm.binaryData)) !== JSON.stringify(canonical(old.binaryData)))
      errs.push(forbidden(FieldPath.root('binaryData'), msg));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}
