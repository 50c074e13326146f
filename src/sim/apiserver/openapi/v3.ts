import { sha512 } from '@noble/hashes/sha2.js';
import type { HttpRequest, HttpResponse } from '../http';
import { RESOURCES, type ResourceInfo } from '../resources';
import { closure, definitionName, DEFINITIONS } from './schemas';

/** An OpenAPI document node (operations, parameters, responses): plain JSON. */
type Obj = Record<string, unknown>;

/**
 * `/openapi/v3`: the root lists one document per group-version, each addressed with a hash of its
 * content; the documents carry the operations and the component schemas of that group-version.
 *
 * Why kubectl needs this (measured with kubectl 1.32 against a logging server): before `apply`,
 * `create` or `replace` it reads the PATCH operation of the kind's group-version document, and if
 * that operation takes a `fieldValidation` query parameter it leaves validation to the server
 * (`?fieldValidation=Strict`); without `/openapi/v3` it falls back to `/openapi/v2` for
 * client-side validation and, when that 404s too, refuses with "failed to download openapi".
 * `apply` also looks up the kind's schema here for its strategic merge patch, and `explain`
 * renders these schemas.
 *
 * KubeSim simplifies: only the operations kubectl and learners use are listed (no watch or connect
 * paths), and the schemas come from kubernetes-types v1.30 (see gen-openapi.ts).
 */

const REF = '#/components/schemas/';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

function param(
  name: string,
  inWhere: 'query' | 'path',
  description: string,
  schema: Obj = { type: 'string', uniqueItems: true },
): Obj {
  const p: Obj = { description, in: inWhere, name, schema };
  if (inWhere === 'path') p.required = true;
  return p;
}

