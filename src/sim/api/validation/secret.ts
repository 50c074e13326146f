import type { Secret } from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../field-errors';
import { isConfigMapKey } from './formats';
import { MAX_DATA_SIZE } from './configmap';
import {
  FIELD_IMMUTABLE,
  nameIsDNSSubdomain,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { canonical } from './canonical';

/** ValidateSecret. `data` is base64 as stored; `stringData` is expected to be merged in already. */
export function validateSecret(secret: Secret): FieldError[] {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = FieldPath.root('data');
  const data = secret.data ?? {};
  let total = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(dataPath.key(k), k, m));
    total += Math.floor((String(v).replace(/=+$/, '').length * 3) / 4);
  }
  if (total > MAX_DATA_SIZE)
    errs.push({
      type: 'FieldValueTooLong',
      field: 'data',
      badValue: '',
      detail: `must have at most ${MAX_DATA_SIZE} bytes`,
    });
  const has = (k: string): boolean => k in data;
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(
          required(FieldPath.root('metadata', 'annotations').key('kubernetes.io/service-account.name')),
        );
      }
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required(dataPath.key('.dockercfg')));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required(dataPath.key('.dockerconfigjson')));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password'))
        errs.push(required(dataPath.key('username')), required(dataPath.key('password')));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key')));
      break;
  }
  return errs;
}

export function validateSecretUpdate(secret: Secret, old: Secret): FieldError[] {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  if ((secret.type ?? '') !== (old.type ?? ''))
    errs.push(invalid(FieldPath.root('type'), secret.type ?? '', FIELD_IMMUTABLE));
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!secret.immutable) errs.push(forbidden(FieldPath.root('immutable'), msg));
    if (JSON.stringify(canonical(secret.data)) !== JSON.stringify(canonical(old.data)))
      errs.push(forbidden(FieldPath.root('data'), msg));
  }
  errs.push(...validateSecret(secret));
  return errs;
}
