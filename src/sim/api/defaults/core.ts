import { list, obj, opt, setDefault, type Obj } from './fields';

/**
 * SetDefaults_Namespace (the metadata.name label), the namespace strategy's `kubernetes`
 * finalizer on create, and SetDefaults_NamespaceStatus.
 */
export function defaultNamespace(ns: Obj): void {
  const meta = obj(ns, 'metadata');
  if (typeof meta.name === 'string' && meta.name)
    obj(meta, 'labels')['kubernetes.io/metadata.name'] = meta.name;
  const spec = obj(ns, 'spec');
  if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
  setDefault(obj(ns, 'status'), 'phase', 'Active');
}

/** SetDefaults_NodeStatus: allocatable falls back to capacity. */
export function defaultNode(node: Obj): void {
  const status = opt(node, 'status');
  if (status && opt(status, 'capacity') && !opt(status, 'allocatable'))
    status.allocatable = { ...opt(status, 'capacity') };
}

/** SetDefaults_Secret. */
export function defaultSecret(secret: Obj): void {
  setDefault(secret, 'type', 'Opaque');
}

/** SetDefaults_Endpoints: every port's protocol is TCP unless given. */
export function defaultEndpoints(ep: Obj): void {
  for (const ss of list(ep, 'subsets')) for (const p of list(ss, 'ports')) setDefault(p, 'protocol', 'TCP');
}

/** discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP. */
export function defaultEndpointSlice(es: Obj): void {
  for (const p of list(es, 'ports')) {
    if (p.name === undefined || p.name === null) p.name = '';
    setDefault(p, 'protocol', 'TCP');
  }
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** rbac/v1 SetDefaults_{Cluster,}RoleBinding and SetDefaults_Subject. */
export function defaultBinding(b: Obj): void {
  const ref = opt(b, 'roleRef');
  if (ref) setDefault(ref, 'apiGroup', RBAC_GROUP);
  for (const s of list(b, 'subjects')) {
    if (s.apiGroup !== undefined && s.apiGroup !== '') continue;
    if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = RBAC_GROUP;
    else if (s.kind === 'ServiceAccount') s.apiGroup = '';
  }
}
