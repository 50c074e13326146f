/**
 * What the scheduler reads from informers besides nodes and pods. Upstream plugins reach these
 * through the shared informer factory; here the caller (the scheduler's queue and informers)
 * hands them in, so the decision engine stays a pure function.
 */
import type { ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';

export interface SchedulingContext {
  /** Services in a namespace (PodTopologySpread's system default selector). */
  services?(namespace: string): readonly Service[];
  replicationController?(namespace: string, name: string): ReplicationController | undefined;
  replicaSet?(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet?(namespace: string, name: string): StatefulSet | undefined;
  /** Labels of a namespace (InterPodAffinity namespaceSelector). */
  namespaceLabels?(namespace: string): Readonly<Record<string, string>> | undefined;
  /** Every namespace name (to resolve a namespaceSelector into names). */
  namespaces?(): readonly string[];
}

export const EMPTY_CONTEXT: SchedulingContext = {};
