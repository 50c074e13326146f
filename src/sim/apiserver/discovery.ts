import { sha256 } from '@noble/hashes/sha2.js';
import { base64 } from '@scure/base';
import type { HttpRequest, HttpResponse } from './http';
import { RESOURCES, type ResourceInfo } from './resources';

/**
 * Discovery: how kubectl learns which resources exist before it sends anything else. A pure
 * function of the RESOURCES table, answering the same documents a kubeadm v1.32 apiserver does —
 * the legacy per-group-version lists and the aggregated `apidiscovery.k8s.io/v2` documents that
 * kubectl 1.32 asks for first (it then skips the per-group-version requests).
 */

/** `/version` of the v1.32.0 release build that kubeadm's kube-apiserver image runs. */
export const VERSION_INFO = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
} as const;

/** What `/api` advertises as the apiserver's own address (kubeadm: the control plane's IP:6443). */
export const SERVER_ADDRESS = '192.168.49.2:6443';

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/**
 * Group priorities from kube-aggregator's `apiVersionPriorities`: the real `/apis` lists groups in
 * this order, and `kubectl api-resources` prints them in it.
 */
const GROUP_PRIORITY: Record<string, number> = {
  'apiregistration.k8s.io': 18000,
  apps: 17800,
  'events.k8s.io': 17750,
  'authentication.k8s.io': 17700,
  'authorization.k8s.io': 17600,
  autoscaling: 17500,
  batch: 17400,
  'certificates.k8s.io': 17300,
  'networking.k8s.io': 17200,
  policy: 17100,
  'rbac.authorization.k8s.io': 17000,
  'storage.k8s.io': 16800,
  'admissionregistration.k8s.io': 16700,
  'apiextensions.k8s.io': 16400,
  'scheduling.k8s.io': 16600,
  'coordination.k8s.io': 16500,
  'node.k8s.io': 16300,
  'discovery.k8s.io': 16200,
  'flowcontrol.apiserver.k8s.io': 16100,
};

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

interface SubresourceInfo {
  /** Response kind in another group-version (scale, eviction, token); else the same group-version. */
  gvk: GroupVersionKind;
  verbs: string[];
}

const PROXY_VERBS = ['create', 'delete', 'get', 'head', 'options', 'patch', 'put'];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** What each subresource returns and accepts, as upstream's REST storage declares it. */
function subresourceInfo(parent: ResourceInfo, sub: string): SubresourceInfo {
  const same = (kind: string): GroupVersionKind => ({ group: '', version: '', kind });
  switch (sub) {
    case 'status':
    case 'ephemeralcontainers':
    case 'resize':
      return { gvk: same(parent.kind), verbs: STATUS_VERBS };
    case 'scale':
      return { gvk: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: STATUS_VERBS };
    case 'log':
      return { gvk: same('Pod'), verbs: ['get'] };
    case 'binding':
      return { gvk: same('Binding'), verbs: ['create'] };
    case 'exec':
      return { gvk: same('PodExecOptions'), verbs: ['create', 'get'] };
    case 'attach':
      return { gvk: same('PodAttachOptions'), verbs: ['create', 'get'] };
    case 'portforward':
      return { gvk: same('PodPortForwardOptions'), verbs: ['create', 'get'] };
    case 'proxy':
      return { gvk: same(`${parent.kind}ProxyOptions`), verbs: PROXY_VERBS };
    case 'eviction':
      return { gvk: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] };
    case 'finalize':
      return { gvk: same(parent.kind), verbs: ['update'] };
    case 'token':
      return {
        gvk: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
        verbs: ['create'],
      };
    default:
      return { gvk: same(parent.kind), verbs: ['get'] };
  }
}

/**
 * `storageversionhash`: base64 of the first 8 bytes of sha256("<group>/<version>/<kind>") of the
 * storage version. Virtual resources (reviews, bindings) have no storage and so no hash.
 */
