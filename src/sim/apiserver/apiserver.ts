import type { Binding, Pod } from 'kubernetes-types/core/v1';
import type { DeleteOptions, ObjectMeta } from 'kubernetes-types/meta/v1';
import { parse as parseYaml } from 'yaml';
import { applyDefaults } from '../api/defaults';
import { invalid as invalidField, invalidStatus, type FieldError } from '../api/field-errors';
import type { KubeObject, Mutable } from '../api/object';
import { validateCreate, validateUpdate } from '../api/validation';
import type { EtcdStore } from '../etcd/store';
import type { Engine } from '../engine/simulation';
import type { ComponentId, FlowStep, ObjectRef } from '../engine/trace';
import { admit } from './admission';
import type { Authenticator, UserInfo } from './authn';
import { discoveryResponse } from './discovery';
import { restExec, type PodExec } from './exec';
import { etcdCreateStep, etcdStep, requestStep, watchStep } from './flow-steps';
import { jsonResponse, type HttpRequest, type HttpResponse, type ResponseStream } from './http';
import { openapiResponse, unknownFields } from './openapi';
import { applyPatch } from './patch';
import { printTable } from './printers';
import { authorize, type RbacObjects } from './rbac';
import { selfSubjectReview, selfSubjectRulesReview } from './self-subject-reviews';
import { DEFAULT_STRATEGY, type Strategy } from './registry/strategy';
import { parseRequestInfo, type RequestInfo } from './request-info';
import { apiVersionOf, lookupResource, RESOURCES, type ResourceInfo } from './resources';
import { labelSelectorFilter, type ObjectFilter } from './list-filter';
import { ApiError, errors, statusSuccess } from './status';
import { WatchCache, type WatchEventType } from './watch-cache';
import { decodeProtobufBody } from './protobuf';

const PUBLIC_INFO_PATHS = new Set(['/version', '/version/', '/healthz', '/livez', '/readyz']);

/** Body limit of kube-apiserver (`--max-request-body-bytes` default 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ApiServerOptions {
  engine: Engine;
  etcd: EtcdStore;
  authenticator: Authenticator;
  strategies: Partial<Record<string, Strategy>>;
  /** Pod logs come from the kubelet of the pod's node (apiserver → kubelet proxy). */
  podLogs?: (pod: Pod, container: string | undefined, query: URLSearchParams) => string | ApiError;
  /** `kubectl exec` reaches the kubelet of the pod's node, which runs the process in the container. */
  podExec?: PodExec;
}

/** An in-cluster call: the same path through authz, admission, validation and etcd as REST, without JSON. */
export interface ApiCall {
  user: UserInfo;
  component: ComponentId;
  verb: 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  resource: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  body?: KubeObject;
  patch?: { type: string; body: string };
  query?: URLSearchParams;
  /** The deployment-flow step this call is, when the caller knows (the kubelet's Running status is 10). */
  step?: FlowStep;
  /** What the canvas should say for the request hop (defaults to `VERB resource`). */
  summary?: string;
}

export type ApiResult = { ok: true; code: number; object: KubeObject } | { ok: false; error: ApiError };

export interface InternalWatch {
  component: ComponentId;
  resource: string;
  group?: string;
  namespace?: string;
  nodeName?: string;
  filter?: ObjectFilter;
  /** Deliveries are hops on the trace, delivered after the hop latency. */
  onEvent: (type: WatchEventType, obj: KubeObject) => void;
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * kube-apiserver: the only door to etcd. Every request, from kubectl over HTTP or from a
 * controller in-process, goes authentication → authorization → mutating admission → validation →
 * etcd, and every write is fanned out to watchers from the watch cache.
 */
export class ApiServer {
  readonly caches = new Map<string, WatchCache>();
  private readonly engine: Engine;
  private readonly etcd: EtcdStore;
  private readonly authenticator: Authenticator;
  private readonly strategies: Partial<Record<string, Strategy>>;
  private readonly podLogs: ApiServerOptions['podLogs'];
  private readonly podExec: ApiServerOptions['podExec'];
  /** Virtual time offset of the write in progress, so hops after the request line up behind it. */
  private hopOffset = 0;

  constructor(opts: ApiServerOptions) {
    this.engine = opts.engine;
    this.etcd = opts.etcd;
    this.authenticator = opts.authenticator;
    this.strategies = opts.strategies;
    this.podLogs = opts.podLogs;
    this.podExec = opts.podExec;
    for (const info of RESOURCES) {
      if (!info.etcdPrefix || this.caches.has(info.etcdPrefix)) continue;
      this.caches.set(info.etcdPrefix, new WatchCache(info, this.etcd));
    }
  }

  cache(resource: string, group = ''): WatchCache {
    const info = this.resourceInfo(resource, group);
    return this.caches.get(info.etcdPrefix)!;
  }

  resourceInfo(resource: string, group = ''): ResourceInfo {
    const info = RESOURCES.find((r) => r.resource === resource && r.group === group);
    if (!info) throw new Error(`unknown resource ${group}/${resource}`);
    return info;
  }

  get rbacObjects(): RbacObjects {
    const crs = this.cache('clusterroles', 'rbac.authorization.k8s.io');
    const roles = this.cache('roles', 'rbac.authorization.k8s.io');
    const crbs = this.cache('clusterrolebindings', 'rbac.authorization.k8s.io');
    const rbs = this.cache('rolebindings', 'rbac.authorization.k8s.io');
    return {
      clusterRole: (name) => crs.get(`/registry/clusterroles/${name}`) as never,
      role: (ns, name) => roles.get(`/registry/roles/${ns}/${name}`) as never,
      clusterRoleBindings: () => crbs.list() as never,
      roleBindings: (ns) => rbs.list(ns) as never,
    };
  }

  // ---------------------------------------------------------------- REST

  /** The HTTP face of the apiserver. Never throws: every failure is a `Status`. */
  handle(req: HttpRequest): HttpResponse {
    try {
      return this.handleUnsafe(req);
    } catch (e) {
      if (e instanceof ApiError) return jsonResponse(e.code, e.status);
      const message = e instanceof Error ? e.message : String(e);
      const err = errors.internal(message);
      return jsonResponse(err.code, err.status);
    }
  }

