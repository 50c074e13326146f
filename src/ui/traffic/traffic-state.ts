import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../worker/protocol';
import type { ClusterState } from '../store/cluster-store';

/** The report of a run (src/sim/network/traffic.ts `TrafficReport`), as the watch mirrors it. */
export interface RunStatus {
  requested: number;
  sent: number;
  succeeded: number;
  perPod: Record<string, number>;
  errors: Record<string, number>;
  latencyMs: { p50: number; p99: number; max: number };
  timeline: Array<{ second: number; ok: number; failed: number }>;
  done: boolean;
  note?: string;
}

export interface TrafficRunObject extends KubeObject {
  spec: { from: string; url: string; requests: number; rate: number };
  status: RunStatus;
}

/** The newest traffic run (runs are named traffic-1, traffic-2, …). */
export function latestRun(s: ClusterState): TrafficRunObject | undefined {
  let best: TrafficRunObject | undefined;
  let n = -1;
  for (const o of Object.values(s.objects.TrafficRun ?? {})) {
    const k = Number(o.metadata?.name?.split('-').pop());
    if (k > n) {
      n = k;
      best = o as TrafficRunObject;
    }
  }
  return best;
}

/** Errors in the run's last few seconds (what "errors stop" means while it runs). */
export function recentErrors(st: RunStatus, seconds = 3): number {
  return st.timeline.slice(-seconds).reduce((a, b) => a + b.failed, 0);
}

export function services(s: ClusterState): Service[] {
  return (Object.values(s.objects.Service ?? {}) as Service[]).filter(
    (x) => x.metadata?.namespace !== 'kube-system' && x.metadata?.name !== 'kubernetes',
  );
}

export function runningPods(s: ClusterState): Pod[] {
  return (Object.values(s.objects.Pod ?? {}) as Pod[]).filter(
    (p) => p.status?.phase === 'Running' && p.status.podIP && !p.metadata?.deletionTimestamp,
  );
}
