/**
 * JSON Schemas for the editor, from the apiserver's own OpenAPI definitions (the same table its
 * field validation uses): one schema that picks the kind's definition by `kind`.
 */
import type { JSONSchema } from 'monaco-yaml';
import definitions from '../../sim/apiserver/openapi/definitions.json';

const KINDS: Record<string, string> = {
  Deployment: 'io.k8s.api.apps.v1.Deployment',
  DaemonSet: 'io.k8s.api.apps.v1.DaemonSet',
  Service: 'io.k8s.api.core.v1.Service',
  Pod: 'io.k8s.api.core.v1.Pod',
  ConfigMap: 'io.k8s.api.core.v1.ConfigMap',
  Namespace: 'io.k8s.api.core.v1.Namespace',
};

/** OpenAPI v3 `#/components/schemas/X` refs become JSON Schema `#/definitions/X`. */
function rewrite(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rewrite);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string')
        out[k] = x.replace('#/components/schemas/', '#/definitions/');
      else if (k.startsWith('x-kubernetes')) continue;
      else out[k] = rewrite(x);
    }
    return out;
  }
  return v;
}

export function kubernetesSchema(): JSONSchema {
  const defs = rewrite(definitions) as Record<string, JSONSchema>;
  return {
    type: 'object',
    definitions: defs,
    required: ['apiVersion', 'kind', 'metadata'],
    properties: {
      kind: { type: 'string', enum: Object.keys(KINDS), description: 'The kind of object.' },
    },
    allOf: Object.entries(KINDS).map(([kind, def]) => ({
      if: { properties: { kind: { const: kind } }, required: ['kind'] },
      then: { $ref: `#/definitions/${def}` },
    })),
  } as JSONSchema;
}
