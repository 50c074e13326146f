import type { HttpRequest, HttpResponse } from '../apiserver/http';

export type Transport = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObj = { [k: string]: Json };

export function isObj(v: unknown): v is JsonObj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A server Status, as client-go's StatusError carries it. */
export interface Status {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
  };
}

/** An error from the apiserver (client-go's StatusError). */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
}

/** A kubectl-side error whose message is printed as is (after CheckErr's `error: ` rule). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Printed exactly, without `error: ` in front. */
    readonly raw = false,
  ) {
    super(message);
  }
}

/** One resource as discovery describes it (what client-go's RESTMapper knows). */
export interface Mapping {
  group: string;
  version: string;
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
}

export function groupVersion(m: Pick<Mapping, 'group' | 'version'>): string {
  return m.group ? `${m.group}/${m.version}` : m.version;
}

/** `deployment.apps` — how kubectl names a kind in its messages (GroupKind.String, lower case). */
export function kindGroup(m: Pick<Mapping, 'group' | 'kind'>): string {
  const k = m.kind.toLowerCase();
  return m.group ? `${k}.${m.group}` : k;
}

/** `deployments.apps` — the GroupResource as kubectl prints it. */
export function resourceGroup(m: Pick<Mapping, 'group' | 'resource'>): string {
  return m.group ? `${m.resource}.${m.group}` : m.resource;
}

const AGGREGATED = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

export interface RequestOptions {
  method?: string;
  /** An array value repeats the parameter (`command=sh&command=-c`), as url.Values does. */
  query?: Record<string, string | string[] | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/**
 * kubectl's REST client and discovery: every call goes through the transport, as a real kubectl's
 * goes over HTTPS, so the apiserver sees (and the trace records) the same requests.
 */
export class Client {
  private mappings?: Mapping[];
  constructor(
    private readonly transport: Transport,
    private readonly headers: Record<string, string> = {},
  ) {}

  async raw(path: string, opts: RequestOptions = {}): Promise<HttpResponse> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) {
      if (Array.isArray(v)) for (const item of v) query.append(k, item);
      else if (v !== undefined && v !== '') query.set(k, v);
    }
    const headers: Record<string, string> = {
      accept: opts.accept ?? 'application/json, */*',
      'user-agent': 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9',
      ...this.headers,
      ...opts.headers,
    };
    if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    const req: HttpRequest = { method: opts.method ?? 'GET', path, query, headers };
    if (opts.body !== undefined) req.body = opts.body;
    return this.transport(req);
  }

  /** A request whose non-2xx answer becomes an ApiError. */
  async json(path: string, opts: RequestOptions = {}): Promise<JsonObj> {
    const res = await this.raw(path, opts);
    let body: unknown;
    try {
      body = res.body ? JSON.parse(res.body) : {};
    } catch {
      body = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      if (isObj(body) && body.kind === 'Status') throw new ApiError(body as Status);
      throw new ApiError(statusFromCode(res.status, res.body));
    }
    if (!isObj(body))
      throw new KubectlError(`unexpected response from the server: ${res.body.slice(0, 200)}`);
    return body;
  }

  async discover(): Promise<Mapping[]> {
    if (this.mappings) return this.mappings;
    const out: Mapping[] = [];
    for (const root of ['/api', '/apis']) {
      const doc = await this.json(root, { accept: AGGREGATED });
      const items = Array.isArray(doc.items) ? doc.items : [];
      for (const g of items) {
        if (!isObj(g) || !Array.isArray(g.versions)) continue;
        const v = g.versions[0];
        if (!isObj(v) || !Array.isArray(v.resources)) continue;
        for (const r of v.resources) {
          if (!isObj(r)) continue;
          const rk = isObj(r.responseKind) ? r.responseKind : {};
          const meta = isObj(g.metadata) ? g.metadata : {};
          const strs = (x: Json | undefined) =>
            Array.isArray(x) ? x.filter((s) => typeof s === 'string') : [];
          out.push({
            group: typeof meta.name === 'string' ? meta.name : '',
            version: String(v.version ?? 'v1'),
            resource: String(r.resource),
            singular: String(r.singularResource ?? ''),
            kind: String(rk.kind ?? ''),
            namespaced: r.scope === 'Namespaced',
            shortNames: strs(r.shortNames),
            categories: strs(r.categories),
            verbs: strs(r.verbs),
            subresources: Array.isArray(r.subresources)
              ? r.subresources.flatMap((s) =>
                  isObj(s) && typeof s.subresource === 'string' ? [s.subresource] : [],
                )
              : [],
          });
        }
      }
    }
    this.mappings = out;
    return out;
  }

  /**
   * The RESTMapper's lookup of a typed resource: plural, singular, short name, kind, optionally
   * qualified by group (`deployments.apps`) or version and group (`deployments.v1.apps`).
   */
  async mapping(arg: string): Promise<Mapping> {
    const all = await this.discover();
    const found = findMapping(all, arg);
    if (!found) throw new KubectlError(`the server doesn't have a resource type "${resourcePart(arg)}"`);
    return found;
  }

  async mappingForKind(apiVersion: string, kind: string): Promise<Mapping | undefined> {
    const all = await this.discover();
    const slash = apiVersion.indexOf('/');
    const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
    const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    return all.find((m) => m.kind === kind && m.group === group && m.version === version);
  }
}

