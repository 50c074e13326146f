import type { FieldMeta, TypeSchema } from './meta';

/**
 * The `patchStrategy` / `patchMergeKey` tags of the v1.32 API types KubeSim serves, transcribed
 * from k8s.io/api {core,apps,batch,…}/v1/types.go and apimachinery's ObjectMeta. Only fields
 * that carry a tag, or lead to one, are listed: every other field merges (objects) or replaces
 * (lists) by default, exactly as an untagged Go field does. Notable untagged lists, which a
 * strategic merge patch therefore replaces wholesale: tolerations, node taints, envFrom,
 * readinessGates, containerStatuses, Service externalIPs, Endpoints subsets, RBAC rules/subjects.
 */

const merge = (mergeKey: string, schema?: TypeSchema): FieldMeta => ({
  strategies: ['merge'],
  mergeKey,
  schema,
});
const mergeRetain = (mergeKey: string, schema?: TypeSchema): FieldMeta => ({
  strategies: ['merge', 'retainKeys'],
  mergeKey,
  schema,
});
/** A list of scalars with `patchStrategy:"merge"`: a set, added to and deleted from item by item. */
const mergeSet: FieldMeta = { strategies: ['merge'] };
const nested = (schema: TypeSchema): FieldMeta => ({ schema });

export const OBJECT_META: TypeSchema = {
  fields: {
    finalizers: mergeSet,
    ownerReferences: merge('uid'),
  },
};

const CONTAINER: TypeSchema = {
  fields: {
    ports: merge('containerPort'),
    env: merge('name'),
    volumeMounts: merge('mountPath'),
    volumeDevices: merge('devicePath'),
  },
};

const POD_SPEC: TypeSchema = {
  fields: {
    volumes: mergeRetain('name'),
    initContainers: merge('name', CONTAINER),
    containers: merge('name', CONTAINER),
    ephemeralContainers: merge('name', CONTAINER),
    imagePullSecrets: merge('name'),
    hostAliases: merge('ip'),
    topologySpreadConstraints: merge('topologyKey'),
    schedulingGates: merge('name'),
    resourceClaims: mergeRetain('name'),
  },
};

/** Conditions everywhere merge by `type` (PodCondition, NodeCondition, metav1.Condition, …). */
const CONDITIONS = merge('type');

const POD_STATUS: TypeSchema = {
  fields: {
    conditions: CONDITIONS,
    podIPs: merge('ip'),
    hostIPs: merge('ip'),
    resourceClaimStatuses: mergeRetain('name'),
  },
};

const POD_TEMPLATE_SPEC: TypeSchema = {
  fields: { metadata: nested(OBJECT_META), spec: nested(POD_SPEC) },
};

const CONDITIONS_STATUS: TypeSchema = { fields: { conditions: CONDITIONS } };

/** What every kind shares: metadata. */
function kind(fields: { [k: string]: FieldMeta } = {}): TypeSchema {
  return { fields: { metadata: nested(OBJECT_META), ...fields } };
}

const DEPLOYMENT_SPEC: TypeSchema = {
  fields: {
    template: nested(POD_TEMPLATE_SPEC),
    // DeploymentStrategy is a union: switching type to Recreate must clear rollingUpdate.
    strategy: { strategies: ['retainKeys'] },
  },
};

const WORKLOAD_SPEC: TypeSchema = { fields: { template: nested(POD_TEMPLATE_SPEC) } };

const JOB_SPEC: TypeSchema = { fields: { template: nested(POD_TEMPLATE_SPEC) } };

export const KIND_SCHEMAS: { readonly [kind: string]: TypeSchema } = {
  Pod: kind({ spec: nested(POD_SPEC), status: nested(POD_STATUS) }),
  PodTemplate: kind({ template: nested(POD_TEMPLATE_SPEC) }),
  ReplicationController: kind({ spec: nested(WORKLOAD_SPEC), status: nested(CONDITIONS_STATUS) }),
  Deployment: kind({ spec: nested(DEPLOYMENT_SPEC), status: nested(CONDITIONS_STATUS) }),
  ReplicaSet: kind({ spec: nested(WORKLOAD_SPEC), status: nested(CONDITIONS_STATUS) }),
  DaemonSet: kind({ spec: nested(WORKLOAD_SPEC), status: nested(CONDITIONS_STATUS) }),
  StatefulSet: kind({ spec: nested(WORKLOAD_SPEC), status: nested(CONDITIONS_STATUS) }),
  Job: kind({ spec: nested(JOB_SPEC), status: nested(CONDITIONS_STATUS) }),
  CronJob: kind({
    spec: nested({
      fields: { jobTemplate: nested({ fields: { metadata: nested(OBJECT_META), spec: nested(JOB_SPEC) } }) },
    }),
  }),
  Service: kind({
    spec: nested({ fields: { ports: merge('port') } }),
    status: nested(CONDITIONS_STATUS),
  }),
  Node: kind({
    spec: nested({ fields: { podCIDRs: mergeSet } }),
    status: nested({ fields: { conditions: CONDITIONS, addresses: merge('type') } }),
  }),
  Namespace: kind({ status: nested(CONDITIONS_STATUS) }),
  ServiceAccount: kind({ secrets: merge('name') }),
  ConfigMap: kind(),
  Secret: kind(),
  Endpoints: kind(),
  EndpointSlice: kind(),
  Event: kind(),
  Lease: kind(),
  Binding: kind(),
  Role: kind(),
  ClusterRole: kind(),
  RoleBinding: kind(),
  ClusterRoleBinding: kind(),
  SubjectAccessReview: kind(),
  SelfSubjectAccessReview: kind(),
  PersistentVolumeClaim: kind({ status: nested(CONDITIONS_STATUS) }),
  PersistentVolume: kind(),
  LimitRange: kind(),
  ResourceQuota: kind(),
  HorizontalPodAutoscaler: kind({ status: nested(CONDITIONS_STATUS) }),
  PodDisruptionBudget: kind({ status: nested(CONDITIONS_STATUS) }),
  Ingress: kind(),
  NetworkPolicy: kind(),
};

/** Built-in kinds take strategic merge patches; anything else is treated as a custom resource. */
export function schemaForKind(kindName: string): TypeSchema | undefined {
  return KIND_SCHEMAS[kindName];
}
