import type { Pod, Service } from 'kubernetes-types/core/v1';

/**
 * `TriggerTimeTracker` (endpointslice/util/trigger_time_tracker.go): the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation is the earliest change (a pod's
 * Ready transition, or the service's creation) not yet reflected in the service's endpoints, so
 * latency from a change to the dataplane can be measured.
 */
interface ServiceState {
  podTimes: Map<string, number>;
  serviceTime: number;
}

const parse = (t: string | undefined): number => (t ? Date.parse(t) : NaN);

/** The Go form of the time (RFC 3339 with nanoseconds, trailing zeros dropped). */
export function formatTriggerTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/(\.\d*?)0+Z$/, '$1Z');
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** The trigger time for this sync, or undefined when nothing changed (the annotation is then removed). */
  compute(key: string, service: Service, pods: Pod[]): number | undefined {
    const state = this.states.get(key);
    let min: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const t = parse(ready?.lastTransitionTime);
      if (Number.isNaN(t)) continue;
      const name = pod.metadata?.name ?? '';
      podTimes.set(name, t);
      const last = state?.podTimes.get(name);
      if (last === undefined || t > last) min = min === undefined ? t : Math.min(min, t);
    }
    const serviceTime = parse(service.metadata?.creationTimestamp);
    if (!Number.isNaN(serviceTime) && (state === undefined || serviceTime > state.serviceTime))
      min = min === undefined ? serviceTime : Math.min(min, serviceTime);
    this.states.set(key, { podTimes, serviceTime });
    if (!state) return Number.isNaN(serviceTime) ? undefined : serviceTime;
    return min;
  }

  delete(key: string): void {
    this.states.delete(key);
  }
}
