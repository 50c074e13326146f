import type { Deployment } from 'kubernetes-types/apps/v1';
import {
  FieldPath,
  forbidden,
  goValue,
  invalid,
  notSupported,
  required,
  type FieldError,
} from '../field-errors';
import { goIntOrString } from './go-values';
import {
  nameIsDNSSubdomain,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateTemplateForSelector,
  validateWorkloadSelector,
  validateSelectorImmutable,
} from './workload';

function validateStrategy(d: Deployment, path: FieldPath): FieldError[] {
  const s = d.spec?.strategy ?? {};
  const errs: FieldError[] = [];
  switch (s.type) {
    case 'Recreate':
      if (s.rollingUpdate)
        errs.push(
          forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"),
        );
      break;
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) {
        errs.push(required(path.child('rollingUpdate'), 'this should be defaulted and never be nil'));
        break;
      }
      const rp = path.child('rollingUpdate');
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(
          invalid(
            rp.child('maxUnavailable'),
            goValue(goIntOrString(ru.maxUnavailable)),
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')));
      break;
    }
    default:
      errs.push(
        notSupported(
          path,
          goValue(
            `apps.DeploymentStrategy{Type:"${s.type ?? ''}", RollingUpdate:(*apps.RollingUpdateDeployment)(${s.rollingUpdate ? '0xc000000000' : 'nil'})}`,
          ),
          ['Recreate', 'RollingUpdate'],
        ),
      );
  }
  return errs;
}

/** ValidateDeployment (apps/v1). */
export function validateDeployment(d: Deployment): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = d.spec;
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateNonnegative(s?.replicas, spec.child('replicas')));
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
  errs.push(...validateStrategy(d, spec.child('strategy')));
  errs.push(...validateNonnegative(s?.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...validateNonnegative(s?.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  if (s?.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegative(s.progressDeadlineSeconds, spec.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(
        invalid(
          spec.child('progressDeadlineSeconds'),
          s.progressDeadlineSeconds,
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  return errs;
}

/** ValidateDeploymentUpdate plus the apps/v1 strategy's selector immutability. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): FieldError[] {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata);
  errs.push(...validateDeployment(d).filter((e) => !e.field.startsWith('metadata.')));
  errs.push(...validateSelectorImmutable(d.spec?.selector, old.spec?.selector));
  return errs;
}
