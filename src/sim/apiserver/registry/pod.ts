import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject, Mutable } from '../../api/object';
import { parseMilli } from '../../api/quantity';
import type { Strategy } from './strategy';

/** pkg/registry/core/pod/strategy.go: a new pod is Pending with its QoS class; status is the kubelet's. */
export const podStrategy: Strategy = {
  hasStatus: true,
  tracksGeneration: false,
  prepareForCreate(obj: KubeObject) {
    const pod = obj as Mutable<Pod>;
    pod.status = { phase: 'Pending', qosClass: qosClass(pod as Pod) };
  },
};

/** pkg/apis/core/v1/helper/qos: Guaranteed when every container's requests equal limits for cpu and memory. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const c of containers) {
    for (const res of ['cpu', 'memory']) {
      const req = c.resources?.requests?.[res];
      const lim = c.resources?.limits?.[res];
      if (req !== undefined || lim !== undefined) anySet = true;
      if (lim === undefined || (req !== undefined && parseMilli(req) !== parseMilli(lim))) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
