/**
 * The resources this apiserver serves: what discovery lists, where each lives in etcd, and which
 * verbs and subresources it has. The same table drives routing, discovery, OpenAPI and kubectl's
 * short names, so adding a resource is one entry here (plus its validation and printer).
 */
export interface ResourceInfo {
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, as in the URL
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  /** etcd key prefix; objects live at `<prefix>/<ns>/<name>` or `<prefix>/<name>`. */
  etcdPrefix: string;
  subresources: string[];
}

const RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  etcdPrefix: string,
  extra: Partial<
    Pick<ResourceInfo, 'shortNames' | 'verbs' | 'categories' | 'subresources' | 'singular'>
  > = {},
): ResourceInfo {
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    etcdPrefix,
    singular: extra.singular ?? kind.toLowerCase(),
    shortNames: extra.shortNames ?? [],
    verbs: extra.verbs ?? RW,
    categories: extra.categories ?? [],
    subresources: extra.subresources ?? [],
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  r('', 'v1', 'bindings', 'Binding', true, '', { verbs: ['create'] }),
  r('', 'v1', 'configmaps', 'ConfigMap', true, '/registry/configmaps', { shortNames: ['cm'] }),
  r('', 'v1', 'endpoints', 'Endpoints', true, '/registry/services/endpoints', {
    shortNames: ['ep'],
    singular: 'endpoints',
  }),
  r('', 'v1', 'events', 'Event', true, '/registry/events', { shortNames: ['ev'] }),
  r('', 'v1', 'namespaces', 'Namespace', false, '/registry/namespaces', {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'finalize'],
  }),
  r('', 'v1', 'nodes', 'Node', false, '/registry/minions', {
    shortNames: ['no'],
    subresources: ['status', 'proxy'],
  }),
  r('', 'v1', 'pods', 'Pod', true, '/registry/pods', {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      'binding',
      'status',
      'log',
      'exec',
      'eviction',
      'ephemeralcontainers',
      'attach',
      'portforward',
      'proxy',
      'resize',
    ],
  }),
  r('', 'v1', 'secrets', 'Secret', true, '/registry/secrets'),
  r('', 'v1', 'serviceaccounts', 'ServiceAccount', true, '/registry/serviceaccounts', {
    shortNames: ['sa'],
    subresources: ['token'],
  }),
  r('', 'v1', 'services', 'Service', true, '/registry/services/specs', {
    shortNames: ['svc'],
    categories: ['all'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: ['status', 'proxy'],
  }),
  r('apps', 'v1', 'daemonsets', 'DaemonSet', true, '/registry/daemonsets', {
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  }),
  r('apps', 'v1', 'deployments', 'Deployment', true, '/registry/deployments', {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['scale', 'status'],
  }),
  r('apps', 'v1', 'replicasets', 'ReplicaSet', true, '/registry/replicasets', {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['scale', 'status'],
  }),
  r('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, '', {
    verbs: ['create'],
  }),
  r('authentication.k8s.io', 'v1', 'tokenreviews', 'TokenReview', false, '', { verbs: ['create'] }),
  r('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, '', {
    verbs: ['create'],
  }),
  r('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, '', {
    verbs: ['create'],
  }),
  r('authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false, '', {
    verbs: ['create'],
  }),
  r('coordination.k8s.io', 'v1', 'leases', 'Lease', true, '/registry/leases'),
  r('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true, '/registry/endpointslices'),
  r(
    'rbac.authorization.k8s.io',
    'v1',
    'clusterrolebindings',
    'ClusterRoleBinding',
    false,
    '/registry/clusterrolebindings',
  ),
  r('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false, '/registry/clusterroles'),
  r('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true, '/registry/rolebindings'),
  r('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true, '/registry/roles'),
];

/** Groups in the order discovery lists them (the core group first, as `/api`). */
export const GROUP_ORDER = [
  '',
  'apps',
  'authorization.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'rbac.authorization.k8s.io',
];

export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

const byGvr = new Map(RESOURCES.map((i) => [`${i.group}/${i.version}/${i.resource}`, i]));
const byKind = new Map<string, ResourceInfo>();
for (const i of RESOURCES)
  if (!byKind.has(`${apiVersionOf(i)}/${i.kind}`)) byKind.set(`${apiVersionOf(i)}/${i.kind}`, i);

export function lookupResource(group: string, version: string, resource: string): ResourceInfo | undefined {
  return byGvr.get(`${group}/${version}/${resource}`);
}

export function lookupKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  return byKind.get(`${apiVersion}/${kind}`);
}