  private handleUnsafe(req: HttpRequest): HttpResponse {
    if (req.body !== undefined && new TextEncoder().encode(req.body).length > MAX_BODY_BYTES)
      throw errors.tooLarge(MAX_BODY_BYTES);
    let user = this.authenticator.authenticate(req.headers['authorization']);
    // Anonymous requests reach only the public-info paths (version, health); everything else needs a token.
    if (!user && req.headers['authorization'] === undefined && PUBLIC_INFO_PATHS.has(req.path))
      user = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
    if (!user) throw errors.unauthorized();
    user = this.impersonate(user, req);
    const ri = parseRequestInfo(req.method, req.path, req.query);
    if (!ri.isResourceRequest || !ri.resource) {
      const verb = req.method === 'GET' || req.method === 'HEAD' ? 'get' : req.method.toLowerCase();
      const decision = authorize(
        {
          user,
          verb,
          isResourceRequest: false,
          path: req.path,
          group: '',
          resource: '',
          subresource: '',
          namespace: '',
          name: '',
        },
        this.rbacObjects,
      );
      if (!decision.allowed) throw errors.forbiddenNonResource(decision.reason);
      if (req.path === '/healthz' || req.path === '/livez' || req.path === '/readyz')
        return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'ok' };
      const found = discoveryResponse(req) ?? openapiResponse(req);
      if (found) return found;
      throw errors.pathNotFound();
    }
    const info = ri.info;
    if (!info || (ri.subresource && !info.subresources.includes(ri.subresource))) throw errors.pathNotFound();
    const decision = authorize(
      {
        user,
        verb: ri.verb,
        isResourceRequest: true,
        path: req.path,
        group: ri.group,
        resource: ri.resource,
        subresource: ri.subresource,
        namespace: ri.namespace,
        name: ri.name,
      },
      this.rbacObjects,
    );
    if (!decision.allowed) throw errors.forbidden(info, ri.name, decision.reason);
    const from: ComponentId =
      /kubectl/.test(req.headers['user-agent'] ?? '') || req.headers['x-kubesim-client'] === 'kubectl'
        ? 'kubectl'
        : 'user';
    if (ri.verb === 'watch') return this.restWatch(req, ri, info, from);
    if (ri.verb === 'get' && ri.subresource === 'log') return this.restLogs(req, ri, info, user, from);
    if (ri.subresource === 'exec')
      return restExec(
        { engine: this.engine, rbac: this.rbacObjects, podExec: this.podExec },
        req,
        ri,
        this.mustGet(info, ri.namespace, ri.name) as Pod,
        user,
        from,
      );
    let body: KubeObject | undefined;
    let patch: ApiCall['patch'];
    if (ri.verb === 'patch')
      patch = { type: (req.headers['content-type'] ?? '').split(';')[0].trim(), body: req.body ?? '' };
    else if (req.bodyBytes && req.bodyBytes.length > 0) body = decodeProtobuf(req.bodyBytes);
    else if (req.body && req.body.trim() !== '')
      body = decodeBody(req.body, req.headers['content-type'] ?? 'application/json');
    const warnings: string[] = [];
    if (body && (ri.verb === 'create' || ri.verb === 'update') && !ri.subresource) {
      const unknown = unknownFields(body.kind ?? info.kind, body, body.apiVersion);
      const mode = req.query.get('fieldValidation') ?? 'Warn';
      if (unknown.length > 0 && mode === 'Strict')
        throw errors.badRequest(
          `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
        );
      if (mode === 'Warn') for (const f of unknown) warnings.push(`299 - "unknown field \\"${f}\\""`);
    }
    const result = this.call({
      user,
      component: from,
      verb: ri.verb as ApiCall['verb'],
      resource: ri.resource,
      group: ri.group,
      namespace: ri.namespace || undefined,
      name: ri.name || undefined,
      subresource: ri.subresource || undefined,
      body,
      patch,
      query: req.query,
      skipAuthz: true,
    } as ApiCall & { skipAuthz: boolean });
    if (!result.ok) throw result.error;
    const res = this.encode(req, info, result.code, result.object);
    if (warnings.length > 0) res.headers['warning'] = warnings.join(', ');
    return res;
  }

  private impersonate(user: UserInfo, req: HttpRequest): UserInfo {
    const as = req.headers['impersonate-user'];
    const groups = (req.headers['impersonate-group'] ?? '')
      .split(',')
      .map((g) => g.trim())
      .filter(Boolean);
    if (!as && groups.length === 0) return user;
    const check = (resource: string, name: string): void => {
      const d = authorize(
        {
          user,
          verb: 'impersonate',
          isResourceRequest: true,
          path: req.path,
          group: '',
          resource,
          subresource: '',
          namespace: '',
          name,
        },
        this.rbacObjects,
      );
      if (!d.allowed) throw errors.forbidden({ group: '', resource }, name, d.reason);
    };
    if (as) check(as.startsWith('system:serviceaccount:') ? 'serviceaccounts' : 'users', as);
    for (const g of groups) check('groups', g);
    const name = as ?? user.name;
    const extra = name.startsWith('system:serviceaccount:')
      ? ['system:serviceaccounts', `system:serviceaccounts:${name.split(':')[2]}`]
      : [];
    return { name, groups: [...new Set([...groups, ...extra, 'system:authenticated'])] };
  }

  private encode(req: HttpRequest, info: ResourceInfo, code: number, object: KubeObject): HttpResponse {
    const accept = req.headers['accept'] ?? '';
    const wantsTable = /as=Table/.test(accept) && object.kind !== 'Status';
    if (wantsTable) {
      // Rows carry whole objects with their kind (includeObject=Object, as `--sort-by` asks for).
      const items =
        object.kind?.endsWith('List') && Array.isArray(object.items)
          ? (object.items as KubeObject[]).map((o) => withTypeMeta(info, o))
          : [object];
      const table = printTable(info, items, {
        nowMs: this.engine.epochMs + this.engine.now,
        includeObject:
          (req.query.get('includeObject') as 'None' | 'Metadata' | 'Object' | null) ?? 'Metadata',
        listMeta: object.kind?.endsWith('List')
          ? (object.metadata as { resourceVersion?: string; continue?: string })
          : { resourceVersion: object.metadata?.resourceVersion },
      });
      return jsonResponse(code, table);
    }
    return jsonResponse(code, object);
  }

  // ---------------------------------------------------------------- in-cluster API

  /** One API call, as REST would make it (authorization included unless already done). */
  call(c: ApiCall & { skipAuthz?: boolean }): ApiResult {
    const info = lookupResource(c.group ?? '', this.versionOf(c.resource, c.group ?? ''), c.resource);
    try {
      if (!info) throw errors.pathNotFound();
      if (!c.skipAuthz) {
        const d = authorize(
          {
            user: c.user,
            verb: c.verb,
            isResourceRequest: true,
            path: '',
            group: info.group,
            resource: info.resource,
            subresource: c.subresource ?? '',
            namespace: c.namespace ?? '',
            name: c.name ?? '',
          },
          this.rbacObjects,
        );
        if (!d.allowed) throw errors.forbidden(info, c.name ?? '', d.reason);
      }
      if (!info.verbs.includes(c.verb) && !c.subresource) throw errors.methodNotSupported(info, c.verb);
      const object = this.dispatch(info, c);
      return { ok: true, code: object.code, object: object.obj };
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e };
      throw e;
    } finally {
      this.hopOffset = 0;
    }
  }

  private versionOf(resource: string, group: string): string {
    return RESOURCES.find((r) => r.resource === resource && r.group === group)?.version ?? 'v1';
  }

  private dispatch(info: ResourceInfo, c: ApiCall): { code: number; obj: KubeObject } {
    const query = c.query ?? new URLSearchParams();
    const sub = c.subresource ?? '';
    const summaryObj =
      c.body ?? (c.name ? { metadata: { name: c.name, namespace: c.namespace } } : undefined);
    const step = requestStep(c.verb, info.resource, sub, c.body, c.step);
    const path = `${c.verb === 'create' ? 'POST' : c.verb === 'update' ? 'PUT' : c.verb === 'patch' ? 'PATCH' : c.verb.startsWith('delete') ? 'DELETE' : 'GET'} ${info.resource}${c.name ? `/${c.name}` : ''}${sub ? `/${sub}` : ''}`;
    this.engine.hop({
      from: c.component,
      to: 'kube-apiserver',
      kind: 'http',
      summary: c.summary ?? path,
      step,
      object: refOf(info, summaryObj, c.namespace),
    });
    this.hopOffset = this.engine.hopLatencyMs;
    const dryRun = query.getAll('dryRun').includes('All');
    switch (c.verb) {
      case 'get':
        if (sub === 'scale') return { code: 200, obj: scaleOf(this.mustGet(info, c.namespace, c.name!)) };
        if (sub === 'status' || sub === '') {
          this.traceRead(info, c);
          return { code: 200, obj: this.mustGet(info, c.namespace, c.name!) };
        }
        throw errors.methodNotSupported(info, 'get');
      case 'list':
        this.traceRead(info, c);
        return { code: 200, obj: this.list(info, c.namespace, query) };
      case 'create':
        if (sub === 'binding' || (info.resource === 'bindings' && !sub))
          return { code: 201, obj: this.bind(c, step) };
        if (sub === 'token') return { code: 201, obj: this.tokenRequest(info, c) };
        if (sub === 'eviction') return this.evict(info, c);
        if (info.resource === 'selfsubjectreviews') return { code: 201, obj: selfSubjectReview(c.user) };
        if (info.resource === 'selfsubjectrulesreviews')
          return { code: 201, obj: selfSubjectRulesReview(c.user, c.body, this.rbacObjects) };
        if (info.resource === 'tokenreviews') return { code: 201, obj: this.tokenReview(c) };
        if (info.resource === 'selfsubjectaccessreviews' || info.resource === 'subjectaccessreviews')
          return { code: 201, obj: this.accessReview(c) };
        if (sub) throw errors.methodNotSupported(info, 'create');
        return { code: 201, obj: this.create(info, c, dryRun, step) };
      case 'update':
        return { code: 200, obj: this.update(info, c, c.body, dryRun, step) };
      case 'patch': {
        const cur = this.mustGet(info, c.namespace, c.name!);
        const base = sub === 'scale' ? scaleOf(cur) : cur;
        const patched = applyPatch(base.kind ?? info.kind, base, c.patch?.type ?? '', c.patch?.body ?? '');
        if (!patched.ok) {
          throw errors.fromCode(patched.code, patched.reason, patched.message);
        }
        const next = patched.object;
        if (
          !next.metadata?.resourceVersion ||
          next.metadata.resourceVersion === base.metadata?.resourceVersion
        ) {
          next.metadata = { ...next.metadata, resourceVersion: cur.metadata?.resourceVersion };
        }
        return { code: 200, obj: this.update(info, c, next, dryRun, step) };
      }
      case 'delete':
        return this.delete(info, c, dryRun);
      case 'deletecollection': {
        const list = this.list(info, c.namespace, query);
        for (const item of list.items as KubeObject[])
          this.delete(info, { ...c, name: item.metadata!.name, namespace: item.metadata!.namespace }, dryRun);
        return { code: 200, obj: list };
      }
    }
  }

  /** A read goes to etcd (quorum read), shown as a hop so a learner sees where `kubectl get` looks. */
  private traceRead(info: ResourceInfo, c: ApiCall): void {
    if (c.component !== 'kubectl' && c.component !== 'user') return;
    const key = c.name
      ? this.keyOf(info, c.namespace, c.name)
      : `${info.etcdPrefix}/${c.namespace ? `${c.namespace}/` : ''}`;
    this.etcdHop(
      'etcd-range',
      `${c.name ? 'get' : 'range'} ${key}`,
      refOf(info, undefined, c.namespace, c.name),
      undefined,
    );
  }

  private etcdHop(
    kind: string,
    summary: string,
    object: ObjectRef | undefined,
    step: FlowStep | undefined,
  ): void {
    const l = this.engine.hopLatencyMs;
    this.engine.trace.append({
      from: 'kube-apiserver',
      to: 'etcd',
      kind,
      summary,
      sentAt: this.engine.now + this.hopOffset,
      deliverAt: this.engine.now + this.hopOffset + l,
      step,
      object,
    });
    this.hopOffset += l;
  }

  keyOf(info: ResourceInfo, namespace: string | undefined, name: string): string {
    return info.namespaced ? `${info.etcdPrefix}/${namespace}/${name}` : `${info.etcdPrefix}/${name}`;
  }

  private mustGet(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject {
    if (info.namespaced && !namespace)
      throw errors.badRequest('the server could not find the requested resource');
    const obj = this.caches.get(info.etcdPrefix)?.get(this.keyOf(info, namespace, name));
    if (!obj) throw errors.notFound(info, name);
    return withTypeMeta(info, obj);
  }

  private list(info: ResourceInfo, namespace: string | undefined, query: URLSearchParams): KubeObject {
    const filter = labelSelectorFilter(
      info.resource,
      query.get('labelSelector') ?? '',
      query.get('fieldSelector') ?? '',
    );
    if (!filter.ok) throw errors.badRequest(filter.message);
    const cache = this.caches.get(info.etcdPrefix)!;
    const node = nodeNameFromFieldSelector(info, query.get('fieldSelector') ?? '');
    const candidates =
      node !== undefined
        ? cache.listByNode(node).filter((o) => namespace === undefined || o.metadata?.namespace === namespace)
        : cache.list(namespace);
    let items = candidates.filter(filter.value);
    const limit = Number(query.get('limit') ?? '0');
    let cont: string | undefined;
    const start = query.get('continue');
    if (start) {
      const after = decodeContinue(start);
      if (after === undefined)
        throw errors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
      items = items.filter((o) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name}` > after);
    }
    if (limit > 0 && items.length > limit) {
      items = items.slice(0, limit);
      const last = items[items.length - 1];
      cont = encodeContinue(`${last.metadata?.namespace ?? ''}/${last.metadata?.name}`);
    }
    const metadata: { resourceVersion: string; continue?: string } = {
      resourceVersion: String(this.etcd.revision),
    };
    if (cont) metadata.continue = cont;
    return {
      kind: `${info.kind}List`,
      apiVersion: apiVersionOf(info),
      metadata,
      items: items.map((o) => stripTypeMeta(o)),
    } as KubeObject;
  }

