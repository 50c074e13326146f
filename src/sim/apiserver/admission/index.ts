import type { KubeObject } from '../../api/object';
import type { ResourceInfo } from '../resources';
import { defaultTolerationSeconds } from './default-toleration-seconds';
import { namespaceLifecycle } from './namespace-lifecycle';
import { priority } from './priority';
import { serviceAccount } from './service-account';

export interface AdmissionContext {
  namespace(name: string): KubeObject | undefined;
  serviceAccount(namespace: string, name: string): KubeObject | undefined;
  randomSuffix(): string;
}

/** The admission chain, in the order of kube-apiserver's enabled plugins; each throws an ApiError to reject. */
export function admit(
  ctx: AdmissionContext,
  info: ResourceInfo,
  obj: KubeObject,
  op: 'create' | 'update',
  old?: KubeObject,
): void {
  namespaceLifecycle(ctx, info, obj, op);
  if (op !== 'create') return void old;
  serviceAccount(ctx, info, obj);
  defaultTolerationSeconds(info, obj);
  priority(info, obj);
}
