import { Condition, ObjectMeta } from './meta';
import { ALWAYS, INLINE, MAP, msg, NULLABLE, PTR, REPEATED } from './schema';

/**
 * core/v1 messages, as far as kubectl's generators (`create namespace|configmap|secret|service|
 * serviceaccount|deployment`) and ordinary pod templates fill them. Volumes, affinity, DNS config
 * and topology spread constraints are not described: kubectl never sends them as protobuf
 * (`create -f` and `run` speak JSON), and unknown fields are skipped rather than refused.
 */

export const LocalObjectReference = msg('LocalObjectReference', [[1, 'name', 'string']]);

export const ObjectReference = msg('ObjectReference', [
  [1, 'kind', 'string'],
  [2, 'namespace', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
  [5, 'apiVersion', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'fieldPath', 'string'],
]);

// ---- Namespace

export const NamespaceSpec = msg('NamespaceSpec', [[1, 'finalizers', 'string', REPEATED]]);
export const NamespaceStatus = msg('NamespaceStatus', [[1, 'phase', 'string']]);
export const Namespace = msg('Namespace', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => NamespaceSpec],
  [3, 'status', () => NamespaceStatus],
]);

// ---- ConfigMap, Secret, ServiceAccount

export const ConfigMap = msg('ConfigMap', [
  [1, 'metadata', () => ObjectMeta],
  [4, 'immutable', 'bool', PTR],
  [2, 'data', 'string', MAP],
  [3, 'binaryData', 'bytes', MAP],
]);

export const Secret = msg('Secret', [
  [1, 'metadata', () => ObjectMeta],
  [5, 'immutable', 'bool', PTR],
  [2, 'data', 'bytes', MAP],
  [4, 'stringData', 'string', MAP],
  [3, 'type', 'string'],
]);

export const ServiceAccount = msg('ServiceAccount', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'secrets', () => ObjectReference, REPEATED],
  [3, 'imagePullSecrets', () => LocalObjectReference, REPEATED],
  [4, 'automountServiceAccountToken', 'bool', PTR],
]);

// ---- Service

export const ServicePort = msg('ServicePort', [
  [1, 'name', 'string'],
  [2, 'protocol', 'string'],
  [6, 'appProtocol', 'string', PTR],
  [3, 'port', 'int32', ALWAYS],
  // IntOrString is a struct: omitempty never drops it, so a zero target port is written as 0.
  [4, 'targetPort', 'intstr', ALWAYS],
  [5, 'nodePort', 'int32'],
]);

export const ClientIPConfig = msg('ClientIPConfig', [[1, 'timeoutSeconds', 'int32', PTR]]);
export const SessionAffinityConfig = msg('SessionAffinityConfig', [
  [1, 'clientIP', () => ClientIPConfig, PTR],
]);

export const ServiceSpec = msg('ServiceSpec', [
  [1, 'ports', () => ServicePort, REPEATED],
  [2, 'selector', 'string', MAP],
  [3, 'clusterIP', 'string'],
  [18, 'clusterIPs', 'string', REPEATED],
  [4, 'type', 'string'],
  [5, 'externalIPs', 'string', REPEATED],
  [7, 'sessionAffinity', 'string'],
  [8, 'loadBalancerIP', 'string'],
  [9, 'loadBalancerSourceRanges', 'string', REPEATED],
  [10, 'externalName', 'string'],
  [11, 'externalTrafficPolicy', 'string'],
  [12, 'healthCheckNodePort', 'int32'],
  [13, 'publishNotReadyAddresses', 'bool'],
  [14, 'sessionAffinityConfig', () => SessionAffinityConfig, PTR],
  [19, 'ipFamilies', 'string', REPEATED],
  [17, 'ipFamilyPolicy', 'string', PTR],
  [20, 'allocateLoadBalancerNodePorts', 'bool', PTR],
  [21, 'loadBalancerClass', 'string', PTR],
  [22, 'internalTrafficPolicy', 'string', PTR],
  [23, 'trafficDistribution', 'string', PTR],
]);

