import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { goQuote, goValue, type GoSyntax } from '../field-errors';

/**
 * Go `%#v` renderings of the few struct, map and slice values that upstream passes as bad values
 * (a learner sees them in `kubectl` errors, e.g. the immutable-selector message).
 */

export function goStringMap(m: Record<string, string> | undefined | null): GoSyntax {
  if (m === undefined || m === null) return goValue('map[string]string(nil)');
  // fmt sorts map keys when printing.
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`);
  return goValue(`map[string]string{${entries.join(', ')}}`);
}

function stringSliceText(s: readonly string[] | undefined | null): string {
  if (s === undefined || s === null) return '[]string(nil)';
  return `[]string{${s.map((v) => goQuote(String(v))).join(', ')}}`;
}

export function goStringSlice(s: readonly string[] | undefined | null): GoSyntax {
  return goValue(stringSliceText(s));
}

/** metav1.LabelSelector (upstream dereferences the pointer before printing). */
export function goLabelSelector(sel: LabelSelector | undefined | null): GoSyntax {
  if (sel === undefined || sel === null) return goValue('null');
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (r) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(String(r.key ?? ''))}, Operator:${goQuote(String(r.operator ?? ''))}, Values:${stringSliceText(r.values)}}`,
          )
          .join(', ')}}`;
  return goValue(
    `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels).goSyntax}, MatchExpressions:${exprText}}`,
  );
}

/** intstr.IntOrString as `%#v` prints it: Type 0 is Int, 1 is String. */
export function goIntOrString(v: number | string | undefined): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}
