import { obj, setDefault, type Obj } from './fields';
import { defaultPodTemplate } from './pod-spec';

/** SetDefaults_Deployment (apps/v1). */
export function defaultDeployment(d: Obj): void {
  const spec = obj(d, 'spec');
  setDefault(spec, 'replicas', 1);
  const strategy = obj(spec, 'strategy');
  setDefault(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  setDefault(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(obj(spec, 'template'));
}

/** SetDefaults_ReplicaSet (apps/v1). */
export function defaultReplicaSet(rs: Obj): void {
  const spec = obj(rs, 'spec');
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(obj(spec, 'template'));
}

/** SetDefaults_DaemonSet (apps/v1). */
export function defaultDaemonSet(ds: Obj): void {
  const spec = obj(ds, 'spec');
  const us = obj(spec, 'updateStrategy');
  setDefault(us, 'type', 'RollingUpdate');
  if (us.type === 'RollingUpdate') {
    const ru = obj(us, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  setDefault(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(obj(spec, 'template'));
}