export const LoadBalancerIngress = msg('LoadBalancerIngress', [
  [1, 'ip', 'string'],
  [2, 'hostname', 'string'],
  [3, 'ipMode', 'string', PTR],
]);
export const LoadBalancerStatus = msg('LoadBalancerStatus', [
  [1, 'ingress', () => LoadBalancerIngress, REPEATED],
]);
export const ServiceStatus = msg('ServiceStatus', [
  [1, 'loadBalancer', () => LoadBalancerStatus],
  [2, 'conditions', () => Condition, REPEATED],
]);

export const Service = msg('Service', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => ServiceSpec],
  [3, 'status', () => ServiceStatus],
]);

// ---- Containers

export const ContainerPort = msg('ContainerPort', [
  [1, 'name', 'string'],
  [2, 'hostPort', 'int32'],
  [3, 'containerPort', 'int32', ALWAYS],
  [4, 'protocol', 'string'],
  [5, 'hostIP', 'string'],
]);

export const ObjectFieldSelector = msg('ObjectFieldSelector', [
  [1, 'apiVersion', 'string'],
  [2, 'fieldPath', 'string', ALWAYS],
]);

export const ResourceFieldSelector = msg('ResourceFieldSelector', [
  [1, 'containerName', 'string'],
  [2, 'resource', 'string', ALWAYS],
  // A Quantity struct: written even when zero, as "0".
  [3, 'divisor', 'quantity', ALWAYS],
]);

export const ConfigMapKeySelector = msg('ConfigMapKeySelector', [
  [1, 'localObjectReference', () => LocalObjectReference, INLINE],
  [2, 'key', 'string', ALWAYS],
  [3, 'optional', 'bool', PTR],
]);

export const SecretKeySelector = msg('SecretKeySelector', [
  [1, 'localObjectReference', () => LocalObjectReference, INLINE],
  [2, 'key', 'string', ALWAYS],
  [3, 'optional', 'bool', PTR],
]);

export const EnvVarSource = msg('EnvVarSource', [
  [1, 'fieldRef', () => ObjectFieldSelector, PTR],
  [2, 'resourceFieldRef', () => ResourceFieldSelector, PTR],
  [3, 'configMapKeyRef', () => ConfigMapKeySelector, PTR],
  [4, 'secretKeyRef', () => SecretKeySelector, PTR],
]);

export const EnvVar = msg('EnvVar', [
  [1, 'name', 'string', ALWAYS],
  [2, 'value', 'string'],
  [3, 'valueFrom', () => EnvVarSource, PTR],
]);

export const ConfigMapEnvSource = msg('ConfigMapEnvSource', [
  [1, 'localObjectReference', () => LocalObjectReference, INLINE],
  [2, 'optional', 'bool', PTR],
]);

export const SecretEnvSource = msg('SecretEnvSource', [
  [1, 'localObjectReference', () => LocalObjectReference, INLINE],
  [2, 'optional', 'bool', PTR],
]);

export const EnvFromSource = msg('EnvFromSource', [
  [1, 'prefix', 'string'],
  [2, 'configMapRef', () => ConfigMapEnvSource, PTR],
  [3, 'secretRef', () => SecretEnvSource, PTR],
]);

export const ResourceClaim = msg('ResourceClaim', [
  [1, 'name', 'string', ALWAYS],
  [2, 'request', 'string'],
]);

export const ResourceRequirements = msg('ResourceRequirements', [
  [1, 'limits', 'quantity', MAP],
  [2, 'requests', 'quantity', MAP],
  [3, 'claims', () => ResourceClaim, REPEATED],
]);

export const ContainerResizePolicy = msg('ContainerResizePolicy', [
  [1, 'resourceName', 'string', ALWAYS],
  [2, 'restartPolicy', 'string', ALWAYS],
]);

export const VolumeMount = msg('VolumeMount', [
  [1, 'name', 'string', ALWAYS],
  [2, 'readOnly', 'bool'],
  [7, 'recursiveReadOnly', 'string', PTR],
  [3, 'mountPath', 'string', ALWAYS],
  [4, 'subPath', 'string'],
  [5, 'mountPropagation', 'string', PTR],
  [6, 'subPathExpr', 'string'],
]);

export const VolumeDevice = msg('VolumeDevice', [
  [1, 'name', 'string', ALWAYS],
  [2, 'devicePath', 'string', ALWAYS],
]);

