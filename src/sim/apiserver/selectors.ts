import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/object';

/** One requirement of a label selector, as apimachinery `labels.Requirement`. */
export interface LabelRequirement {
  key: string;
  op: 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';
  values: string[];
}

export type SelectorResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses `app=web,tier!=db,env in (a,b),!legacy` (labels.Parse). */
export function parseLabelSelector(text: string): SelectorResult<LabelRequirement[]> {
  const reqs: LabelRequirement[] = [];
  const s = text.trim();
  if (s === '') return { ok: true, value: reqs };
  for (const part of splitTopLevel(s)) {
    const p = part.trim();
    let m: RegExpExecArray | null;
    if ((m = /^!\s*([A-Za-z0-9._/-]+)$/.exec(p))) reqs.push({ key: m[1], op: '!', values: [] });
    else if ((m = /^([A-Za-z0-9._/-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p)))
      reqs.push({ key: m[1], op: m[2] as 'in' | 'notin', values: m[3].split(',').map((v) => v.trim()) });
    else if ((m = /^([A-Za-z0-9._/-]+)\s*(==|!=|=)\s*([A-Za-z0-9._-]*)$/.exec(p)))
      reqs.push({ key: m[1], op: m[2] as '=' | '==' | '!=', values: [m[3]] });
    else if ((m = /^([A-Za-z0-9._/-]+)$/.exec(p))) reqs.push({ key: m[1], op: 'exists', values: [] });
    else return { ok: false, message: `unable to parse requirement: found '${p}', expected: identifier` };
  }
  return { ok: true, value: reqs };
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
      case '==':
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has) return false;
        const n = Number(v);
        const bound = Number(r.values[0]);
        if (Number.isNaN(n) || (r.op === 'gt' ? !(n > bound) : !(n < bound))) return false;
        break;
      }
    }
  }
  return true;
}

/** A metav1.LabelSelector (matchLabels + matchExpressions) as requirements. */
export function labelSelectorRequirements(sel: LabelSelector | undefined): LabelRequirement[] {
  const reqs: LabelRequirement[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of sel?.matchExpressions ?? []) {
    const op =
      e.operator === 'In'
        ? 'in'
        : e.operator === 'NotIn'
          ? 'notin'
          : e.operator === 'Exists'
            ? 'exists'
            : '!';
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

/** Renders a LabelSelector as kubectl shows it (`app=nginx`). */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {}).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  ))
    parts.push(`${k}=${v}`);
  for (const e of sel?.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** Field labels each resource supports in selectors (pkg/registry/*\/strategy.go `…ToSelectableFields`). */
const FIELD_LABELS: Record<string, string[]> = {
  pods: [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ],
  nodes: ['spec.unschedulable'],
  namespaces: ['status.phase'],
  events: [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  secrets: ['type'],
  replicasets: ['status.replicas'],
  services: ['spec.clusterIP', 'spec.type'],
};

export function parseFieldSelector(text: string, resource: string): SelectorResult<FieldRequirement[]> {
  const reqs: FieldRequirement[] = [];
  if (text.trim() === '') return { ok: true, value: reqs };
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z0-9._]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(part);
    if (!m) return { ok: false, message: `invalid selector: '${text}'; can't understand '${part}'` };
    const field = m[1];
    const supported =
      field === 'metadata.name' ||
      field === 'metadata.namespace' ||
      (FIELD_LABELS[resource] ?? []).includes(field);
    if (!supported) return { ok: false, message: `field label not supported: ${field}` };
    reqs.push({ field, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return { ok: true, value: reqs };
}

export function fieldValue(obj: KubeObject, field: string): string {
  let cur: unknown = obj;
  for (const seg of field.split('.')) {
    if (typeof cur !== 'object' || cur === null) return '';
    cur = (cur as Record<string, unknown>)[seg];
  }
  if (cur === undefined || cur === null) return '';
  if (field === 'involvedObject.namespace' || field === 'metadata.namespace') return String(cur);
  return typeof cur === 'object' ? '' : String(cur);
}

export function matchesFields(reqs: FieldRequirement[], obj: KubeObject): boolean {
  for (const r of reqs) {
    const v = r.field === 'source' ? fieldValue(obj, 'source.component') : fieldValue(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