export function storageVersionHash(info: ResourceInfo): string | undefined {
  if (!info.etcdPrefix) return undefined;
  // events.k8s.io/v1 events are stored as core v1 Events.
  const group = info.group === 'events.k8s.io' ? '' : info.group;
  return base64.encode(sha256(new TextEncoder().encode(`${group}/${info.version}/${info.kind}`)).slice(0, 8));
}

function groupsInOrder(): string[] {
  const named = [...new Set(RESOURCES.map((r) => r.group).filter((g) => g !== ''))];
  // Unlisted groups sort after the known ones, by name, as the aggregator does for priority ties.
  return named.sort((a, b) => (GROUP_PRIORITY[b] ?? 0) - (GROUP_PRIORITY[a] ?? 0) || a.localeCompare(b));
}

function versionsOf(group: string): string[] {
  return [...new Set(RESOURCES.filter((r) => r.group === group).map((r) => r.version))];
}

function resourcesOf(group: string, version: string): ResourceInfo[] {
  return RESOURCES.filter((r) => r.group === group && r.version === version).sort((a, b) =>
    a.resource.localeCompare(b.resource),
  );
}

function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** metav1.APIResource entries, subresources as `pods/log`, sorted by name as upstream lists them. */
export function apiResourceList(group: string, version: string): object | undefined {
  const infos = resourcesOf(group, version);
  if (infos.length === 0) return undefined;
  const entries: { name: string; value: Record<string, unknown> }[] = [];
  for (const info of infos) {
    const e: Record<string, unknown> = {
      name: info.resource,
      singularName: info.singular,
      namespaced: info.namespaced,
      kind: info.kind,
      verbs: info.verbs,
    };
    if (info.shortNames.length) e.shortNames = info.shortNames;
    if (info.categories.length) e.categories = info.categories;
    const hash = storageVersionHash(info);
    if (hash) e.storageVersionHash = hash;
    entries.push({ name: info.resource, value: e });
    for (const sub of info.subresources) {
      const s = subresourceInfo(info, sub);
      const v: Record<string, unknown> = {
        name: `${info.resource}/${sub}`,
        singularName: '',
        namespaced: info.namespaced,
      };
      if (s.gvk.group || s.gvk.version) {
        v.group = s.gvk.group;
        v.version = s.gvk.version;
      }
      v.kind = s.gvk.kind;
      v.verbs = s.verbs;
      entries.push({ name: v.name as string, value: v });
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const list: Record<string, unknown> = { kind: 'APIResourceList' };
  // The legacy `/api/v1` document has no apiVersion; the named groups' documents do.
  if (group) list.apiVersion = 'v1';
  list.groupVersion = groupVersion(group, version);
  list.resources = entries.map((e) => e.value);
  return list;
}

function apiGroup(group: string): object {
  const versions = versionsOf(group).map((v) => ({ groupVersion: groupVersion(group, v), version: v }));
  return { name: group, versions, preferredVersion: versions[0] };
}

function apiVersionDiscovery(group: string, version: string): object {
  const resources = resourcesOf(group, version).map((info) => {
    const d: Record<string, unknown> = {
      resource: info.resource,
      responseKind: { group: info.group, version: info.version, kind: info.kind },
      scope: info.namespaced ? 'Namespaced' : 'Cluster',
      singularResource: info.singular,
      verbs: info.verbs,
    };
    if (info.shortNames.length) d.shortNames = info.shortNames;
    if (info.categories.length) d.categories = info.categories;
    const subs = [...info.subresources].sort().map((sub) => {
      const s = subresourceInfo(info, sub);
      const gvk =
        s.gvk.group || s.gvk.version ? s.gvk : { group: info.group, version: info.version, kind: s.gvk.kind };
      return { subresource: sub, responseKind: gvk, verbs: s.verbs };
    });
    if (subs.length) d.subresources = subs;
    return d;
  });
  return { version, resources, freshness: 'Current' };
}

function groupDiscovery(group: string): object {
  const metadata: Record<string, unknown> = group
    ? { name: group, creationTimestamp: null }
    : { creationTimestamp: null };
  return { metadata, versions: versionsOf(group).map((v) => apiVersionDiscovery(group, v)) };
}

/** The aggregated document for `/api` (core only) or `/apis` (every named group). */
export function aggregatedDiscovery(legacy: boolean, apiVersion = 'apidiscovery.k8s.io/v2'): object {
  const groups = legacy ? [''] : groupsInOrder();
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items: groups.map(groupDiscovery) };
}

export function apiGroupList(): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsInOrder().map(apiGroup) };
}

