/**
 * Generates `src/sim/apiserver/openapi/definitions.json`: the OpenAPI v3 component schemas of the
 * kinds KubeSim serves, named as upstream names them (`io.k8s.api.apps.v1.Deployment`).
 *
 * Source: the `kubernetes-types` package (the newest on npm is v1.30), which is generated from
 * upstream's OpenAPI spec and keeps its descriptions, required fields and types. What it drops is
 * written back here: int32/int64 formats, int-or-string, Quantity and Time, the group-version-kind
 * extension, and the patch strategies and merge keys that strategic merge patch and
 * `kubectl apply` read. Run: `npx tsx src/server/gen-openapi.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import { RESOURCES } from '../sim/apiserver/resources';

const ROOT = join(import.meta.dirname, '../..');
const TYPES = join(ROOT, 'node_modules/kubernetes-types');
const OUT = join(ROOT, 'src/sim/apiserver/openapi/definitions.json');

/** kubernetes-types module → upstream Go package of its definitions. */
function packageOf(module: string): string {
  if (module === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1';
  if (module === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource';
  if (module === 'runtime') return 'io.k8s.apimachinery.pkg.runtime';
  return `io.k8s.api.${module.replace('/', '.')}`;
}

type Schema = Record<string, unknown>;

interface Decl {
  name: string; // full definition name
  module: string;
  node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration;
  imports: Map<string, string>; // local name → module
  description: string;
}

const sources = new Map<string, ts.SourceFile>();
function load(module: string): ts.SourceFile {
  let sf = sources.get(module);
  if (!sf) {
    sf = ts.createSourceFile(
      `${module}.d.ts`,
      readFileSync(join(TYPES, `${module}.d.ts`), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    sources.set(module, sf);
  }
  return sf;
}

function resolveModule(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function jsDoc(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return '';
  const c = docs[docs.length - 1].comment;
  return typeof c === 'string' ? c : (c?.map((x) => x.text).join('') ?? '');
}

const decls = new Map<string, Decl>();
function declaration(module: string, local: string): Decl {
  const name = `${packageOf(module)}.${local}`;
  const found = decls.get(name);
  if (found) return found;
  const sf = load(module);
  const imports = new Map<string, string>();
  let node: Decl['node'] | undefined;
  for (const st of sf.statements) {
    if (
      ts.isImportDeclaration(st) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      for (const el of st.importClause.namedBindings.elements)
        imports.set(el.name.text, resolveModule(module, spec));
    }
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === local) node = st;
  }
  if (!node) throw new Error(`no ${local} in ${module}`);
  const d: Decl = { name, module, node, imports, description: jsDoc(node) };
  decls.set(name, d);
  return d;
}

/** Integer fields that upstream declares int64; every other integer is int32. */
const INT64 = new Set([
  'activeDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'deletionGracePeriodSeconds',
  'generation',
  'observedGeneration',
  'runAsUser',
  'runAsGroup',
  'fsGroup',
  'supplementalGroups',
  'tolerationSeconds',
  'expirationSeconds',
  'revision',
  'remainingItemCount',
  'gracePeriodSeconds',
  'limitBytes',
  'sinceSeconds',
  'tailLines',
  'count',
]);

/** `x-kubernetes-patch-strategy` / `-merge-key` (and list types) of the Go struct tags, by `Type.field`. */
const PATCH: Record<string, Schema> = {
  'ObjectMeta.finalizers': { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' },
  'ObjectMeta.ownerReferences': {
    'x-kubernetes-list-map-keys': ['uid'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'uid',
    'x-kubernetes-patch-strategy': 'merge',
  },
  'PodSpec.containers': listMap(['name'], 'merge'),
  'PodSpec.initContainers': listMap(['name'], 'merge'),
  'PodSpec.ephemeralContainers': listMap(['name'], 'merge'),
  'PodSpec.volumes': listMap(['name'], 'merge,retainKeys'),
  'PodSpec.imagePullSecrets': listMap(['name'], 'merge'),
  'PodSpec.hostAliases': listMap(['ip'], 'merge'),
  'PodSpec.topologySpreadConstraints': {
    'x-kubernetes-list-map-keys': ['topologyKey', 'whenUnsatisfiable'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'topologyKey',
    'x-kubernetes-patch-strategy': 'merge',
  },
  'PodSpec.schedulingGates': listMap(['name'], 'merge'),
  'PodSpec.resourceClaims': listMap(['name'], 'merge,retainKeys'),
  'Container.env': listMap(['name'], 'merge'),
  'Container.ports': {
    'x-kubernetes-list-map-keys': ['containerPort', 'protocol'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'containerPort',
    'x-kubernetes-patch-strategy': 'merge',
  },
  'Container.volumeMounts': listMap(['mountPath'], 'merge'),
  'Container.volumeDevices': listMap(['devicePath'], 'merge'),
  'EphemeralContainer.env': listMap(['name'], 'merge'),
  'EphemeralContainer.volumeMounts': listMap(['mountPath'], 'merge'),
  'EphemeralContainer.volumeDevices': listMap(['devicePath'], 'merge'),
  'PodStatus.conditions': listMap(['type'], 'merge'),
  'PodStatus.podIPs': listMap(['ip'], 'merge'),
  'NodeStatus.conditions': listMap(['type'], 'merge'),
  'NodeStatus.addresses': listMap(['type'], 'merge'),
  'NodeSpec.podCIDRs': { 'x-kubernetes-list-type': 'set', 'x-kubernetes-patch-strategy': 'merge' },
  'NamespaceStatus.conditions': listMap(['type'], 'merge'),
  'ServiceSpec.ports': {
    'x-kubernetes-list-map-keys': ['port', 'protocol'],
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': 'port',
    'x-kubernetes-patch-strategy': 'merge',
  },
  'ServiceStatus.conditions': listMap(['type'], 'merge'),
  'ServiceAccount.secrets': listMap(['name'], 'merge'),
  'DeploymentSpec.strategy': { 'x-kubernetes-patch-strategy': 'retainKeys' },
  'DeploymentStatus.conditions': listMap(['type'], 'merge'),
  'ReplicaSetStatus.conditions': listMap(['type'], 'merge'),
  'DaemonSetStatus.conditions': listMap(['type'], 'merge'),
};

function listMap(keys: string[], strategy: string): Schema {
  return {
    'x-kubernetes-list-map-keys': keys,
    'x-kubernetes-list-type': 'map',
    'x-kubernetes-patch-merge-key': keys[0],
    'x-kubernetes-patch-strategy': strategy,
  };
}

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const defs: Record<string, Schema> = {};
const pending: Decl[] = [];

function ref(d: Decl): Schema {
  if (!(d.name in defs)) {
    defs[d.name] = {}; // reserve, so recursive types (JSONSchemaProps) terminate
    pending.push(d);
  }
  return { $ref: `#/components/schemas/${d.name}` };
}

function typeSchema(t: ts.TypeNode, owner: Decl, field: string): Schema {
  if (ts.isUnionTypeNode(t)) {
    const kinds = t.types.map((x) => x.kind);
    if (kinds.includes(ts.SyntaxKind.NumberKeyword) && kinds.includes(ts.SyntaxKind.StringKeyword)) {
      defs[INT_OR_STRING] ??= {
        description:
          'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
        format: 'int-or-string',
        oneOf: [{ type: 'integer' }, { type: 'string' }],
      };
      return { $ref: `#/components/schemas/${INT_OR_STRING}` };
    }
    return typeSchema(t.types[0], owner, field);
  }
  if (ts.isLiteralTypeNode(t)) return { type: 'string' };
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.NumberKeyword:
      return { format: INT64.has(field) ? 'int64' : 'int32', type: 'integer' };
  }
  if (ts.isArrayTypeNode(t)) return { items: typeSchema(t.elementType, owner, field), type: 'array' };
  if (ts.isTypeReferenceNode(t)) {
    const n = t.typeName.getText();
    if (n === 'Array' && t.typeArguments?.length === 1)
      return { items: typeSchema(t.typeArguments[0], owner, field), type: 'array' };
    const module = owner.imports.get(n) ?? owner.module;
    return ref(declaration(module, n));
  }
  if (ts.isTypeLiteralNode(t)) {
    const idx = t.members.find(ts.isIndexSignatureDeclaration);
    if (idx?.type) return { additionalProperties: typeSchema(idx.type, owner, field), type: 'object' };
    return { type: 'object' };
  }
  throw new Error(`unsupported type ${ts.SyntaxKind[t.kind]} at ${owner.name}.${field}`);
}

/** A property: refs are wrapped in allOf so description and default may sit beside them (OpenAPI v3 as upstream publishes it). */
function property(s: Schema, description: string, extra: Schema): Schema {
  const out: Schema = s.$ref ? { allOf: [s] } : { ...s };
  if (description) out.description = description;
  return sortKeys({ ...out, ...extra });
}

function sortKeys(s: Schema): Schema {
  return Object.fromEntries(Object.entries(s).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function build(d: Decl): Schema {
  const n = d.node;
  const local = n.name.text;
  if (ts.isTypeAliasDeclaration(n)) {
    if (local === 'Quantity')
      return { description: d.description, oneOf: [{ type: 'string' }, { type: 'number' }] };
    if (local === 'Time') return { description: d.description, format: 'date-time', type: 'string' };
    if (local === 'MicroTime') return { description: d.description, format: 'date-time', type: 'string' };
    return sortKeys({ ...typeSchema(n.type, d, local), description: d.description });
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const m of n.members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const name = m.name.getText().replace(/^"|"$/g, '');
    if (!m.questionToken) required.push(name);
    properties[name] = property(typeSchema(m.type, d, name), jsDoc(m), PATCH[`${local}.${name}`] ?? {});
  }
  const s: Schema = { description: d.description, type: 'object' };
  if (Object.keys(properties).length)
    s.properties = Object.fromEntries(Object.entries(properties).sort(([a], [b]) => a.localeCompare(b)));
  else if (local === 'FieldsV1' || local === 'RawExtension') s['x-kubernetes-preserve-unknown-fields'] = true;
  if (required.length) s.required = required;
  return sortKeys(s);
}

/** The served kinds, their lists, and the meta types every group-version document carries. */
const roots: { module: string; local: string; gvk?: { group: string; version: string; kind: string } }[] = [];
for (const r of RESOURCES) {
  const module = r.group === '' ? 'core/v1' : `${r.group.split('.')[0]}/${r.version}`;
  for (const kind of [r.kind, `${r.kind}List`]) {
    try {
      declaration(module, kind);
      roots.push({ module, local: kind, gvk: { group: r.group, version: r.version, kind } });
    } catch {
      // Virtual kinds (reviews, Binding) have no List type.
    }
  }
}
for (const extra of [
  'Status',
  'DeleteOptions',
  'WatchEvent',
  'APIResourceList',
  'APIGroup',
  'APIGroupList',
  'APIVersions',
  'Patch',
]) {
  try {
    roots.push({ module: 'meta/v1', local: extra });
  } catch {
    // not in this kubernetes-types version
  }
}
roots.push({
  module: 'autoscaling/v1',
  local: 'Scale',
  gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
});

const gvks = new Map<string, { group: string; version: string; kind: string }[]>();
for (const r of roots) {
  let d: Decl;
  try {
    d = declaration(r.module, r.local);
  } catch {
    continue;
  }
  ref(d);
  if (r.gvk) gvks.set(d.name, [...(gvks.get(d.name) ?? []), r.gvk]);
}
// Status, DeleteOptions and WatchEvent are served by every group-version.
for (const meta of ['Status', 'DeleteOptions', 'WatchEvent']) {
  const name = `io.k8s.apimachinery.pkg.apis.meta.v1.${meta}`;
  if (name in defs) gvks.set(name, [{ group: '', version: 'v1', kind: meta }]);
}
while (pending.length) {
  const d = pending.shift()!;
  defs[d.name] = build(d);
  const g = gvks.get(d.name);
  if (g) defs[d.name]['x-kubernetes-group-version-kind'] = g;
}

const sorted = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
// Formatted as prettier would, so `npm run format:check` passes on the generated file.
writeFileSync(OUT, await format(JSON.stringify(sorted), { ...(await resolveConfig(OUT)), parser: 'json' }));
console.log(`${Object.keys(sorted).length} definitions, ${JSON.stringify(sorted).length} bytes → ${OUT}`);
