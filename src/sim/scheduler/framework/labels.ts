/**
 * Label and field matching as the scheduler uses it: apimachinery label selectors,
 * component-helpers nodeaffinity (NodeSelector terms, Gt/Lt), and v1helper taint toleration.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type {
  Node,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Taint,
  Toleration,
} from 'kubernetes-types/core/v1';

export type Labels = Readonly<Record<string, string>>;

type Op = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

interface Requirement {
  key: string;
  op: Op;
  values: readonly string[];
}

/** A compiled labels.Selector. `nothing` is upstream's labels.Nothing() (nil LabelSelector). */
export class Selector {
  private constructor(
    readonly requirements: readonly Requirement[],
    readonly nothing: boolean,
  ) {}

  static readonly NOTHING = new Selector([], true);
  static readonly EVERYTHING = new Selector([], false);

  static of(requirements: Requirement[]): Selector {
    // Sorted by key as labels.NewSelector does, so a selector has one canonical text form.
    return new Selector(
      [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      false,
    );
  }

  /** labels.SelectorFromSet. */
  static fromSet(set: Labels | undefined): Selector {
    if (!set) return Selector.EVERYTHING;
    return Selector.of(Object.keys(set).map((k) => ({ key: k, op: 'In' as const, values: [set[k]] })));
  }

  /** Selector.Empty(): matches everything and has no requirements. */
  empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const reqs = this.requirements;
    for (let i = 0; i < reqs.length; i++) {
      const r = reqs[i];
      const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'In':
          if (!has || !r.values.includes(labels![r.key])) return false;
          break;
        case 'NotIn':
          if (has && r.values.includes(labels![r.key])) return false;
          break;
        case 'Exists':
          if (!has) return false;
          break;
        case 'DoesNotExist':
          if (has) return false;
          break;
      }
    }
    return true;
  }

  /** Selector.Add: the requirements of both. */
  add(other: Selector): Selector {
    if (this.nothing || other.nothing) return Selector.NOTHING;
    return Selector.of([...this.requirements, ...other.requirements]);
  }

  /** A canonical text form, used as a cache key. */
  key(): string {
    if (this.nothing) return '<nothing>';
    return this.requirements.map((r) => `${r.key} ${r.op} (${[...r.values].sort().join(',')})`).join('; ');
  }
}

/**
 * metav1.LabelSelectorAsSelector: nil selects nothing, {} selects everything. An invalid
 * selector (unknown operator, In without values) is an error upstream; callers treat it as
 * matching nothing, which is what the plugins end up doing with the parse error.
 */
export function labelSelectorAsSelector(ls: LabelSelector | undefined | null): Selector {
  if (ls === undefined || ls === null) return Selector.NOTHING;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push({ key: k, op: 'In', values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return Selector.NOTHING;
        reqs.push({ key: e.key, op: e.operator, values });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length !== 0) return Selector.NOTHING;
        reqs.push({ key: e.key, op: e.operator, values: [] });
        break;
      default:
        return Selector.NOTHING;
    }
  }
  if (reqs.length === 0) return Selector.EVERYTHING;
  return Selector.of(reqs);
}

/** labels.Merge + AsSelector for a matchLabels-style set merged into a selector (matchLabelKeys). */
export function mergeLabelSetWithSelector(set: Labels, selector: Selector): Selector {
  return selector.add(Selector.fromSet(set));
}

// ---- Node selectors (component-helpers/scheduling/corev1/nodeaffinity) ----

/** Go's strconv.ParseInt(s, 10, 64) strictness: an optional sign and digits only. */
function parseInt64(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

function matchNodeSelectorRequirement(
  r: NodeSelectorRequirement,
  value: string | undefined,
): boolean | 'error' {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return 'error';
      return value !== undefined && values.includes(value);
    case 'NotIn':
      if (values.length === 0) return 'error';
      return value === undefined || !values.includes(value);
    case 'Exists':
      if (values.length !== 0) return 'error';
      return value !== undefined;
    case 'DoesNotExist':
      if (values.length !== 0) return 'error';
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return 'error';
      const want = parseInt64(values[0]);
      if (want === undefined) return 'error';
      if (value === undefined) return false;
      const have = parseInt64(value);
      if (have === undefined) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return 'error';
  }
}

/**
 * nodeSelectorTerm.match: the term's expressions (on labels) and fields (only metadata.name)
 * are ANDed; an empty term matches nothing; a term with a parse error matches nothing.
 */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels;
  for (const r of exprs) {
    const v = labels && Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined;
    if (matchNodeSelectorRequirement(r, v) !== true) return false;
  }
  for (const r of fields) {
    // Only metadata.name is a valid field, and only In/NotIn with one value (validation).
    if (r.key !== 'metadata.name' || (r.operator !== 'In' && r.operator !== 'NotIn')) return false;
    if ((r.values ?? []).length !== 1) return false;
    if (matchNodeSelectorRequirement(r, node.metadata?.name ?? '') !== true) return false;
  }
  return true;
}

/** nodeaffinity.NodeSelector.Match: terms are ORed. */
export function nodeSelectorTermsMatch(terms: readonly NodeSelectorTerm[], node: Node): boolean {
  for (const t of terms) if (nodeSelectorTermMatches(t, node)) return true;
  return false;
}

// ---- Taints and tolerations (pkg/apis/core/v1/helper) ----

/** Toleration.ToleratesTaint as of v1.32 (Equal and Exists only). */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerationsTolerateTaint(
  tolerations: readonly Toleration[] | undefined,
  taint: Taint,
): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findMatchingUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  filter: (t: Taint) => boolean,
): Taint | undefined {
  if (!taints) return undefined;
  for (const taint of taints) {
    if (filter(taint) && !tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/** helper.DoNotScheduleTaintsFilterFunc. */
export function doNotScheduleTaint(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}
