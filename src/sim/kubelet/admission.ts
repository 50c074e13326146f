import type { Node, Pod } from 'kubernetes-types/core/v1';
import { parseMilli, parseValue } from '../api/quantity';

export interface PodRequests {
  cpuMilli: number;
  memoryBytes: number;
}

/** A pod's effective request: the larger of its containers' sum and its biggest init container. */
export function podRequests(pod: Pod): PodRequests {
  const sum = { cpuMilli: 0, memoryBytes: 0 };
  for (const c of pod.spec?.containers ?? []) {
    sum.cpuMilli += parseMilli(c.resources?.requests?.cpu ?? 0) ?? 0;
    sum.memoryBytes += parseValue(c.resources?.requests?.memory ?? 0) ?? 0;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    sum.cpuMilli = Math.max(sum.cpuMilli, parseMilli(c.resources?.requests?.cpu ?? 0) ?? 0);
    sum.memoryBytes = Math.max(sum.memoryBytes, parseValue(c.resources?.requests?.memory ?? 0) ?? 0);
  }
  return sum;
}

export type AdmitResult = { admit: true } | { admit: false; reason: string; message: string };

/**
 * pkg/kubelet/lifecycle/predicate.go: the kubelet re-checks that a pod fits what the node has
 * left (a pod bound by hand, with `spec.nodeName`, skips the scheduler). `used` is the requests
 * of pods already admitted here.
 */
export function admitPod(pod: Pod, node: Node, used: PodRequests, podCount: number): AdmitResult {
  const alloc = node.status?.allocatable ?? {};
  const req = podRequests(pod);
  const checks: Array<[string, number, number, number]> = [
    ['cpu', req.cpuMilli, used.cpuMilli, parseMilli(alloc.cpu ?? 0) ?? 0],
    ['memory', req.memoryBytes, used.memoryBytes, parseValue(alloc.memory ?? 0) ?? 0],
  ];
  const maxPods = Number(alloc.pods ?? 110);
  if (podCount + 1 > maxPods)
    return {
      admit: false,
      reason: 'OutOfpods',
      message: `Node didn't have enough resource: pods, requested: 1, used: ${podCount}, capacity: ${maxPods}`,
    };
  for (const [name, requested, u, capacity] of checks) {
    if (requested > 0 && requested > capacity - u)
      return {
        admit: false,
        reason: `OutOf${name}`,
        message: `Node didn't have enough resource: ${name}, requested: ${requested}, used: ${u}, capacity: ${capacity}`,
      };
  }
  const selector = pod.spec?.nodeSelector ?? {};
  const labels = node.metadata?.labels ?? {};
  if (Object.entries(selector).some(([k, v]) => labels[k] !== v))
    return { admit: false, reason: 'NodeAffinity', message: 'Predicate NodeAffinity failed' };
  return { admit: true };
}
