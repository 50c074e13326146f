import type { Node, Taint } from 'kubernetes-types/core/v1';
import {
  FieldPath,
  duplicate,
  forbidden,
  goValue,
  invalid,
  notSupported,
  required,
  type FieldError,
} from '../field-errors';
import { isValidCIDR, isValidLabelValue } from './formats';
import {
  nameIsDNSSubdomain,
  validateLabelName,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from './metadata';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaints(taints: Taint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  (taints ?? []).forEach((t, i) => {
    const p = path.index(i);
    errs.push(...validateLabelName(t.key ?? '', p.child('key')));
    const msgs = isValidLabelValue(t.value ?? '');
    if (msgs.length > 0) errs.push(invalid(p.child('value'), t.value ?? '', msgs.join(';')));
    if (!t.effect) errs.push(required(p.child('effect')));
    else if (!TAINT_EFFECTS.includes(t.effect))
      errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
    const keys = seen.get(t.effect) ?? new Set<string>();
    if (keys.has(t.key)) {
      const d = duplicate(
        p,
        goValue(
          `core.Taint{Key:"${t.key}", Value:"${t.value ?? ''}", Effect:"${t.effect}", TimeAdded:<nil>}`,
        ),
      );
      d.detail = 'taints must be unique by key and effect pair';
      errs.push(d);
      return;
    }
    keys.add(t.key);
    seen.set(t.effect, keys);
  });
  return errs;
}

export function validateNode(node: Node): FieldError[] {
  const errs = validateObjectMeta(node.metadata, false, nameIsDNSSubdomain);
  // Upstream reports taints under metadata.taints (its path really starts from metadata).
  errs.push(...validateTaints(node.spec?.taints, FieldPath.root('metadata', 'taints')));
  (node.spec?.podCIDRs ?? []).forEach((c, i) => {
    if (!isValidCIDR(c))
      errs.push(
        invalid(
          FieldPath.root('spec', 'podCIDRs').index(i),
          c,
          'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
        ),
      );
  });
  return errs;
}

export function validateNodeUpdate(node: Node, old: Node): FieldError[] {
  const errs = validateObjectMetaUpdate(node.metadata, old.metadata);
  const oldCIDRs = old.spec?.podCIDRs ?? [];
  const newCIDRs = node.spec?.podCIDRs ?? [];
  const msg = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0) {
    if (oldCIDRs.length !== newCIDRs.length) errs.push(forbidden(FieldPath.root('spec', 'podCIDRs'), msg));
    else
      oldCIDRs.forEach(
        (c, i) => c !== newCIDRs[i] && errs.push(forbidden(FieldPath.root('spec', 'podCIDRs'), msg)),
      );
  }
  if (old.spec?.providerID && old.spec.providerID !== node.spec?.providerID) {
    errs.push(
      forbidden(
        FieldPath.root('spec', 'providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  errs.push(...validateTaints(node.spec?.taints, FieldPath.root('metadata', 'taints')));
  return errs;
}
