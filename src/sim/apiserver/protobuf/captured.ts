import type { JsonObject } from '../../api/object';

/**
 * Request bodies the real kubectl v1.32 sent to KubeSim, captured on the wire, with the JSON each
 * must decode to. For every `create` generator that JSON is exactly what
 * `kubectl create … --dry-run=client -o json` prints for the same flags; `create token` and
 * `auth can-i|whoami` have no dry run, so theirs follows the Go json tags of the types.
 */
export interface CapturedBody {
  command: string;
  /** The body, `k8s\0` magic included. */
  base64: string;
  json: JsonObject;
}

export const CAPTURED: CapturedBody[] = [
  {
    command: 'kubectl create namespace foo',
    base64: 'azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhsKEwoDZm9vEgAaACIAKgAyADgAQgASABoCCgAaACIA',
    json: {
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'foo', creationTimestamp: null },
      spec: {},
      status: {},
    },
  },
  {
    command: 'kubectl create token default',
    base64:
      'azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIaChAKABIAGgAiACoAMgA4AEIAEgAaBAoAEgAaACIA',
    json: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { audiences: null },
      status: { token: '', expirationTimestamp: null },
    },
  },
  {
    command:
      'kubectl create token default --duration=1h --audience=a --audience=b --bound-object-kind=Pod --bound-object-name=x --bound-object-uid=u1',
    base64:
      'azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBI1ChAKABIAGgAiACoAMgA4AEIAEhsKAWEKAWIaEAoDUG9kEgJ2MRoBeCICdTEgkBwaBAoAEgAaACIA',
    json: {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: {
        audiences: ['a', 'b'],
        expirationSeconds: 3600,
        boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'x', uid: 'u1' },
      },
      status: { token: '', expirationTimestamp: null },
    },
  },
  {
    command: 'kubectl create deployment web --image=nginx --replicas=3',
    base64:
      'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EqsBCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEnoIAxIMCgoKA2FwcBIDd2ViGmAKHAoAEgAaACIAKgAyADgAQgBaCgoDYXBwEgN3ZWISQBIiCgVuZ2lueBIFbmdpbngqAEIAagByAIABAIgBAJABAKIBABoAMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAiAgoAKAA4ABoMCAAQABgAIAAoADgAGgAiAA==',
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'kubectl create deployment web2 --image=nginx --image=busybox --port=8080',
    base64:
      'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EuYBCiEKBHdlYjISABoAIgAqADIAOABCAFoLCgNhcHASBHdlYjISsgEIARINCgsKA2FwcBIEd2ViMhqWAQodCgASABoAIgAqADIAOABCAFoLCgNhcHASBHdlYjISdRIvCgVuZ2lueBIFbmdpbngqADILCgAQABiQPyIAKgBCAGoAcgCAAQCIAQCQAQCiAQASJgoHYnVzeWJveBIHYnVzeWJveCoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA',
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web2', creationTimestamp: null, labels: { app: 'web2' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web2' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web2' } },
          spec: {
            containers: [
              { name: 'nginx', image: 'nginx', ports: [{ containerPort: 8080 }], resources: {} },
              { name: 'busybox', image: 'busybox', resources: {} },
            ],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'kubectl create deployment web4 --image=busybox -- sleep 10',
    base64:
      'azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50Er8BCiEKBHdlYjQSABoAIgAqADIAOABCAFoLCgNhcHASBHdlYjQSiwEIARINCgsKA2FwcBIEd2ViNBpwCh0KABIAGgAiACoAMgA4AEIAWgsKA2FwcBIEd2ViNBJPEjEKB2J1c3lib3gSB2J1c3lib3gaBXNsZWVwGgIxMCoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAaACIA',
    json: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web4', creationTimestamp: null, labels: { app: 'web4' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web4' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web4' } },
          spec: {
            containers: [{ name: 'busybox', image: 'busybox', command: ['sleep', '10'], resources: {} }],
          },
        },
        strategy: {},
      },
      status: {},
    },
  },
  {
    command: 'kubectl create service clusterip web --tcp=80:80',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJmCh8KA3dlYhIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViEj8KGAoFODAtODASA1RDUBhQIgYIABBQGgAoABIKCgNhcHASA3dlYhoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        ports: [{ name: '80-80', protocol: 'TCP', port: 80, targetPort: 80 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'kubectl create service nodeport np --tcp=80:8080 --node-port=30080',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJnCh0KAm5wEgAaACIAKgAyADgAQgBaCQoDYXBwEgJucBJCCh0KBzgwLTgwODASA1RDUBhQIgcIABCQPxoAKIDrARIJCgNhcHASAm5wGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'np', creationTimestamp: null, labels: { app: 'np' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
        selector: { app: 'np' },
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'kubectl create service loadbalancer lb --tcp=5678:8080',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJsCh0KAmxiEgAaACIAKgAyADgAQgBaCQoDYXBwEgJsYhJHCh4KCTU2NzgtODA4MBIDVENQGK4sIgcIABCQPxoAKAASCQoDYXBwEgJsYhoAIgxMb2FkQmFsYW5jZXI6AEIAUgBaAGAAaAAaAgoAGgAiAA==',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'lb', creationTimestamp: null, labels: { app: 'lb' } },
      spec: {
        ports: [{ name: '5678-8080', protocol: 'TCP', port: 5678, targetPort: 8080 }],
        selector: { app: 'lb' },
        type: 'LoadBalancer',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'kubectl create service externalname ext --external-name=example.com',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJaCh8KA2V4dBIAGgAiACoAMgA4AEIAWgoKA2FwcBIDZXh0EjMSCgoDYXBwEgNleHQaACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'ext', creationTimestamp: null, labels: { app: 'ext' } },
      spec: { selector: { app: 'ext' }, type: 'ExternalName', externalName: 'example.com' },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'kubectl create service clusterip hl --clusterip=None',
    base64:
      'azhzAAoNCgJ2MRIHU2VydmljZRJNCh0KAmhsEgAaACIAKgAyADgAQgBaCQoDYXBwEgJobBIoEgkKA2FwcBICaGwaBE5vbmUiCUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA',
    json: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'hl', creationTimestamp: null, labels: { app: 'hl' } },
      spec: { selector: { app: 'hl' }, clusterIP: 'None', type: 'ClusterIP' },
      status: { loadBalancer: {} },
    },
  },
  {
    command: 'kubectl create configmap c --from-literal=a=b --from-literal=x=y',
    base64: 'azhzAAoPCgJ2MRIJQ29uZmlnTWFwEiMKEQoBYxIAGgAiACoAMgA4AEIAEgYKAWESAWISBgoBeBIBeRoAIgA=',
    json: {
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'c', creationTimestamp: null },
      data: { a: 'b', x: 'y' },
    },
  },
  {
    command: 'kubectl create secret generic s --from-literal=a=b --type=Opaque',
    base64: 'azhzAAoMCgJ2MRIGU2VjcmV0EiMKEQoBcxIAGgAiACoAMgA4AEIAEgYKAWESAWIaBk9wYXF1ZRoAIgA=',
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 's', creationTimestamp: null },
      data: { a: 'Yg==' },
      type: 'Opaque',
    },
  },
  {
    command:
      'kubectl create secret docker-registry reg --docker-server=r --docker-username=u --docker-password=p',
    base64:
      'azhzAAoMCgJ2MRIGU2VjcmV0EokBChMKA3JlZxIAGgAiACoAMgA4AEIAElIKES5kb2NrZXJjb25maWdqc29uEj17ImF1dGhzIjp7InIiOnsidXNlcm5hbWUiOiJ1IiwicGFzc3dvcmQiOiJwIiwiYXV0aCI6ImRUcHcifX19Gh5rdWJlcm5ldGVzLmlvL2RvY2tlcmNvbmZpZ2pzb24aACIA',
    json: {
      kind: 'Secret',
      apiVersion: 'v1',
      metadata: { name: 'reg', creationTimestamp: null },
      data: {
        '.dockerconfigjson':
          'eyJhdXRocyI6eyJyIjp7InVzZXJuYW1lIjoidSIsInBhc3N3b3JkIjoicCIsImF1dGgiOiJkVHB3In19fQ==',
      },
      type: 'kubernetes.io/dockerconfigjson',
    },
  },
  {
    command: 'kubectl create role r --verb=get,list --resource=pods,deployments.apps --resource-name=x',
    base64:
      'azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEk4KEQoBchIAGgAiACoAMgA4AEIAEhYKA2dldAoEbGlzdBIAGgRwb2RzIgF4EiEKA2dldAoEbGlzdBIEYXBwcxoLZGVwbG95bWVudHMiAXgaACIA',
    json: {
      kind: 'Role',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'r', creationTimestamp: null },
      rules: [
        { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'], resourceNames: ['x'] },
        { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['x'] },
      ],
    },
  },
  {
    command: "kubectl create clusterrole cr --verb=get '--non-resource-url=/logs/*'",
    base64:
      'azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIkChIKAmNyEgAaACIAKgAyADgAQgASDgoDZ2V0KgcvbG9ncy8qGgAiAA==',
    json: {
      kind: 'ClusterRole',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'cr', creationTimestamp: null },
      rules: [{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }],
    },
  },
  {
    command: 'kubectl create clusterrole cr2 --aggregation-rule=a=b',
    base64:
      'azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIhChMKA2NyMhIAGgAiACoAMgA4AEIAGgoKCAoGCgFhEgFiGgAiAA==',
    json: {
      kind: 'ClusterRole',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'cr2', creationTimestamp: null },
      rules: null,
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'b' } }] },
    },
  },
  {
    command: 'kubectl create rolebinding rb --role=r --user=u --group=g --serviceaccount=default:default',
    base64:
      'azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxKxAQoSCgJyYhIAGgAiACoAMgA4AEIAEiYKBFVzZXISGXJiYWMuYXV0aG9yaXphdGlvbi5rOHMuaW8aAXUiABInCgVHcm91cBIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoBZyIAEiQKDlNlcnZpY2VBY2NvdW50EgAaB2RlZmF1bHQiB2RlZmF1bHQaJAoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIEUm9sZRoBchoAIgA=',
    json: {
      kind: 'RoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'rb', creationTimestamp: null },
      subjects: [
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'g' },
        { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
      ],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    },
  },
  {
    command: 'kubectl create clusterrolebinding crb --clusterrole=cr --user=u',
    base64:
      'azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSawoTCgNjcmISABoAIgAqADIAOABCABImCgRVc2VyEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgF1IgAaLAoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxILQ2x1c3RlclJvbGUaAmNyGgAiAA==',
    json: {
      kind: 'ClusterRoleBinding',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      metadata: { name: 'crb', creationTimestamp: null },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' },
    },
  },
  {
    command: 'kubectl create serviceaccount sa1',
    base64: 'azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSFQoTCgNzYTESABoAIgAqADIAOABCABoAIgA=',
    json: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'sa1', creationTimestamp: null } },
  },
  {
    command: 'kubectl auth can-i list pods',
    base64:
      'azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSPQoQCgASABoAIgAqADIAOABCABIfCh0KB2RlZmF1bHQSBGxpc3QaACIAKgRwb2RzMgA6ABoICAASABoAIAAaACIA',
    json: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { resourceAttributes: { namespace: 'default', verb: 'list', resource: 'pods' } },
      status: { allowed: false },
    },
  },
  {
    command: 'kubectl auth can-i delete deployments.apps/web -n foo',
    base64:
      'azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSSQoQCgASABoAIgAqADIAOABCABIrCikKA2ZvbxIGZGVsZXRlGgRhcHBzIgAqC2RlcGxveW1lbnRzMgA6A3dlYhoICAASABoAIAAaACIA',
    json: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: {
        resourceAttributes: {
          namespace: 'foo',
          verb: 'delete',
          group: 'apps',
          resource: 'deployments',
          name: 'web',
        },
      },
      status: { allowed: false },
    },
  },
  {
    command: 'kubectl auth can-i get /logs',
    base64:
      'azhzAAoyChdhdXRob3JpemF0aW9uLms4cy5pby92MRIXU2VsZlN1YmplY3RBY2Nlc3NSZXZpZXcSLAoQCgASABoAIgAqADIAOABCABIOEgwKBS9sb2dzEgNnZXQaCAgAEgAaACAAGgAiAA==',
    json: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { nonResourceAttributes: { path: '/logs', verb: 'get' } },
      status: { allowed: false },
    },
  },
  {
    command: 'kubectl auth can-i --list -n default',
    base64:
      'azhzAAoxChdhdXRob3JpemF0aW9uLms4cy5pby92MRIWU2VsZlN1YmplY3RSdWxlc1JldmlldxIjChAKABIAGgAiACoAMgA4AEIAEgkKB2RlZmF1bHQaBBgAIgAaACIA',
    json: {
      kind: 'SelfSubjectRulesReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec: { namespace: 'default' },
      status: { resourceRules: null, nonResourceRules: null, incomplete: false },
    },
  },
  {
    command: 'kubectl auth whoami',
    base64:
      'azhzAAotChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESEVNlbGZTdWJqZWN0UmV2aWV3EhoKEAoAEgAaACIAKgAyADgAQgASBgoECgASABoAIgA=',
    json: {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: {} },
    },
  },
];
