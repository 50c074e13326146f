import type { Container, Pod, PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../field-errors';
import { inclusiveRangeError } from './formats';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { validateContainersOnlyForPod, validatePodSpec, validateTolerations } from './pod-spec';
import { canonical } from './canonical';
import { specDiff } from './spec-diff';

export function validatePod(pod: Pod): FieldError[] {
  const spec = FieldPath.root('spec');
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain);
  errs.push(...validatePodSpec(pod.spec, spec, { resourceIsPod: true }));
  errs.push(...validateContainersOnlyForPod(pod.spec?.containers, spec.child('containers')));
  errs.push(...validateContainersOnlyForPod(pod.spec?.initContainers, spec.child('initContainers')));
  return errs;
}

const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(
  n: Container[],
  o: Container[],
  path: FieldPath,
): { errs: FieldError[]; stop: boolean } {
  if (n.length !== o.length)
    return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  n.forEach((c, i) => {
    if (!c.image) errs.push(required(path.index(i).child('image')));
    if (c.image && c.image.trim().length !== c.image.length) {
      errs.push(
        invalid(path.index(i).child('image'), c.image, 'must not have leading or trailing whitespace'),
      );
    }
  });
  return { errs, stop: false };
}

const sameJSON = (a: unknown, b: unknown): boolean =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function onlyAddedTolerations(
  n: Toleration[] | undefined,
  o: Toleration[] | undefined,
  path: FieldPath,
): FieldError[] {
  for (const old of o ?? []) {
    const found = (n ?? []).some((t) => sameJSON({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found)
      return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(n, path);
}

/** ValidatePodUpdate: only images, activeDeadlineSeconds, added tolerations (and gates) may change. */
export function validatePodUpdate(pod: Pod, old: Pod): FieldError[] {
  const specPath = FieldPath.root('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata);
  errs.push(...validatePod(pod));
  const n: PodSpec = pod.spec ?? { containers: [] };
  const o: PodSpec = old.spec ?? { containers: [] };
  for (const [k, nc, oc] of [
    ['containers', n.containers ?? [], o.containers ?? []],
    ['initContainers', n.initContainers ?? [], o.initContainers ?? []],
  ] as const) {
    const r = validateContainerUpdates(nc, oc, specPath.child(k));
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  if (n.activeDeadlineSeconds !== undefined) {
    const v = n.activeDeadlineSeconds;
    if (v < 0 || v > 2147483647) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), v, inclusiveRangeError(0, 2147483647)));
      return errs;
    }
    if (o.activeDeadlineSeconds !== undefined && o.activeDeadlineSeconds < v) {
      errs.push(
        invalid(specPath.child('activeDeadlineSeconds'), v, 'must be less than or equal to previous value'),
      );
      return errs;
    }
  } else if (o.activeDeadlineSeconds !== undefined) {
    errs.push(
      invalid(
        specPath.child('activeDeadlineSeconds'),
        null,
        'must not update from a positive integer to nil value',
      ),
    );
  }
  errs.push(...onlyAddedTolerations(n.tolerations, o.tolerations, specPath.child('tolerations')));
  if (sameJSON(n, o)) return errs;
  const munged: PodSpec = {
    ...n,
    containers: (n.containers ?? []).map((c, i) => ({ ...c, image: o.containers[i]?.image })),
    initContainers: n.initContainers?.map((c, i) => ({
      ...c,
      image: o.initContainers?.[i]?.image ?? c.image,
    })),
    activeDeadlineSeconds: o.activeDeadlineSeconds,
    schedulingGates: o.schedulingGates,
    tolerations: o.tolerations,
  };
  if (
    o.terminationGracePeriodSeconds !== undefined &&
    o.terminationGracePeriodSeconds < 0 &&
    munged.terminationGracePeriodSeconds === 1
  ) {
    munged.terminationGracePeriodSeconds = o.terminationGracePeriodSeconds;
  }
  if (!sameJSON(munged, o)) {
    errs.push(
      forbidden(
        specPath,
        `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff('core.PodSpec', o, munged)}`,
      ),
    );
  }
  return errs;
}
