import type { JsonValue } from '../../api/object';
import { definitionName, DEFINITIONS, resolve, type Schema } from './schemas';

/**
 * Server-side field validation (`fieldValidation=Strict|Warn`): the fields of an object that its
 * schema does not know, as paths the way upstream's strict decoder names them
 * (`spec.replica`, `spec.template.spec.containers[0].imagePullPolicyy`), in document order.
 * The caller turns them into a 400 (`strict decoding error: unknown field "spec.replica"`) or
 * `Warning: 299 - "unknown field \"spec.replica\""` headers.
 */
export function unknownFields(kind: string, obj: unknown, apiVersion?: string): string[] {
  const av = apiVersion ?? (isObject(obj) && typeof obj.apiVersion === 'string' ? obj.apiVersion : '');
  const name = definitionName(av, kind) ?? definitionByKind(kind);
  if (!name) return [];
  const out: string[] = [];
  walk(DEFINITIONS[name], obj as JsonValue, '', out);
  return out;
}

function definitionByKind(kind: string): string | undefined {
  for (const [name, s] of Object.entries(DEFINITIONS)) {
    if (s['x-kubernetes-group-version-kind']?.some((g) => g.kind === kind)) return name;
  }
  return undefined;
}

function isObject(v: unknown): v is { [k: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function walk(schema: Schema | undefined, value: JsonValue, path: string, out: string[]): void {
  const s = resolve(schema);
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return;
  if (Array.isArray(value)) {
    if (s.items) value.forEach((v, i) => walk(s.items, v, `${path}[${i}]`, out));
    return;
  }
  if (!isObject(value)) return;
  if (s.properties) {
    for (const [k, v] of Object.entries(value)) {
      const child = path ? `${path}.${k}` : k;
      const ps = s.properties[k];
      if (!ps) out.push(child);
      else walk(ps, v, child, out);
    }
    return;
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    for (const [k, v] of Object.entries(value))
      walk(s.additionalProperties, v, path ? `${path}.${k}` : k, out);
  }
}
