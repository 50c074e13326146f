import { PodTemplateSpec } from './core';
import { LabelSelector, ObjectMeta } from './meta';
import { msg, PTR } from './schema';

/** apps/v1 Deployment, as `kubectl create deployment` sends it. */

export const RollingUpdateDeployment = msg('RollingUpdateDeployment', [
  [1, 'maxUnavailable', 'intstr', PTR],
  [2, 'maxSurge', 'intstr', PTR],
]);

export const DeploymentStrategy = msg('DeploymentStrategy', [
  [1, 'type', 'string'],
  [2, 'rollingUpdate', () => RollingUpdateDeployment, PTR],
]);

export const DeploymentSpec = msg('DeploymentSpec', [
  [1, 'replicas', 'int32', PTR],
  [2, 'selector', () => LabelSelector, PTR],
  [3, 'template', () => PodTemplateSpec],
  [4, 'strategy', () => DeploymentStrategy],
  [5, 'minReadySeconds', 'int32'],
  [6, 'revisionHistoryLimit', 'int32', PTR],
  [7, 'paused', 'bool'],
  [9, 'progressDeadlineSeconds', 'int32', PTR],
]);

/** Status as a client leaves it on create (all zero); conditions are not described. */
export const DeploymentStatus = msg('DeploymentStatus', [
  [1, 'observedGeneration', 'int64'],
  [2, 'replicas', 'int32'],
  [3, 'updatedReplicas', 'int32'],
  [7, 'readyReplicas', 'int32'],
  [4, 'availableReplicas', 'int32'],
  [5, 'unavailableReplicas', 'int32'],
  [8, 'collisionCount', 'int32', PTR],
]);

export const Deployment = msg('Deployment', [
  [1, 'metadata', () => ObjectMeta],
  [2, 'spec', () => DeploymentSpec],
  [3, 'status', () => DeploymentStatus],
]);
