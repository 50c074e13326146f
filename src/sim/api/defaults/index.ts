import type { KubeObject } from '../object';
import {
  defaultBinding,
  defaultEndpointSlice,
  defaultEndpoints,
  defaultNamespace,
  defaultNode,
  defaultSecret,
} from './core';
import type { Obj } from './fields';
import { defaultPod } from './pod';
import { defaultService } from './service';
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet } from './workloads';

const DEFAULTERS: Record<string, (o: Obj) => void> = {
  Pod: defaultPod,
  Service: defaultService,
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  DaemonSet: defaultDaemonSet,
  Namespace: defaultNamespace,
  Node: defaultNode,
  Secret: defaultSecret,
  Endpoints: defaultEndpoints,
  EndpointSlice: defaultEndpointSlice,
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
};

/** The scheme's defaulting for `kind` (plus the few create-time fills noted per kind); mutates `obj`. */
export function applyDefaults(kind: string, obj: KubeObject): void {
  DEFAULTERS[kind]?.(obj as Obj);
}

export { defaultPullPolicy } from './pod-spec';
