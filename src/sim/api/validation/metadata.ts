import type {
  LabelSelector,
  LabelSelectorRequirement,
  ObjectMeta,
  OwnerReference,
} from 'kubernetes-types/meta/v1';
import { FieldPath, forbidden, invalid, required, type FieldError } from '../field-errors';
import {
  byteLength,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
} from './formats';
import { goStringSlice } from './go-values';

/** ValidateNameFunc: `prefix` is true for generateName, whose trailing dash is allowed. */
export type NameFn = (name: string, prefix: boolean) => string[];

function maskTrailingDash(name: string): string {
  // Upstream's maskTrailingDash drops two characters, not one; kept for identical messages.
  return name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

export const nameIsDNSSubdomain: NameFn = (name, prefix) =>
  isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name);
export const nameIsDNSLabel: NameFn = (name, prefix) =>
  isDNS1123Label(prefix ? maskTrailingDash(name) : name);
export const nameIsDNS1035Label: NameFn = (name, prefix) =>
  isDNS1035Label(prefix ? maskTrailingDash(name) : name);

/** RBAC names are only checked for path segments (ValidateRBACName = path.ValidatePathSegmentName). */
export const nameIsPathSegment: NameFn = (name, prefix) => {
  if (prefix)
    return name.includes('/') ? [`may not contain '/'`] : name.includes('%') ? [`may not contain '%'`] : [];
  for (const illegal of ['.', '..']) if (name === illegal) return [`may not be '${illegal}'`];
  for (const s of ['/', '%']) if (name.includes(s)) return [`may not contain '${s}'`];
  return [];
};

export const IS_NEGATIVE_ERROR = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

export function validateNonnegative(value: number | undefined, path: FieldPath): FieldError[] {
  return value !== undefined && value < 0 ? [invalid(path, value, IS_NEGATIVE_ERROR)] : [];
}

export function validateLabelName(key: string, path: FieldPath): FieldError[] {
  return isQualifiedName(key).map((m) => invalid(path, key, m));
}