const P = {
  name: (kind: string) => param('name', 'path', `name of the ${kind}`),
  namespace: param('namespace', 'path', 'object name and auth scope, such as for teams and projects'),
  pretty: param(
    'pretty',
    'query',
    "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
  ),
  dryRun: param(
    'dryRun',
    'query',
    'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
  ),
  fieldManager: param(
    'fieldManager',
    'query',
    'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.',
  ),
  fieldValidation: param(
    'fieldValidation',
    'query',
    'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
  ),
  force: param(
    'force',
    'query',
    'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
    { type: 'boolean', uniqueItems: true },
  ),
  gracePeriodSeconds: param(
    'gracePeriodSeconds',
    'query',
    'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.',
    { type: 'integer', uniqueItems: true },
  ),
  propagationPolicy: param(
    'propagationPolicy',
    'query',
    "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
  ),
  labelSelector: param(
    'labelSelector',
    'query',
    'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  ),
  fieldSelector: param(
    'fieldSelector',
    'query',
    'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  ),
  limit: param('limit', 'query', 'limit is a maximum number of responses to return for a list call.', {
    type: 'integer',
    uniqueItems: true,
  }),
  continue: param(
    'continue',
    'query',
    'The continue option should be set when retrieving more results from the server.',
  ),
  resourceVersion: param(
    'resourceVersion',
    'query',
    'resourceVersion sets a constraint on what resource versions a request may be served from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details.',
  ),
  timeoutSeconds: param(
    'timeoutSeconds',
    'query',
    'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.',
    { type: 'integer', uniqueItems: true },
  ),
  watch: param(
    'watch',
    'query',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.',
    { type: 'boolean', uniqueItems: true },
  ),
};

const JSON_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function content(def: string, types = JSON_TYPES): Obj {
  return Object.fromEntries(types.map((t) => [t, { schema: { $ref: `${REF}${def}` } }])) as Obj;
}

function responses(def: string, codes: Record<string, string>): Obj {
  const out: Record<string, Obj> = {};
  for (const [code, description] of Object.entries(codes)) out[code] = { content: content(def), description };
  out['401'] = { description: 'Unauthorized' };
  return out as Obj;
}

function opId(verb: string, info: ResourceInfo, sub: string, scopePrefix: string): string {
  const group = info.group
    ? info.group
        .split('.')
        .map((p, i) => (i === 0 || p !== 'k8s' ? cap(p) : ''))
        .join('')
    : 'Core';
  const g =
    info.group === '' ? 'CoreV1' : `${group.replace('K8sIo', '').replace(/Io$/, '')}${cap(info.version)}`;
  return `${verb}${g}${scopePrefix}${info.kind}${sub ? cap(sub) : ''}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function gvk(info: ResourceInfo, kind = info.kind): Obj {
  return { group: info.group, kind, version: info.version };
}

function tag(info: ResourceInfo): string {
  return `${info.group ? info.group.replace(/\.k8s\.io$/, '').replace(/\./g, '_') : 'core'}_${info.version}`;
}

/** The operations of one resource, as upstream's installer declares them (the subset KubeSim serves). */
function resourcePaths(info: ResourceInfo): Record<string, Obj> {
  const def = definitionName(info.group ? `${info.group}/${info.version}` : info.version, info.kind);
  if (!def) return {};
  const listDef = definitionName(
    info.group ? `${info.group}/${info.version}` : info.version,
    `${info.kind}List`,
  );
  const base = `${info.group ? `/apis/${info.group}` : '/api'}/${info.version}`;
  const scope = info.namespaced ? 'Namespaced' : '';
  const coll = info.namespaced
    ? `${base}/namespaces/{namespace}/${info.resource}`
    : `${base}/${info.resource}`;
  const has = (v: string) => info.verbs.includes(v);
  const ext = (action: string, kind = info.kind, g = info): Obj => ({
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk(g, kind),
  });
  const scopeParams = info.namespaced ? [P.namespace, P.pretty] : [P.pretty];
  const write = [P.dryRun, P.fieldManager, P.fieldValidation];
  const paths: Record<string, Obj> = {};

  const collection: Obj = { parameters: scopeParams };
  if (has('list') && listDef) {
    collection.get = {
      description: `list or watch objects of kind ${info.kind}`,
      operationId: opId('list', info, '', scope),
      parameters: [
        P.continue,
        P.fieldSelector,
        P.labelSelector,
        P.limit,
        P.resourceVersion,
        P.timeoutSeconds,
        P.watch,
      ],
      responses: responses(listDef, { '200': 'OK' }),
      tags: [tag(info)],
      ...ext('list'),
    };
  }
  if (has('create')) {
    collection.post = {
      description: `create ${article(info.kind)} ${info.kind}`,
      operationId: opId('create', info, '', scope),
      parameters: write,
      requestBody: { content: { '*/*': { schema: { $ref: `${REF}${def}` } } }, required: true },
      responses: responses(def, { '200': 'OK', '201': 'Created', '202': 'Accepted' }),
      tags: [tag(info)],
      ...ext('post'),
    };
  }
  if (has('deletecollection')) {
    collection.delete = {
      description: `delete collection of ${info.kind}`,
      operationId: opId('deleteCollection', info, '', scope),
      parameters: [
        P.continue,
        P.dryRun,
        P.fieldSelector,
        P.gracePeriodSeconds,
        P.labelSelector,
        P.limit,
        P.propagationPolicy,
        P.resourceVersion,
        P.timeoutSeconds,
      ],
      requestBody: { content: { '*/*': { schema: { $ref: `${REF}${META}DeleteOptions` } } } },
      responses: responses(`${META}Status`, { '200': 'OK' }),
      tags: [tag(info)],
      ...ext('deletecollection'),
    };
  }
  if (Object.keys(collection).length > 1) paths[coll] = collection;

  if (info.namespaced && has('list') && listDef) {
    paths[`${base}/${info.resource}`] = {
      get: { ...(collection.get as Obj), operationId: opId('list', info, '', '') + 'ForAllNamespaces' },
      parameters: [P.pretty],
    };
  }

  const item: Obj = { parameters: [P.name(info.kind), ...scopeParams] };
  if (has('get'))
    item.get = {
      description: `read the specified ${info.kind}`,
      operationId: opId('read', info, '', scope),
      responses: responses(def, { '200': 'OK' }),
      tags: [tag(info)],
      ...ext('get'),
    };
  if (has('update')) {
    item.put = {
      description: `replace the specified ${info.kind}`,
      operationId: opId('replace', info, '', scope),
      parameters: write,
      requestBody: { content: { '*/*': { schema: { $ref: `${REF}${def}` } } }, required: true },
      responses: responses(def, { '200': 'OK', '201': 'Created' }),
      tags: [tag(info)],
      ...ext('put'),
    };
  }
  if (has('patch')) item.patch = patchOp(info, def, '', scope);
  if (has('delete')) {
    item.delete = {
      description: `delete ${article(info.kind)} ${info.kind}`,
      operationId: opId('delete', info, '', scope),
      parameters: [P.dryRun, P.gracePeriodSeconds, P.propagationPolicy],
      requestBody: { content: { '*/*': { schema: { $ref: `${REF}${META}DeleteOptions` } } } },
      responses: responses(def, { '200': 'OK', '202': 'Accepted' }),
      tags: [tag(info)],
      ...ext('delete'),
    };
  }
  if (Object.keys(item).length > 1) paths[`${coll}/{name}`] = item;

  for (const sub of info.subresources) {
    const subDef = sub === 'scale' ? 'io.k8s.api.autoscaling.v1.Scale' : sub === 'status' ? def : undefined;
    if (!subDef) continue;
    const subGvk: Obj = sub === 'scale' ? { group: 'autoscaling', kind: 'Scale', version: 'v1' } : gvk(info);
    const what =
      sub === 'scale' ? `scale of the specified ${info.kind}` : `status of the specified ${info.kind}`;
    paths[`${coll}/{name}/${sub}`] = {
      get: {
        description: `read ${what}`,
        operationId: opId('read', info, sub, scope),
        responses: responses(subDef, { '200': 'OK' }),
        tags: [tag(info)],
        'x-kubernetes-action': 'get',
        'x-kubernetes-group-version-kind': subGvk,
      },
      parameters: [P.name(sub === 'scale' ? 'Scale' : info.kind), ...scopeParams],
      patch: {
        ...patchOp(info, subDef, sub, scope),
        description: `partially update ${what}`,
        'x-kubernetes-group-version-kind': subGvk,
      },
      put: {
        description: `replace ${what}`,
        operationId: opId('replace', info, sub, scope),
        parameters: write,
        requestBody: { content: { '*/*': { schema: { $ref: `${REF}${subDef}` } } }, required: true },
        responses: responses(subDef, { '200': 'OK', '201': 'Created' }),
        tags: [tag(info)],
        'x-kubernetes-action': 'put',
        'x-kubernetes-group-version-kind': subGvk,
      },
    };
  }
  return paths;
}

function patchOp(info: ResourceInfo, def: string, sub: string, scope: string): Obj {
  const patch = { schema: { $ref: `${REF}${META}Patch` } };
  return {
    description: `partially update the specified ${info.kind}`,
    operationId: opId('patch', info, sub, scope),
    parameters: [P.dryRun, P.fieldManager, P.fieldValidation, P.force],
    requestBody: {
      content: {
        'application/apply-patch+yaml': patch,
        'application/json-patch+json': patch,
        'application/merge-patch+json': patch,
        'application/strategic-merge-patch+json': patch,
      },
      required: true,
    },
    responses: responses(def, { '200': 'OK', '201': 'Created' }),
    tags: [tag(info)],
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': gvk(info),
  };
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}

const PATCH_DEF: Obj = {
  description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
  type: 'object',
};

/** The document of one group-version (`api/v1`, `apis/apps/v1`), or undefined if none is served. */
export function groupVersionDocument(group: string, version: string): object | undefined {
  const infos = RESOURCES.filter((r) => r.group === group && r.version === version).sort((a, b) =>
    a.resource.localeCompare(b.resource),
  );
  if (infos.length === 0) return undefined;
  const paths: Record<string, Obj> = {};
  const roots = new Set<string>([`${META}Status`, `${META}DeleteOptions`]);
  for (const info of infos) {
    Object.assign(paths, resourcePaths(info));
    const av = group ? `${group}/${version}` : version;
    for (const k of [info.kind, `${info.kind}List`]) {
      const d = definitionName(av, k);
      if (d) roots.add(d);
    }
    if (info.subresources.includes('scale')) roots.add('io.k8s.api.autoscaling.v1.Scale');
  }
  const schemas: Record<string, Obj> = {};
  for (const name of [...closure(roots)].sort()) schemas[name] = { ...DEFINITIONS[name] };
  schemas[`${META}Patch`] = PATCH_DEF;
  const sortedPaths = Object.fromEntries(
    Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    components: {
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      securitySchemes: {
        BearerToken: {
          description: 'Bearer Token authentication',
          in: 'header',
          name: 'authorization',
          type: 'apiKey',
        },
      },
    },
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    openapi: '3.0.0',
    paths: sortedPaths,
    security: [{ BearerToken: [] }],
  };
}

/** `api/v1` → ['', 'v1']; `apis/apps/v1` → ['apps', 'v1']. */
function parseGroupVersionPath(p: string): [string, string] | undefined {
  const parts = p.split('/');
  if (parts[0] === 'api' && parts.length === 2) return ['', parts[1]];
  if (parts[0] === 'apis' && parts.length === 3) return [parts[1], parts[2]];
  return undefined;
}

interface Rendered {
  body: string;
  hash: string;
}

const cache = new Map<string, Rendered | null>();

function rendered(gvPath: string): Rendered | undefined {
  if (!cache.has(gvPath)) {
    const gv = parseGroupVersionPath(gvPath);
    const doc = gv ? groupVersionDocument(gv[0], gv[1]) : undefined;
    if (!doc) cache.set(gvPath, null);
    else {
      const body = JSON.stringify(doc);
      const hash = Array.from(sha512(new TextEncoder().encode(body)), (b) => b.toString(16).padStart(2, '0'))
        .join('')
        .toUpperCase();
      cache.set(gvPath, { body, hash });
    }
  }
  return cache.get(gvPath) ?? undefined;
}

function groupVersionPaths(): string[] {
  const seen = new Set<string>();
  for (const r of RESOURCES) seen.add(r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`);
  return [...seen].sort();
}

/** The root document: where each group-version document lives, hash included. */
export function openapiV3Root(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const p of groupVersionPaths()) {
    const r = rendered(p);
    if (r) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${r.hash}` };
  }
  return { paths };
}

function notFound(): HttpResponse {
  // The OpenAPI handlers are plain muxes upstream: an unknown document is a text 404.
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: '404 page not found\n',
  };
}

/**
 * Answers `/openapi/v3` and `/openapi/v3/<group-version>`, and a 404 for `/openapi/v2` (KubeSim
 * does not serve the protobuf v2 document; kubectl 1.32 only asks for it when v3 is missing a
 * kind's schema, and then falls back by itself). Undefined for every other path.
 */
export function openapiResponse(req: HttpRequest): HttpResponse | undefined {
  if (!req.path.startsWith('/openapi/')) return undefined;
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const path = req.path.replace(/\/+$/, '');
  if (path === '/openapi/v2') return notFound();
  if (path === '/openapi/v3')
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(openapiV3Root()),
    };
  if (!path.startsWith('/openapi/v3/')) return notFound();
  const gvPath = path.slice('/openapi/v3/'.length);
  const r = rendered(gvPath);
  if (!r) return notFound();
  const asked = req.query.get('hash');
  if (asked && asked !== r.hash) {
    // A stale hash: upstream redirects to the current document rather than serve it as immutable.
    return {
      status: 301,
      headers: {
        location: `/openapi/v3/${gvPath}?hash=${r.hash}`,
        'content-type': 'text/plain; charset=utf-8',
      },
      body: '',
    };
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', etag: `"${r.hash}"` };
  headers['cache-control'] = asked ? 'public, immutable' : 'no-cache, private';
  if (req.headers['if-none-match'] === `"${r.hash}"`) return { status: 304, headers, body: '' };
  return { status: 200, headers, body: r.body };
}
