import type { DaemonSet, Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type {
  ConfigMap,
  Endpoints,
  Event,
  Namespace,
  Node,
  Pod,
  Secret,
  Service,
  ServiceAccount,
} from 'kubernetes-types/core/v1';
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import type { FieldError } from '../field-errors';
import type { KubeObject } from '../object';
import { validateConfigMap, validateConfigMapUpdate } from './configmap';
import { validateDaemonSet, validateDaemonSetUpdate } from './daemonset';
import { validateDeployment, validateDeploymentUpdate } from './deployment';
import { validateEndpoints, validateEndpointsUpdate } from './endpoints';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './endpointslice';
import { validateEvent, validateEventUpdate } from './event';
import { validateLease, validateLeaseUpdate } from './lease';
import { nameIsPathSegment, validateObjectMeta, validateObjectMetaUpdate } from './metadata';
import { validateNamespace, validateNamespaceUpdate } from './namespace';
import { validateNode, validateNodeUpdate } from './node';
import { validatePod, validatePodUpdate } from './pod';
import {
  validateBindingUpdate,
  validateClusterRole,
  validateClusterRoleBinding,
  validateRole,
  validateRoleBinding,
} from './rbac';
import { validateReplicaSet, validateReplicaSetUpdate } from './replicaset';
import { validateSecret, validateSecretUpdate } from './secret';
import { validateService, validateServiceUpdate } from './service';
import { validateServiceAccount, validateServiceAccountUpdate } from './serviceaccount';

/**
 * The kinds' create and update validators, keyed by kind. Objects are expected after defaulting,
 * as the apiserver runs them (decode → default → admission → validate).
 */
interface Validators {
  create(obj: KubeObject): FieldError[];
  update(obj: KubeObject, old: KubeObject): FieldError[];
}

function kind<T>(create: (o: T) => FieldError[], update: (o: T, old: T) => FieldError[]): Validators {
  return {
    create: (o) => create(o as unknown as T),
    update: (o, old) => update(o as unknown as T, old as unknown as T),
  };
}

const VALIDATORS: Record<string, Validators> = {
  Pod: kind<Pod>(validatePod, validatePodUpdate),
  Service: kind<Service>(validateService, validateServiceUpdate),
  Deployment: kind<Deployment>(validateDeployment, validateDeploymentUpdate),
  ReplicaSet: kind<ReplicaSet>(validateReplicaSet, validateReplicaSetUpdate),
  DaemonSet: kind<DaemonSet>(validateDaemonSet, validateDaemonSetUpdate),
  Namespace: kind<Namespace>(validateNamespace, validateNamespaceUpdate),
  Node: kind<Node>(validateNode, validateNodeUpdate),
  ConfigMap: kind<ConfigMap>(validateConfigMap, validateConfigMapUpdate),
  Secret: kind<Secret>(validateSecret, validateSecretUpdate),
  ServiceAccount: kind<ServiceAccount>(validateServiceAccount, validateServiceAccountUpdate),
  Endpoints: kind<Endpoints>(validateEndpoints, validateEndpointsUpdate),
  EndpointSlice: kind<EndpointSlice>(validateEndpointSlice, validateEndpointSliceUpdate),
  Lease: kind<Lease>(validateLease, validateLeaseUpdate),
  Event: kind<Event>(validateEvent, validateEventUpdate),
  Role: kind<Role>(validateRole, (o, old) => [
    ...validateObjectMetaUpdate(o.metadata, old.metadata),
    ...validateRole(o).filter((e) => !e.field.startsWith('metadata.')),
  ]),
  ClusterRole: kind<ClusterRole>(validateClusterRole, (o, old) => [
    ...validateObjectMetaUpdate(o.metadata, old.metadata),
    ...validateClusterRole(o).filter((e) => !e.field.startsWith('metadata.')),
  ]),
  RoleBinding: kind<RoleBinding>(validateRoleBinding, (o, old) => validateBindingUpdate(o, old, true)),
  ClusterRoleBinding: kind<ClusterRoleBinding>(validateClusterRoleBinding, (o, old) =>
    validateBindingUpdate(o, old, false),
  ),
};

/** Kinds without their own rules here get the object-meta rules only. */
const FALLBACK: Validators = {
  create: (o) => validateObjectMeta(o.metadata, !!o.metadata?.namespace, nameIsPathSegment),
  update: (o, old) => validateObjectMetaUpdate(o.metadata, old.metadata),
};

export function validateCreate(kind: string, obj: KubeObject): FieldError[] {
  return (VALIDATORS[kind] ?? FALLBACK).create(obj);
}

export function validateUpdate(kind: string, obj: KubeObject, old: KubeObject): FieldError[] {
  return (VALIDATORS[kind] ?? FALLBACK).update(obj, old);
}
