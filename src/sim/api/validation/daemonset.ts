import type { DaemonSet } from 'kubernetes-types/apps/v1';
import {
  FieldPath,
  forbidden,
  goValue,
  invalid,
  notSupported,
  required,
  type FieldError,
} from '../field-errors';
import { goIntOrString, goLabelSelector, goStringMap } from './go-values';
import {
  nameIsDNSSubdomain,
  selectorIsEmpty,
  selectorMatches,
  validateLabelSelector,
  validateNonnegative,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';
import { validatePodTemplateSpec } from './pod-spec';
import {
  intOrPercentValue,
  isNotMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateSelectorImmutable,
} from './workload';

function validateUpdateStrategy(ds: DaemonSet, path: FieldPath): FieldError[] {
  const s = ds.spec?.updateStrategy ?? {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [required(path.child('rollingUpdate'))];
      const rp = path.child('rollingUpdate');
      const errs = [
        ...validatePositiveIntOrPercent(ru.maxUnavailable, rp.child('maxUnavailable')),
        ...validatePositiveIntOrPercent(ru.maxSurge, rp.child('maxSurge')),
        ...isNotMoreThan100Percent(ru.maxUnavailable, rp.child('maxUnavailable')),
        ...isNotMoreThan100Percent(ru.maxSurge, rp.child('maxSurge')),
      ];
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge)
        errs.push(
          invalid(
            rp.child('maxSurge'),
            goValue(goIntOrString(ru.maxSurge)),
            'may not be set when maxUnavailable is non-zero',
          ),
        );
      else if (!hasUnavailable && !hasSurge)
        errs.push(required(rp.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default:
      return [
        notSupported(
          path,
          goValue(
            `apps.DaemonSetUpdateStrategy{Type:"${s.type ?? ''}", RollingUpdate:(*apps.RollingUpdateDaemonSet)(${s.rollingUpdate ? '0xc000000000' : 'nil'})}`,
          ),
          ['RollingUpdate', 'OnDelete'],
        ),
      ];
  }
}

/** ValidateDaemonSet: note a missing selector yields only the template-labels error upstream. */
export function validateDaemonSet(ds: DaemonSet): FieldError[] {
  const spec = FieldPath.root('spec');
  const s = ds.spec;
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain);
  errs.push(...validateLabelSelector(s?.selector, spec.child('selector')));
  const m = selectorMatches(s?.selector, s?.template?.metadata?.labels);
  if (m === false) {
    errs.push(
      invalid(
        spec.child('template', 'metadata', 'labels'),
        goStringMap(s?.template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  if (s?.selector && selectorIsEmpty(s.selector))
    errs.push(
      invalid(spec.child('selector'), goLabelSelector(s.selector), 'empty selector is invalid for daemonset'),
    );
  errs.push(...validatePodTemplateSpec(s?.template, spec.child('template')));
  const rp = s?.template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always')
    errs.push(notSupported(spec.child('template', 'spec', 'restartPolicy'), rp, ['Always']));
  if (s?.template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        spec.child('template', 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in DaemonSet is not Supported',
      ),
    );
  }
  errs.push(...validateNonnegative(s?.minReadySeconds, spec.child('minReadySeconds')));
  errs.push(...validateUpdateStrategy(ds, spec.child('updateStrategy')));
  errs.push(...validateNonnegative(s?.revisionHistoryLimit, spec.child('revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): FieldError[] {
  const errs = validateObjectMetaUpdate(ds.metadata, old.metadata);
  errs.push(...validateDaemonSet(ds).filter((e) => !e.field.startsWith('metadata.')));
  errs.push(...validateSelectorImmutable(ds.spec?.selector, old.spec?.selector));
  return errs;
}
