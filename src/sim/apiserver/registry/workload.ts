import type { KubeObject } from '../../api/object';
import type { Strategy } from './strategy';

/**
 * Deployments, ReplicaSets and DaemonSets (pkg/registry/apps/*): generation starts at 1 and moves
 * on every spec change, so controllers can report `observedGeneration`; status is the controller's.
 */
export const workloadStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj: KubeObject) {
    obj.status = {};
  },
};
