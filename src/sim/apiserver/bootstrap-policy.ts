import type { ClusterRole, ClusterRoleBinding, PolicyRule } from 'kubernetes-types/rbac/v1';

/**
 * The bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy), trimmed to the
 * roles a learner meets. The control-plane roles are broader than upstream's fine-grained ones.
 */
const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const VIEW_RULES: PolicyRule[] = [
  {
    apiGroups: [''],
    resources: [
      'configmaps',
      'endpoints',
      'persistentvolumeclaims',
      'pods',
      'pods/log',
      'pods/status',
      'replicationcontrollers',
      'services',
      'services/status',
      'serviceaccounts',
      'events',
      'limitranges',
      'resourcequotas',
      'bindings',
    ],
    verbs: READ,
  },
  { apiGroups: [''], resources: ['namespaces', 'namespaces/status'], verbs: READ },
  {
    apiGroups: ['apps'],
    resources: [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
    ],
    verbs: READ,
  },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
];

const EDIT_RULES: PolicyRule[] = [
  {
    apiGroups: [''],
    resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'],
    verbs: READ,
  },
  {
    apiGroups: [''],
    resources: [
      'pods',
      'pods/attach',
      'pods/exec',
      'pods/portforward',
      'pods/proxy',
      'pods/eviction',
      'configmaps',
      'endpoints',
      'events',
      'secrets',
      'services',
      'services/proxy',
      'serviceaccounts',
      'serviceaccounts/token',
    ],
    verbs: WRITE,
  },
  {
    apiGroups: ['apps'],
    resources: [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
    ],
    verbs: WRITE,
  },
  ...VIEW_RULES,
];

function role(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): ClusterRole {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', ...labels },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    rules,
  };
}

function binding(
  name: string,
  roleName: string,
  subjects: ClusterRoleBinding['subjects'],
): ClusterRoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: {
      name,
      labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
    subjects,
  };
}

const ALL: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

export const BOOTSTRAP_CLUSTER_ROLES: ClusterRole[] = [
  role('cluster-admin', ALL),
  role(
    'admin',
    [
      ...EDIT_RULES,
      {
        apiGroups: ['rbac.authorization.k8s.io'],
        resources: ['rolebindings', 'roles'],
        verbs: [...READ, ...WRITE],
      },
    ],
    { 'kubernetes.io/bootstrapping': 'rbac-defaults' },
  ),
  role('edit', EDIT_RULES),
  role('view', VIEW_RULES),
  role('system:discovery', [
    {
      nonResourceURLs: [
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
        '/healthz',
        '/livez',
        '/openapi',
        '/openapi/*',
        '/readyz',
        '/version',
        '/version/',
      ],
      verbs: ['get'],
    },
  ]),
  role('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
  ]),
  role('system:public-info-viewer', [
    { nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] },
  ]),
  role('system:kube-scheduler', ALL),
  role('system:kube-controller-manager', ALL),
  role('system:node', ALL),
  role('system:node-proxier', [
    { apiGroups: [''], resources: ['endpoints', 'services', 'nodes'], verbs: READ },
    { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
    { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] },
  ]),
];

export const BOOTSTRAP_CLUSTER_ROLE_BINDINGS: ClusterRoleBinding[] = [
  binding('cluster-admin', 'cluster-admin', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' },
  ]),
  binding('system:discovery', 'system:discovery', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' },
  ]),
  binding('system:basic-user', 'system:basic-user', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' },
  ]),
  binding('system:public-info-viewer', 'system:public-info-viewer', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' },
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:unauthenticated' },
  ]),
  binding('system:kube-scheduler', 'system:kube-scheduler', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:kube-scheduler' },
  ]),
  binding('system:kube-controller-manager', 'system:kube-controller-manager', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:kube-controller-manager' },
  ]),
  binding('system:node', 'system:node', [
    { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:nodes' },
  ]),
  binding('kubeadm:node-proxier', 'system:node-proxier', [
    { kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' },
  ]),
];
