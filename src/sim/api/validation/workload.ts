import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import {
  forbidden,
  goValue,
  invalid,
  notSupported,
  required,
  type FieldError,
  FieldPath,
} from '../field-errors';
import { canonical } from './canonical';
import { isValidPercent } from './formats';
import { goIntOrString, goLabelSelector, goStringMap } from './go-values';
import {
  FIELD_IMMUTABLE,
  validateLabelSelector,
  validateNonnegative,
  selectorIsEmpty,
  selectorMatches,
} from './metadata';
import { validatePodTemplateSpec } from './pod-spec';

/** The selector checks apps/v1 Deployments and ReplicaSets share (`kind` is only used in one message, which says "deployment" for both upstream). */
export function validateWorkloadSelector(
  selector: LabelSelector | undefined,
  path: FieldPath,
  what: string,
): FieldError[] {
  if (!selector) return [required(path)];
  const errs = validateLabelSelector(selector, path);
  if (selectorIsEmpty(selector))
    errs.push(invalid(path, goLabelSelector(selector), `empty selector is invalid for ${what}`));
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet: template labels must satisfy the selector; restartPolicy Always. */
export function validateTemplateForSelector(
  template: PodTemplateSpec | undefined,
  selector: LabelSelector | undefined,
  path: FieldPath,
  kindName: string,
  selectorPath: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const m = selectorMatches(selector, template?.metadata?.labels);
  if (m === undefined) {
    errs.push(invalid(selectorPath, goLabelSelector(selector), 'invalid label selector'));
    return errs;
  }
  if (!selectorIsEmpty(selector) && !m) {
    errs.push(
      invalid(
        path.child('metadata', 'labels'),
        goStringMap(template?.metadata?.labels),
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(...validatePodTemplateSpec(template, path));
  const rp = template?.spec?.restartPolicy ?? '';
  if (rp !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), rp, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(
      forbidden(
        path.child('spec', 'activeDeadlineSeconds'),
        `activeDeadlineSeconds in ${kindName} is not Supported`,
      ),
    );
  }
  return errs;
}

function percentValue(v: number | string | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

export function intOrPercentValue(v: number | string | undefined): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  return typeof v === 'number' ? v : 0;
}

export function validatePositiveIntOrPercent(v: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, goValue(goIntOrString(v)), m));
  return validateNonnegative(v ?? 0, path);
}

export function isNotMoreThan100Percent(v: number | string | undefined, path: FieldPath): FieldError[] {
  const p = percentValue(v);
  return p === undefined || p <= 100
    ? []
    : [invalid(path, goValue(goIntOrString(v)), 'must not be greater than 100%')];
}

/** apps/v1 strategies: a workload's selector may not change once set (`field is immutable`). */
export function validateSelectorImmutable(
  sel: LabelSelector | undefined,
  old: LabelSelector | undefined,
): FieldError[] {
  if (JSON.stringify(canonical(sel)) === JSON.stringify(canonical(old))) return [];
  return [invalid(FieldPath.root('spec', 'selector'), goLabelSelector(sel), FIELD_IMMUTABLE)];
}