function resourcePart(arg: string): string {
  const dot = arg.indexOf('.');
  return (dot >= 0 ? arg.slice(0, dot) : arg).toLowerCase();
}

export function findMapping(all: Mapping[], arg: string): Mapping | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  let name = lower;
  let group: string | undefined;
  let version: string | undefined;
  if (dot >= 0) {
    name = lower.slice(0, dot);
    const rest = lower.slice(dot + 1);
    const vdot = rest.indexOf('.');
    const maybeVersion = vdot >= 0 ? rest.slice(0, vdot) : '';
    if (vdot >= 0 && /^v\d+((alpha|beta)\d+)?$/.test(maybeVersion)) {
      version = maybeVersion;
      group = rest.slice(vdot + 1);
    } else group = rest;
  }
  const candidates = all.filter(
    (m) => (group === undefined || m.group === group) && (version === undefined || m.version === version),
  );
  // Short names expand first (the shortcut expander), then plural, singular and kind match.
  return (
    candidates.find((m) => m.shortNames.includes(name)) ??
    candidates.find((m) => m.resource === name) ??
    candidates.find((m) => m.singular === name) ??
    candidates.find((m) => m.kind.toLowerCase() === name)
  );
}

/** What client-go makes of a non-Status error body (`rest.Request.transformUnstructuredResponseError`). */
function statusFromCode(code: number, body: string): Status {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    409: 'Conflict',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  const reason = reasons[code] ?? 'Unknown';
  const message =
    code === 404
      ? 'the server could not find the requested resource'
      : `an error on the server (${JSON.stringify(body.trim())}) has prevented the request from succeeding`;
  return { kind: 'Status', status: 'Failure', reason, code, message };
}

/** URL of a collection or an object. */
export function resourcePath(
  m: Pick<Mapping, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace: string | undefined,
  name?: string,
  subresource?: string,
): string {
  const base = m.group ? `/apis/${m.group}/${m.version}` : `/api/${m.version}`;
  let p = base;
  if (m.namespaced && namespace) p += `/namespaces/${escapeSegment(namespace)}`;
  p += `/${m.resource}`;
  if (name !== undefined) p += `/${escapeSegment(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

/** Go's url.PathEscape-like escaping client-go applies: `:` and `@` stay as they are. */
function escapeSegment(s: string): string {
  return encodeURIComponent(s).replace(/%3A/gi, ':').replace(/%40/g, '@');
}