export function apiVersions(): object {
  return {
    kind: 'APIVersions',
    versions: versionsOf(''),
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: SERVER_ADDRESS }],
  };
}

/**
 * Which representation the client asked for: the first media type of its Accept list that this
 * server can produce, as content negotiation does (kubectl lists v2, then v2beta1, then plain JSON).
 */
function negotiateAggregated(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    const params = part
      .trim()
      .toLowerCase()
      .split(';')
      .map((p) => p.trim());
    if (params[0] !== 'application/json') {
      if (params[0] === '*/*' || params[0] === 'application/*') return undefined;
      continue;
    }
    const g = params.find((p) => p.startsWith('g='))?.slice(2);
    const v = params.find((p) => p.startsWith('v='))?.slice(2);
    const as = params.find((p) => p.startsWith('as='))?.slice(3);
    if (!g && !as) return undefined;
    if (g === 'apidiscovery.k8s.io' && as === 'apigroupdiscoverylist') {
      if (v === 'v2') return AGGREGATED_V2;
      if (v === 'v2beta1') return AGGREGATED_V2BETA1;
    }
  }
  return undefined;
}

/** A stable tag of a document, as upstream sends in ETag so clients can revalidate cheaply. */
function etag(body: string): string {
  const hex = Array.from(sha256(new TextEncoder().encode(body)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
  return `"${hex.toUpperCase()}"`;
}

function json(
  value: object,
  contentType = 'application/json',
  extra: Record<string, string> = {},
): HttpResponse {
  return { status: 200, headers: { 'content-type': contentType, ...extra }, body: JSON.stringify(value) };
}

function aggregated(req: HttpRequest, legacy: boolean): HttpResponse | undefined {
  const ct = negotiateAggregated(req.headers['accept']);
  if (!ct) return undefined;
  const doc = aggregatedDiscovery(
    legacy,
    ct === AGGREGATED_V2 ? 'apidiscovery.k8s.io/v2' : 'apidiscovery.k8s.io/v2beta1',
  );
  const body = JSON.stringify(doc);
  const tag = etag(body);
  if (req.headers['if-none-match'] === tag)
    return { status: 304, headers: { etag: tag, vary: 'Accept' }, body: '' };
  return { status: 200, headers: { 'content-type': ct, etag: tag, vary: 'Accept' }, body };
}

/**
 * Answers the discovery paths (GET only); undefined for every other request, so the apiserver
 * goes on to route it. Discovery is open to every authenticated user (system:discovery), so the
 * apiserver may call this after authentication and before RBAC.
 */
export function discoveryResponse(req: HttpRequest): HttpResponse | undefined {
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
  if (path === '/version') return json(VERSION_INFO);
  if (path === '/api') return aggregated(req, true) ?? json(apiVersions());
  if (path === '/apis') return aggregated(req, false) ?? json(apiGroupList());
  const parts = path.split('/').slice(1);
  if (parts[0] === 'api' && parts.length === 2) {
    const list = apiResourceList('', parts[1]);
    return list ? json(list) : undefined;
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    if (!RESOURCES.some((r) => r.group === parts[1])) return undefined;
    return json({ kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(parts[1]) });
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const list = apiResourceList(parts[1], parts[2]);
    return list ? json(list) : undefined;
  }
  return undefined;
}
