import type { Namespace } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import type { Strategy } from './strategy';

/** pkg/registry/core/namespace: a new namespace is Active with the `kubernetes` finalizer. */
export const namespaceStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: false,
  prepareForCreate(obj: KubeObject) {
    const ns = obj as Mutable<Namespace>;
    ns.status = { phase: 'Active' };
    ns.spec = { finalizers: ['kubernetes'] };
    ns.metadata = {
      ...ns.metadata,
      labels: { ...ns.metadata?.labels, 'kubernetes.io/metadata.name': ns.metadata!.name! },
    };
  },
  prepareForUpdate(obj: KubeObject, old: KubeObject) {
    // spec.finalizers only changes through the finalize subresource.
    obj.spec = old.spec;
    const ns = obj as Mutable<Namespace>;
    ns.metadata = {
      ...ns.metadata,
      labels: { ...ns.metadata?.labels, 'kubernetes.io/metadata.name': ns.metadata!.name! },
    };
  },
};