export const ExecAction = msg('ExecAction', [[1, 'command', 'string', REPEATED]]);

export const HTTPHeader = msg('HTTPHeader', [
  [1, 'name', 'string', ALWAYS],
  [2, 'value', 'string', ALWAYS],
]);

export const HTTPGetAction = msg('HTTPGetAction', [
  [1, 'path', 'string'],
  [2, 'port', 'intstr', ALWAYS],
  [3, 'host', 'string'],
  [4, 'scheme', 'string'],
  [5, 'httpHeaders', () => HTTPHeader, REPEATED],
]);

export const TCPSocketAction = msg('TCPSocketAction', [
  [1, 'port', 'intstr', ALWAYS],
  [2, 'host', 'string'],
]);

export const GRPCAction = msg('GRPCAction', [
  [1, 'port', 'int32', ALWAYS],
  [2, 'service', 'string', NULLABLE],
]);

export const SleepAction = msg('SleepAction', [[1, 'seconds', 'int64', ALWAYS]]);

export const ProbeHandler = msg('ProbeHandler', [
  [1, 'exec', () => ExecAction, PTR],
  [2, 'httpGet', () => HTTPGetAction, PTR],
  [3, 'tcpSocket', () => TCPSocketAction, PTR],
  [4, 'grpc', () => GRPCAction, PTR],
]);

export const Probe = msg('Probe', [
  [1, 'handler', () => ProbeHandler, INLINE],
  [2, 'initialDelaySeconds', 'int32'],
  [3, 'timeoutSeconds', 'int32'],
  [4, 'periodSeconds', 'int32'],
  [5, 'successThreshold', 'int32'],
  [6, 'failureThreshold', 'int32'],
  [7, 'terminationGracePeriodSeconds', 'int64', PTR],
]);

export const LifecycleHandler = msg('LifecycleHandler', [
  [1, 'exec', () => ExecAction, PTR],
  [2, 'httpGet', () => HTTPGetAction, PTR],
  [3, 'tcpSocket', () => TCPSocketAction, PTR],
  [4, 'sleep', () => SleepAction, PTR],
]);

export const Lifecycle = msg('Lifecycle', [
  [1, 'postStart', () => LifecycleHandler, PTR],
  [2, 'preStop', () => LifecycleHandler, PTR],
  [3, 'stopSignal', 'string', PTR],
]);

export const Capabilities = msg('Capabilities', [
  [1, 'add', 'string', REPEATED],
  [2, 'drop', 'string', REPEATED],
]);

export const SeccompProfile = msg('SeccompProfile', [
  [1, 'type', 'string', ALWAYS],
  [2, 'localhostProfile', 'string', PTR],
]);

export const SecurityContext = msg('SecurityContext', [
  [1, 'capabilities', () => Capabilities, PTR],
  [2, 'privileged', 'bool', PTR],
  [4, 'runAsUser', 'int64', PTR],
  [8, 'runAsGroup', 'int64', PTR],
  [5, 'runAsNonRoot', 'bool', PTR],
  [6, 'readOnlyRootFilesystem', 'bool', PTR],
  [7, 'allowPrivilegeEscalation', 'bool', PTR],
  [9, 'procMount', 'string', PTR],
  [11, 'seccompProfile', () => SeccompProfile, PTR],
]);

export const Container = msg('Container', [
  [1, 'name', 'string', ALWAYS],
  [2, 'image', 'string'],
  [3, 'command', 'string', REPEATED],
  [4, 'args', 'string', REPEATED],
  [5, 'workingDir', 'string'],
  [6, 'ports', () => ContainerPort, REPEATED],
  [19, 'envFrom', () => EnvFromSource, REPEATED],
  [7, 'env', () => EnvVar, REPEATED],
  [8, 'resources', () => ResourceRequirements],
  [23, 'resizePolicy', () => ContainerResizePolicy, REPEATED],
  [24, 'restartPolicy', 'string', PTR],
  [9, 'volumeMounts', () => VolumeMount, REPEATED],
  [21, 'volumeDevices', () => VolumeDevice, REPEATED],
  [10, 'livenessProbe', () => Probe, PTR],
  [11, 'readinessProbe', () => Probe, PTR],
  [22, 'startupProbe', () => Probe, PTR],
  [12, 'lifecycle', () => Lifecycle, PTR],
  [13, 'terminationMessagePath', 'string'],
  [20, 'terminationMessagePolicy', 'string'],
  [14, 'imagePullPolicy', 'string'],
  [15, 'securityContext', () => SecurityContext, PTR],
  [16, 'stdin', 'bool'],
  [17, 'stdinOnce', 'bool'],
  [18, 'tty', 'bool'],
]);