  private strategy(info: ResourceInfo): Strategy {
    return this.strategies[info.resource] ?? DEFAULT_STRATEGY;
  }

  private create(info: ResourceInfo, c: ApiCall, dryRun: boolean, step: FlowStep | undefined): KubeObject {
    if (!c.body) throw errors.badRequest('the request body is empty');
    const obj = structuredClone(c.body);
    this.checkTypeMeta(info, obj);
    const meta: Mutable<ObjectMeta> = (obj.metadata ??= {});
    if (info.namespaced) {
      const ns = c.namespace ?? meta.namespace;
      if (meta.namespace && c.namespace && meta.namespace !== c.namespace)
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      meta.namespace = ns;
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.randomSuffix();
    applyDefaults(info.kind, obj);
    admit(this.admissionContext(), info, obj, 'create');
    const strategy = this.strategy(info);
    delete meta.resourceVersion;
    meta.uid = this.uid();
    meta.creationTimestamp = this.engine.timestamp();
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    if (strategy.tracksGeneration) meta.generation = 1;
    strategy.prepareForCreate?.(obj, { timestamp: (o) => this.engine.timestamp(o), uid: () => this.uid() });
    this.throwIfInvalid(info, obj, validateCreate(info.kind, obj));
    const key = this.keyOf(info, meta.namespace, meta.name!);
    if (this.etcd.get(key)) throw errors.alreadyExists(info, meta.name!);
    const allocErrs = strategy.allocate?.(obj, undefined) ?? [];
    this.throwIfInvalid(info, obj, allocErrs);
    if (dryRun) {
      strategy.release?.(obj, undefined);
      return withTypeMeta(info, obj);
    }
    const stored = stripResourceVersion(withTypeMeta(info, obj));
    // The hop is recorded before the write, whose watch events it causes, so the trace reads in causal order.
    this.etcdHop(
      'etcd-put',
      `put ${key}`,
      refOf(info, obj),
      etcdStep(step) ?? etcdCreateStep(info.resource, obj),
    );
    const r = this.etcd.txn(
      [{ key, target: 'create', result: '=', value: 0 }],
      [{ type: 'put', key, value: JSON.stringify(stored) }],
    );
    if (!r.succeeded) {
      strategy.release?.(obj, undefined);
      throw errors.alreadyExists(info, meta.name!);
    }
    return { ...stored, metadata: { ...stored.metadata, resourceVersion: String(r.revision) } };
  }

  private update(
    info: ResourceInfo,
    c: ApiCall,
    body: KubeObject | undefined,
    dryRun: boolean,
    step: FlowStep | undefined,
  ): KubeObject {
    if (!body) throw errors.badRequest('the request body is empty');
    const sub = c.subresource ?? '';
    const name = c.name!;
    const cur = this.mustGet(info, c.namespace, name);
    if (sub === 'scale') return this.updateScale(info, c, cur, body, dryRun);
    let obj = structuredClone(body);
    this.checkTypeMeta(info, obj);
    const meta: Mutable<ObjectMeta> = (obj.metadata ??= {});
    if (meta.name && meta.name !== name)
      throw errors.badRequest(
        `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
      );
    if (info.namespaced && meta.namespace && meta.namespace !== c.namespace)
      throw errors.badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    meta.name = name;
    if (info.namespaced) meta.namespace = c.namespace;
    const rv = meta.resourceVersion;
    if (rv && rv !== cur.metadata?.resourceVersion) throw errors.conflict(info, name);
    const strategy = this.strategy(info);
    applyDefaults(info.kind, obj);
    if (sub === 'status' || sub === 'finalize') {
      // The status subresource writes status (finalize: spec.finalizers) and, as upstream's status
      // strategies allow, annotations — the deployment controller records revisions that way.
      const next = structuredClone(cur);
      if (sub === 'status') next.status = obj.status;
      else next.spec = obj.spec;
      next.metadata = { ...cur.metadata };
      if (sub === 'status' && meta.annotations !== undefined) next.metadata.annotations = meta.annotations;
      obj = next;
    } else {
      // Immutable bookkeeping comes from the stored object, whatever the client sent.
      meta.uid = cur.metadata?.uid;
      meta.creationTimestamp = cur.metadata?.creationTimestamp;
      meta.deletionTimestamp = cur.metadata?.deletionTimestamp;
      meta.deletionGracePeriodSeconds = cur.metadata?.deletionGracePeriodSeconds;
      if (meta.deletionTimestamp === undefined) delete meta.deletionTimestamp;
      if (meta.deletionGracePeriodSeconds === undefined) delete meta.deletionGracePeriodSeconds;
      if (strategy.hasStatus) obj.status = cur.status;
      if (strategy.tracksGeneration) {
        meta.generation = cur.metadata?.generation ?? 1;
        if (JSON.stringify(obj.spec) !== JSON.stringify(cur.spec)) meta.generation += 1;
      }
      strategy.prepareForUpdate?.(obj, cur);
      admit(this.admissionContext(), info, obj, 'update', cur);
    }
    const errs = validateUpdate(info.kind, obj, cur);
    this.throwIfInvalid(info, obj, errs);
    const allocErrs = sub ? [] : (strategy.allocate?.(obj, cur) ?? []);
    this.throwIfInvalid(info, obj, allocErrs);
    const result = withTypeMeta(info, obj);
    if (dryRun) return result;
    // Removing the last finalizer of an object being deleted finishes the delete.
    if (
      result.metadata?.deletionTimestamp &&
      (result.metadata.finalizers ?? []).length === 0 &&
      !namespaceFinalizers(result)
    ) {
      if (!(info.resource === 'pods' && (result.metadata.deletionGracePeriodSeconds ?? 0) > 0)) {
        return this.removeFromEtcd(info, result, cur);
      }
    }
    return this.writeUpdate(info, result, cur, step);
  }

  private writeUpdate(
    info: ResourceInfo,
    obj: KubeObject,
    cur: KubeObject,
    step: FlowStep | undefined,
  ): KubeObject {
    const key = this.keyOf(info, obj.metadata?.namespace, obj.metadata!.name!);
    const stored = stripResourceVersion(obj);
    const value = JSON.stringify(stored);
    const prevRev = Number(cur.metadata?.resourceVersion);
    // An update that changes nothing is not written (upstream skips no-op writes too).
    if (value === JSON.stringify(stripResourceVersion(cur))) return cur;
    this.etcdHop('etcd-put', `put ${key}`, refOf(info, obj), etcdStep(step));
    const r = this.etcd.txn(
      [{ key, target: 'mod', result: '=', value: prevRev }],
      [{ type: 'put', key, value }],
    );
    if (!r.succeeded) throw errors.conflict(info, obj.metadata!.name!);
    return { ...stored, metadata: { ...stored.metadata, resourceVersion: String(r.revision) } };
  }

  private removeFromEtcd(info: ResourceInfo, obj: KubeObject, cur: KubeObject): KubeObject {
    const key = this.keyOf(info, obj.metadata?.namespace, obj.metadata!.name!);
    this.etcdHop('etcd-delete', `delete ${key}`, refOf(info, obj), undefined);
    const r = this.etcd.txn(
      [{ key, target: 'mod', result: '=', value: Number(cur.metadata?.resourceVersion) }],
      [{ type: 'delete', key }],
    );
    if (!r.succeeded) throw errors.conflict(info, obj.metadata!.name!);
    this.strategy(info).release?.(obj, undefined);
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(r.revision) } };
  }

  private updateScale(
    info: ResourceInfo,
    c: ApiCall,
    cur: KubeObject,
    body: KubeObject,
    dryRun: boolean,
  ): KubeObject {
    const replicas = (body.spec as { replicas?: number } | undefined)?.replicas;
    const rv = body.metadata?.resourceVersion;
    if (rv && rv !== cur.metadata?.resourceVersion)
      throw errors.conflict({ group: 'autoscaling', resource: `${info.resource}` }, c.name!);
    const next = structuredClone(cur);
    (next.spec as { replicas?: number }).replicas = replicas;
    if (typeof replicas !== 'number' || replicas < 0)
      throw new ApiError(
        invalidStatus('Scale', 'autoscaling', c.name!, [
          invalidField('spec.replicas', replicas, 'must be greater than or equal to 0'),
        ]),
      );
    const updated = this.update(info, { ...c, subresource: undefined }, next, dryRun, undefined);
    return scaleOf(updated);
  }

  private delete(info: ResourceInfo, c: ApiCall, dryRun: boolean): { code: number; obj: KubeObject } {
    const cur = this.mustGet(info, c.namespace, c.name!);
    const opts = (c.body ?? {}) as DeleteOptions;
    const query = c.query ?? new URLSearchParams();
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== cur.metadata?.uid)
      throw errors.conflict(
        info,
        c.name!,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata?.uid}`,
      );
    if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata?.resourceVersion)
      throw errors.conflict(
        info,
        c.name!,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${cur.metadata?.resourceVersion}`,
      );
    const policy = opts.propagationPolicy ?? query.get('propagationPolicy') ?? undefined;
    const graceQuery = query.get('gracePeriodSeconds');
    let grace = opts.gracePeriodSeconds ?? (graceQuery !== null ? Number(graceQuery) : undefined);
    if (info.resource === 'pods') {
      const pod = cur as Pod;
      const scheduled = !!pod.spec?.nodeName;
      const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (grace === undefined) grace = pod.spec?.terminationGracePeriodSeconds ?? 30;
      // An unscheduled or finished pod has no kubelet to wait for (pkg/registry/core/pod/strategy.go CheckGracefulDelete).
      if (!scheduled || finished) grace = 0;
    } else grace = 0;
    const next = structuredClone(cur);
    const meta = next.metadata!;
    const finalizers = new Set(meta.finalizers ?? []);
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');
    if (policy === 'Orphan') finalizers.add('orphan');
    meta.finalizers = [...finalizers];
    if (meta.finalizers.length === 0) delete meta.finalizers;
    const isNamespace = info.resource === 'namespaces';
    if (dryRun) return { code: 200, obj: cur };
    if ((meta.finalizers ?? []).length > 0 || grace > 0 || isNamespace) {
      if (meta.deletionTimestamp) {
        // Already being deleted: a shorter grace period may still be requested (the kubelet's final delete uses 0).
        if (info.resource === 'pods' && grace < (meta.deletionGracePeriodSeconds ?? 0)) {
          meta.deletionGracePeriodSeconds = grace;
          meta.deletionTimestamp = this.engine.timestamp(grace * 1000);
          if (grace === 0 && (meta.finalizers ?? []).length === 0)
            return { code: 200, obj: this.removeFromEtcd(info, next, cur) };
          return { code: 200, obj: this.writeUpdate(info, next, cur, undefined) };
        }
        return { code: 200, obj: cur };
      }
      meta.deletionTimestamp = this.engine.timestamp(grace * 1000);
      meta.deletionGracePeriodSeconds = grace;
      if (isNamespace)
        (next.status as { phase?: string }) = { ...(next.status as object), phase: 'Terminating' };
      return { code: 200, obj: this.writeUpdate(info, next, cur, undefined) };
    }
    const deleted = this.removeFromEtcd(info, cur, cur);
    if (info.resource === 'pods' || info.resource === 'services' || info.resource === 'namespaces')
      return { code: 200, obj: deleted };
    return {
      code: 200,
      obj: statusSuccess({
        name: c.name!,
        ...(info.group ? { group: info.group } : {}),
        kind: info.resource,
        uid: cur.metadata?.uid,
      }) as KubeObject,
    };
  }

  private bind(c: ApiCall, step: FlowStep | undefined): KubeObject {
    const binding = c.body as Binding | undefined;
    const podsInfo = this.resourceInfo('pods');
    const name = c.name ?? binding?.metadata?.name;
    if (!binding || !name) throw errors.badRequest('the request body is empty');
    const cur = this.mustGet(podsInfo, c.namespace, name) as Mutable<Pod>;
    if (cur.metadata?.deletionTimestamp)
      throw errors.conflict(podsInfo, name, 'pod is being deleted, cannot be assigned to a host');
    if (cur.spec?.nodeName)
      throw errors.conflict(podsInfo, name, `pod ${name} is already assigned to node "${cur.spec.nodeName}"`);
    const next = structuredClone(cur);
    next.spec!.nodeName = binding.target.name;
    next.status = {
      ...next.status,
      conditions: [
        ...(next.status?.conditions ?? []).filter((x) => x.type !== 'PodScheduled'),
        { type: 'PodScheduled', status: 'True', lastTransitionTime: this.engine.timestamp() },
      ],
    };
    this.writeUpdate(podsInfo, next as KubeObject, cur as KubeObject, step);
    return statusSuccess() as KubeObject;
  }

  private evict(info: ResourceInfo, c: ApiCall): { code: number; obj: KubeObject } {
    const deleteOptions = ((c.body as { deleteOptions?: DeleteOptions } | undefined)?.deleteOptions ??
      {}) as KubeObject;
    this.delete(info, { ...c, subresource: undefined, body: deleteOptions }, false);
    return { code: 201, obj: statusSuccess() as KubeObject };
  }

  private tokenRequest(info: ResourceInfo, c: ApiCall): KubeObject {
    const sa = this.mustGet(info, c.namespace, c.name!);
    const spec = (c.body?.spec ?? {}) as { expirationSeconds?: number; audiences?: string[] };
    const exp = spec.expirationSeconds ?? 3600;
    const nowSec = Math.floor((this.engine.epochMs + this.engine.now) / 1000);
    const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : undefined;
    const token = this.authenticator.issueServiceAccountToken(
      c.namespace!,
      c.name!,
      sa.metadata!.uid!,
      nowSec,
      exp,
      audiences,
    );
    return {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name: c.name, namespace: c.namespace, creationTimestamp: null as never },
      spec: {
        audiences: spec.audiences ?? ['https://kubernetes.default.svc.cluster.local'],
        expirationSeconds: exp,
        boundObjectRef: null,
      },
      status: { token, expirationTimestamp: this.engine.timestamp(exp * 1000) },
    };
  }

  /** TokenReview: what the authenticator makes of a token (webhook authenticators ask this). */
  private tokenReview(c: ApiCall): KubeObject {
    const token = (c.body?.spec as { token?: string } | undefined)?.token ?? '';
    const user = this.authenticator.authenticate(`Bearer ${token}`);
    const status = user
      ? {
          authenticated: true,
          user: { username: user.name, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups },
        }
      : { error: 'invalid bearer token' };
    return { ...c.body, metadata: { creationTimestamp: null as never }, status };
  }

  private accessReview(c: ApiCall): KubeObject {
    const spec = (c.body?.spec ?? {}) as {
      resourceAttributes?: {
        namespace?: string;
        verb?: string;
        group?: string;
        resource?: string;
        subresource?: string;
        name?: string;
      };
      nonResourceAttributes?: { path?: string; verb?: string };
      user?: string;
      groups?: string[];
    };
    const user: UserInfo =
      c.body?.kind === 'SubjectAccessReview' ? { name: spec.user ?? '', groups: spec.groups ?? [] } : c.user;
    const ra = spec.resourceAttributes;
    const na = spec.nonResourceAttributes;
    const d = authorize(
      {
        user,
        verb: ra?.verb ?? na?.verb ?? '',
        isResourceRequest: !!ra,
        path: na?.path ?? '',
        group: ra?.group ?? '',
        resource: ra?.resource ?? '',
        subresource: ra?.subresource ?? '',
        namespace: ra?.namespace ?? '',
        name: ra?.name ?? '',
      },
      this.rbacObjects,
    );
    const status: { allowed: boolean; reason?: string } = { allowed: d.allowed };
    if (d.allowed) status.reason = user.groups.includes('system:masters') ? '' : 'RBAC: allowed';
    return { ...c.body, metadata: { creationTimestamp: null as never }, status };
  }

  private checkTypeMeta(info: ResourceInfo, obj: KubeObject): void {
    if (!obj.kind) throw errors.badRequest(`Object 'Kind' is missing in '${JSON.stringify(obj)}'`);
    if (obj.apiVersion && obj.apiVersion !== apiVersionOf(info))
      throw errors.badRequest(
        `the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`,
      );
    if (obj.kind !== info.kind && !(info.resource === 'bindings' && obj.kind === 'Binding'))
      throw errors.badRequest(
        `${obj.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the kind in the data does not match`,
      );
  }

  private throwIfInvalid(info: ResourceInfo, obj: KubeObject, errs: FieldError[]): void {
    if (errs.length === 0) return;
    throw new ApiError(invalidStatus(info.kind, info.group, obj.metadata?.name ?? '', errs));
  }

  private admissionContext() {
    return {
      namespace: (name: string) =>
        this.caches.get('/registry/namespaces')!.get(`/registry/namespaces/${name}`),
      serviceAccount: (ns: string, name: string) =>
        this.caches.get('/registry/serviceaccounts')!.get(`/registry/serviceaccounts/${ns}/${name}`),
      randomSuffix: () => this.randomSuffix(),
    };
  }

  /** Five characters from the name-generation alphabet (apiserver's `names.SimpleNameGenerator`). */
  randomSuffix(): string {
    let s = '';
    for (let i = 0; i < 5; i++) s += NAME_ALPHABET[this.engine.random.int(NAME_ALPHABET.length)];
    return s;
  }

  /** A UUIDv4 from the seeded random source. */
  uid(): string {
    const hex = (n: number) =>
      Array.from({ length: n }, () => '0123456789abcdef'[this.engine.random.int(16)]).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[this.engine.random.int(4)]}${hex(3)}-${hex(12)}`;
  }

  // ---------------------------------------------------------------- watch

  /** An informer's watch: events arrive as trace hops after the hop latency. */
  watchInternal(w: InternalWatch, fromRevision?: number): () => void {
    const info = this.resourceInfo(w.resource, w.group ?? '');
    const cache = this.caches.get(info.etcdPrefix)!;
    const filter = w.filter ?? (() => true);
    const unwatch = cache.watch(
      {
        namespace: w.namespace,
        nodeName: w.nodeName,
        filter,
        deliver: (type, obj, ev) => {
          const sentOffset = this.hopOffset;
          const l = this.engine.hopLatencyMs;
          this.engine.trace.append({
            from: 'kube-apiserver',
            to: w.component,
            kind: 'watch',
            summary: watchSummary(w.component, info, type, obj, ev.prevObject),
            sentAt: this.engine.now + sentOffset,
            deliverAt: this.engine.now + sentOffset + l,
            step: watchStep(w.component, info.resource, type, obj, ev.prevObject),
            object: refOf(info, obj),
          });
          this.engine.schedule(sentOffset + l, `watch ${info.resource} → ${w.component}`, () =>
            w.onEvent(type, withTypeMeta(info, obj)),
          );
        },
      },
      fromRevision,
    );
    if (!unwatch) throw errors.gone(`too old resource version: ${fromRevision}`);
    return unwatch;
  }

  /** An informer's initial list, straight from the watch cache (no trace: the canvas shows changes). */
  listInternal(
    resource: string,
    group = '',
    namespace?: string,
  ): { items: KubeObject[]; resourceVersion: number } {
    const info = this.resourceInfo(resource, group);
    const cache = this.caches.get(info.etcdPrefix)!;
    return {
      items: cache.list(namespace).map((o) => withTypeMeta(info, o)),
      resourceVersion: this.etcd.revision,
    };
  }

  private restWatch(req: HttpRequest, ri: RequestInfo, info: ResourceInfo, _from: ComponentId): HttpResponse {
    const cache = this.caches.get(info.etcdPrefix);
    if (!cache) throw errors.methodNotSupported(info, 'watch');
    let fieldSelector = req.query.get('fieldSelector') ?? '';
    if (ri.name)
      fieldSelector = fieldSelector
        ? `${fieldSelector},metadata.name=${ri.name}`
        : `metadata.name=${ri.name}`;
    const filter = labelSelectorFilter(info.resource, req.query.get('labelSelector') ?? '', fieldSelector);
    if (!filter.ok) throw errors.badRequest(filter.message);
    const wantsTable = /as=Table/.test(req.headers['accept'] ?? '');
    const includeObject =
      (req.query.get('includeObject') as 'None' | 'Metadata' | 'Object' | null) ?? 'Metadata';
    let sentColumns = false;
    const encodeEvent = (type: string, obj: KubeObject): string => {
      let payload: unknown = withTypeMeta(info, obj);
      if (wantsTable) {
        const table = printTable(info, [obj], {
          nowMs: this.engine.epochMs + this.engine.now,
          includeObject,
          listMeta: { resourceVersion: obj.metadata?.resourceVersion },
        });
        // Column definitions only travel with the first event of a table watch, as upstream sends them.
        if (sentColumns) (table as { columnDefinitions?: unknown[] }).columnDefinitions = [];
        sentColumns = true;
        payload = table;
      }
      return JSON.stringify({ type, object: payload }) + '\n';
    };
    const rvParam = req.query.get('resourceVersion');
    const fromRevision = rvParam && rvParam !== '0' ? Number(rvParam) : undefined;
    const initial: string[] = [];
    if (fromRevision === undefined) {
      for (const o of cache.list(ri.namespace || undefined))
        if (filter.value(o)) initial.push(encodeEvent('ADDED', o));
    }
    const subscribers: Array<(chunk: string) => void> = [];
    const ends: Array<() => void> = [];
    const pending: string[] = [...initial];
    let unwatch: (() => void) | undefined;
    let closed = false;
    const push = (chunk: string) => {
      if (subscribers.length === 0) pending.push(chunk);
      for (const s of subscribers) s(chunk);
    };
    unwatch = cache.watch(
      {
        namespace: ri.namespace || undefined,
        filter: filter.value,
        deliver: (type, obj) => push(encodeEvent(type, obj)),
      },
      fromRevision,
    );
    if (!unwatch) {
      const gone = errors.gone(`too old resource version: ${rvParam} (${this.etcd.revision})`);
      pending.push(JSON.stringify({ type: 'ERROR', object: gone.status }) + '\n');
    }
    const timeoutSeconds = Number(req.query.get('timeoutSeconds') ?? '0');
    const stream: ResponseStream = {
      subscribe: (onChunk, onEnd) => {
        subscribers.push(onChunk);
        ends.push(onEnd);
        for (const chunk of pending.splice(0)) onChunk(chunk);
        if (!unwatch) stream.close();
      },
      close: () => {
        if (closed) return;
        closed = true;
        unwatch?.();
        unwatch = undefined;
        for (const e of ends) e();
      },
    };
    if (timeoutSeconds > 0)
      this.engine.schedule(timeoutSeconds * 1000, 'watch timeout', () => stream.close());
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: '',
      stream,
    };
  }

  private restLogs(
    req: HttpRequest,
    ri: RequestInfo,
    info: ResourceInfo,
    _user: UserInfo,
    from: ComponentId,
  ): HttpResponse {
    const pod = this.mustGet(info, ri.namespace, ri.name) as Pod;
    this.engine.hop({
      from,
      to: 'kube-apiserver',
      kind: 'http',
      summary: `GET pods/${ri.name}/log`,
      object: refOf(info, pod as KubeObject),
    });
    const container = req.query.get('container') ?? undefined;
    const containers = pod.spec?.containers ?? [];
    if (!container && containers.length > 1)
      throw errors.badRequest(
        `a container name must be specified for pod ${ri.name}, choose one of: [${containers.map((c) => c.name).join(' ')}]`,
      );
    const cname = container ?? containers[0]?.name;
    if (cname && ![...containers, ...(pod.spec?.initContainers ?? [])].some((c) => c.name === cname))
      throw errors.badRequest(`container ${cname} is not valid for pod ${ri.name}`);
    if (!pod.spec?.nodeName)
      throw errors.badRequest(
        `container "${cname}" in pod "${ri.name}" is waiting to start: ContainerCreating`,
      );
    const out = this.podLogs ? this.podLogs(pod, cname, req.query) : '';
    if (out instanceof ApiError) throw out;
    return { status: 200, headers: { 'content-type': 'text/plain' }, body: out };
  }
}

/** kubectl's typed clients (`create namespace|deployment|service|…`) send protobuf bodies. */
function decodeProtobuf(bytes: Uint8Array): KubeObject {
  const r = decodeProtobufBody(bytes);
  if (!r.ok) throw errors.badRequest(r.message);
  return r.object;
}

function decodeBody(body: string, contentType: string): KubeObject {
  const ct = contentType.split(';')[0].trim();
  try {
    const v: unknown = ct === 'application/yaml' ? parseYaml(body) : JSON.parse(body);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('expected an object');
    return v as KubeObject;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw errors.badRequest(`couldn't get version/kind; json parse error: ${msg}`);
  }
}

function withTypeMeta(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (obj.kind === info.kind && obj.apiVersion === apiVersionOf(info)) return obj;
  return { apiVersion: apiVersionOf(info), kind: info.kind, ...obj };
}

function stripTypeMeta(obj: KubeObject): KubeObject {
  const rest = { ...obj };
  delete rest.kind;
  delete rest.apiVersion;
  return rest;
}

function stripResourceVersion(obj: KubeObject): KubeObject {
  if (!obj.metadata?.resourceVersion) return obj;
  const metadata = { ...obj.metadata };
  delete metadata.resourceVersion;
  return { ...obj, metadata };
}

function namespaceFinalizers(obj: KubeObject): boolean {
  return (
    obj.kind === 'Namespace' &&
    ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length > 0
  );
}

function scaleOf(obj: KubeObject): KubeObject {
  const spec = obj.spec as
    { replicas?: number; selector?: { matchLabels?: Record<string, string> } } | undefined;
  const status = obj.status as { replicas?: number } | undefined;
  const selector = Object.entries(spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata?.name,
      namespace: obj.metadata?.namespace,
      uid: obj.metadata?.uid,
      resourceVersion: obj.metadata?.resourceVersion,
      creationTimestamp: obj.metadata?.creationTimestamp,
    },
    spec: { replicas: spec?.replicas ?? 0 },
    status: { replicas: status?.replicas ?? 0, selector },
  };
}