/** ValidateLabels: errors are reported at the map's path, not the key's. */
export function validateLabels(labels: Record<string, string> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(String(v))) errs.push(invalid(path, String(v), m));
  }
  return errs;
}

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(
  annotations: Record<string, string> | undefined,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // Annotation keys are qualified names, compared case-insensitively.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, m));
    total += byteLength(k) + byteLength(String(v));
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT)
    errs.push({
      type: 'FieldValueTooLong',
      field: String(path),
      badValue: '',
      detail: `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    });
  return errs;
}

function validateOwnerReferences(refs: OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const apiVersion = ref.apiVersion ?? '';
    const version = apiVersion.includes('/') ? apiVersion.split('/')[1] : apiVersion;
    if (!version) errs.push(invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(path.child('kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(path.child('name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(path.child('uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push({
          type: 'FieldValueInvalid',
          field: String(path),
          // Upstream prints the whole []metav1.OwnerReference here; the JSON is the honest stand-in.
          badValue: { goSyntax: JSON.stringify(refs) },
          detail: `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`,
        });
      } else firstController = cur;
    }
  }
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of finalizers ?? []) errs.push(...isQualifiedName(f).map((m) => invalid(path, f, m)));
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(
      invalid(path, goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'),
    );
  }
  // core's extra check (validateKubeFinalizerName), reported per index.
  (finalizers ?? []).forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(
        invalid(path.index(i), f, 'name is neither a standard finalizer name nor is it fully qualified'),
      );
    }
  });
  return errs;
}

/** ValidateObjectMeta (core's wrapper): name/generateName, namespace, labels, annotations, owners, finalizers. */
export function validateObjectMeta(
  meta: ObjectMeta | undefined,
  namespaced: boolean,
  nameFn: NameFn,
  path = FieldPath.root('metadata'),
): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  if (m.generateName) {
    for (const msg of nameFn(m.generateName, true))
      errs.push(invalid(path.child('generateName'), m.generateName, msg));
  }
  if (!m.name) errs.push(required(path.child('name'), 'name or generateName is required'));
  else for (const msg of nameFn(m.name, false)) errs.push(invalid(path.child('name'), m.name, msg));
  errs.push(...validateMetaCommon(m, namespaced, path));
  return errs;
}

function validateMetaCommon(m: ObjectMeta, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (namespaced) {
    if (!m.namespace) errs.push(required(path.child('namespace')));
    else
      for (const msg of nameIsDNSLabel(m.namespace, false))
        errs.push(invalid(path.child('namespace'), m.namespace, msg));
  } else if (m.namespace) {
    errs.push(forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegative(m.generation, path.child('generation')));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  return errs;
}

/**
 * ValidateObjectMetaUpdate. Its "resourceVersion must be specified" rule is left out: the
 * generic registry fills in the stored version for unconditional updates before validating.
 */
export function validateObjectMetaUpdate(
  meta: ObjectMeta | undefined,
  old: ObjectMeta | undefined,
  path = FieldPath.root('metadata'),
): FieldError[] {
  const n = meta ?? {};
  const o = old ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const extra = (n.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (extra.length > 0) {
      errs.push(
        forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice([...new Set(extra)].sort()).goSyntax}`,
        ),
      );
    }
  }
  if ((n.generation ?? 0) < (o.generation ?? 0))
    errs.push(invalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  const immutable: [keyof ObjectMeta, unknown, unknown][] = [
    ['name', n.name ?? '', o.name ?? ''],
    ['namespace', n.namespace ?? '', o.namespace ?? ''],
    ['uid', n.uid ?? '', o.uid ?? ''],
  ];
  for (const [k, nv, ov] of immutable) if (nv !== ov) errs.push(invalid(path.child(k), nv, FIELD_IMMUTABLE));
  if ((n.creationTimestamp ?? null) !== (o.creationTimestamp ?? null)) {
    // metav1.Time prints as a struct upstream; the RFC 3339 text is the readable equivalent.
    errs.push(invalid(path.child('creationTimestamp'), n.creationTimestamp ?? null, FIELD_IMMUTABLE));
  }
  if ((n.deletionTimestamp ?? null) !== (o.deletionTimestamp ?? null)) {
    errs.push(invalid(path.child('deletionTimestamp'), n.deletionTimestamp ?? null, FIELD_IMMUTABLE));
  }
  if ((n.deletionGracePeriodSeconds ?? null) !== (o.deletionGracePeriodSeconds ?? null)) {
    errs.push(
      invalid(
        path.child('deletionGracePeriodSeconds'),
        n.deletionGracePeriodSeconds ?? null,
        FIELD_IMMUTABLE,
      ),
    );
  }
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(n.finalizers, path.child('finalizers')));
  return errs;
}

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export function validateLabelSelectorRequirement(r: LabelSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errs.push(
          forbidden(
            path.child('values'),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          ),
        );
      break;
    default:
      errs.push(invalid(path.child('operator'), r.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r.key ?? '', path.child('key')));
  // Strict selectors (apps/v1 workloads) also check each value as a label value.
  values.forEach((v, i) => {
    for (const m of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, m));
  });
  return errs;
}

export function validateLabelSelector(sel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((r, i) =>
    errs.push(...validateLabelSelectorRequirement(r, path.child('matchExpressions').index(i))),
  );
  return errs;
}

/**
 * metav1.LabelSelectorAsSelector, then Matches. A nil selector selects nothing, an empty one
 * everything; `undefined` result means the selector could not be converted (upstream's err).
 */
export function selectorMatches(
  sel: LabelSelector | undefined | null,
  labels: Record<string, string> | undefined,
): boolean | undefined {
  if (sel === undefined || sel === null) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length > 0 || isValidLabelValue(String(v)).length > 0) return undefined;
  }
  for (const r of sel.matchExpressions ?? []) {
    const vals = r.values ?? [];
    if (!SELECTOR_OPERATORS.includes(r.operator)) return undefined;
    if ((r.operator === 'In' || r.operator === 'NotIn') && vals.length === 0) return undefined;
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && vals.length > 0) return undefined;
    if (isQualifiedName(r.key).length > 0) return undefined;
  }
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== String(v)) return false;
  for (const r of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const vals = r.values ?? [];
    if (r.operator === 'In' && !(has && vals.includes(l[r.key]))) return false;
    if (r.operator === 'NotIn' && has && vals.includes(l[r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function selectorIsEmpty(sel: LabelSelector | undefined | null): boolean {
  return (
    !!sel && Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0
  );
}

export function validateDNS1123Label(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Label(value).map((m) => invalid(path, value, m));
}

export function validateDNS1123Subdomain(value: string, path: FieldPath): FieldError[] {
  return isDNS1123Subdomain(value).map((m) => invalid(path, value, m));
}