// ---- Pods

export const Toleration = msg('Toleration', [
  [1, 'key', 'string'],
  [2, 'operator', 'string'],
  [3, 'value', 'string'],
  [4, 'effect', 'string'],
  [5, 'tolerationSeconds', 'int64', PTR],
]);

export const HostAlias = msg('HostAlias', [
  [1, 'ip', 'string', ALWAYS],
  [2, 'hostnames', 'string', REPEATED],
]);

export const PodSecurityContext = msg('PodSecurityContext', [
  [2, 'runAsUser', 'int64', PTR],
  [6, 'runAsGroup', 'int64', PTR],
  [3, 'runAsNonRoot', 'bool', PTR],
  [4, 'supplementalGroups', 'int64', REPEATED],
  [12, 'supplementalGroupsPolicy', 'string', PTR],
  [5, 'fsGroup', 'int64', PTR],
  [9, 'fsGroupChangePolicy', 'string', PTR],
  [10, 'seccompProfile', () => SeccompProfile, PTR],
]);

export const PodReadinessGate = msg('PodReadinessGate', [[1, 'conditionType', 'string', ALWAYS]]);
export const PodOS = msg('PodOS', [[1, 'name', 'string', ALWAYS]]);
export const PodSchedulingGate = msg('PodSchedulingGate', [[1, 'name', 'string', ALWAYS]]);

export const PodSpec = msg('PodSpec', [
  [20, 'initContainers', () => Container, REPEATED],
  [2, 'containers', () => Container, REPEATED | ALWAYS],
  [3, 'restartPolicy', 'string'],
  [4, 'terminationGracePeriodSeconds', 'int64', PTR],
  [5, 'activeDeadlineSeconds', 'int64', PTR],
  [6, 'dnsPolicy', 'string'],
  [7, 'nodeSelector', 'string', MAP],
  [8, 'serviceAccountName', 'string'],
  [9, 'serviceAccount', 'string'],
  [21, 'automountServiceAccountToken', 'bool', PTR],
  [10, 'nodeName', 'string'],
  [11, 'hostNetwork', 'bool'],
  [12, 'hostPID', 'bool'],
  [13, 'hostIPC', 'bool'],
  [27, 'shareProcessNamespace', 'bool', PTR],
  [14, 'securityContext', () => PodSecurityContext, PTR],
  [15, 'imagePullSecrets', () => LocalObjectReference, REPEATED],
  [16, 'hostname', 'string'],
  [17, 'subdomain', 'string'],
  [19, 'schedulerName', 'string'],
  [22, 'tolerations', () => Toleration, REPEATED],
  [23, 'hostAliases', () => HostAlias, REPEATED],
  [24, 'priorityClassName', 'string'],
  [25, 'priority', 'int32', PTR],
  [28, 'readinessGates', () => PodReadinessGate, REPEATED],
  [29, 'runtimeClassName', 'string', PTR],
  [30, 'enableServiceLinks', 'bool', PTR],
  [31, 'preemptionPolicy', 'string', PTR],
  [32, 'overhead', 'quantity', MAP],
  [35, 'setHostnameAsFQDN', 'bool', PTR],
  [36, 'os', () => PodOS, PTR],
  [37, 'hostUsers', 'bool', PTR],
  [38, 'schedulingGates', () => PodSchedulingGate, REPEATED],
  [40, 'resources', () => ResourceRequirements, PTR],
]);

export const PodTemplateSpec = msg('PodTemplateSpec', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => PodSpec],
]);

/** A client never sets pod status on create; only the phase is kept, for completeness. */
export const PodStatus = msg('PodStatus', [[1, 'phase', 'string']]);

export const Pod = msg('Pod', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => PodSpec],
  [3, 'status', () => PodStatus],
]);
