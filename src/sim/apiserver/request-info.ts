import { lookupResource, type ResourceInfo } from './resources';

/** What a request is about, as apiserver's `RequestInfoFactory` derives it from the path. */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  /** get, list, watch, create, update, patch, delete, deletecollection (Kubernetes verbs, not HTTP). */
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  info?: ResourceInfo;
}

/**
 * `/api/v1/namespaces/default/pods/web/status` → pods, status, default, web.
 * `info` is undefined when the path names no served resource.
 */
export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '');
  const base: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    group: '',
    version: '',
    resource: '',
    subresource: '',
    namespace: '',
    name: '',
  };
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    base.version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    base.group = parts[1];
    base.version = parts[2];
    rest = parts.slice(3);
  } else return base;
  if (rest.length === 0) return base;
  base.isResourceRequest = true;
  if (rest[0] === 'namespaces') {
    if (rest.length >= 3) {
      base.namespace = rest[1];
      rest = rest.slice(2);
    } else {
      base.resource = 'namespaces';
      base.name = rest[1] ?? '';
      rest = [];
    }
  }
  if (rest.length > 0) {
    base.resource = rest[0];
    base.name = rest[1] ?? '';
    base.subresource = rest.slice(2).join('/');
  }
  // `/api/v1/namespaces/<ns>/status|finalize` comes out as namespace=<ns>, resource=status: fix up.
  if (base.namespace && (base.resource === 'status' || base.resource === 'finalize') && !base.name) {
    base.subresource = base.resource;
    base.resource = 'namespaces';
    base.name = base.namespace;
    base.namespace = '';
  }
  base.info = lookupResource(base.group, base.version, base.resource);
  const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method.toUpperCase()) {
    case 'POST':
      base.verb = 'create';
      break;
    case 'GET':
    case 'HEAD':
      base.verb = base.name ? (isWatch ? 'watch' : 'get') : isWatch ? 'watch' : 'list';
      break;
    case 'PUT':
      base.verb = 'update';
      break;
    case 'PATCH':
      base.verb = 'patch';
      break;
    case 'DELETE':
      base.verb = base.name ? 'delete' : 'deletecollection';
      break;
  }
  return base;
}