function refOf(
  info: ResourceInfo,
  obj: KubeObject | undefined,
  namespace?: string,
  name?: string,
): ObjectRef | undefined {
  const n = obj?.metadata?.name ?? name;
  if (!n) return undefined;
  const ns = obj?.metadata?.namespace ?? namespace;
  return info.namespaced && ns ? { kind: info.kind, namespace: ns, name: n } : { kind: info.kind, name: n };
}

function watchSummary(
  component: string,
  info: ResourceInfo,
  type: WatchEventType,
  obj: KubeObject,
  prev: KubeObject | undefined,
): string {
  const name = obj.metadata?.name ?? '';
  if (info.resource === 'pods') {
    const node = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
    if (component === 'kube-scheduler' && !node && type === 'ADDED') return `watch: pod unscheduled ${name}`;
    if (
      component.startsWith('kubelet@') &&
      node &&
      !(prev?.spec as { nodeName?: string } | undefined)?.nodeName
    )
      return `watch: pod ${name} bound here`;
  }
  return `watch: ${type} ${info.singular} ${name}`;
}

function nodeNameFromFieldSelector(info: ResourceInfo, fs: string): string | undefined {
  if (info.resource !== 'pods') return undefined;
  const m = /(?:^|,)spec\.nodeName==?([^,]+)(?:,|$)/.exec(fs);
  return m ? m[1] : undefined;
}

function encodeContinue(key: string): string {
  return btoa(JSON.stringify({ v: 'meta.k8s.io/v1', start: key }));
}

function decodeContinue(token: string): string | undefined {
  try {
    const v = JSON.parse(atob(token)) as { start?: string };
    return typeof v.start === 'string' ? v.start : undefined;
  } catch {
    return undefined;
  }
}
