import type { Pod, PodStatus } from 'kubernetes-types/core/v1';
import type { Client } from '../client/clientset';
import type { ScheduledEvent } from '../engine/event-queue';
import type { Engine } from '../engine/simulation';
import type { FlowStep } from '../engine/trace';

interface Pending {
  namespace: string;
  name: string;
  uid: string;
  status: PodStatus;
  step?: FlowStep;
}

/** A pod of a Deployment: its first Running+Ready status is step 10 of the flow. */
export function isDeploymentPod(pod: Pod): boolean {
  return (
    !!pod.metadata?.labels?.['pod-template-hash'] &&
    (pod.metadata.ownerReferences ?? []).some((o) => o.kind === 'ReplicaSet')
  );
}

function runningAndReady(s: PodStatus | undefined): boolean {
  return s?.phase === 'Running' && !!s.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

/**
 * pkg/kubelet/status: keeps the last status written per pod and writes a new one only when it
 * differs. Changes within one instant are coalesced into one PATCH of the status subresource.
 */
export class StatusManager {
  private readonly posted = new Map<string, string>();
  private readonly lastStatus = new Map<string, PodStatus>();
  private readonly pending = new Map<string, Pending>();
  private flushEvent: ScheduledEvent | undefined;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
  ) {}

  /** The status last handed to the manager for this pod (what the kubelet believes it wrote). */
  last(uid: string): PodStatus | undefined {
    return this.lastStatus.get(uid);
  }

  set(pod: Pod, status: PodStatus, mirrorName?: string): void {
    const uid = pod.metadata?.uid ?? '';
    const text = JSON.stringify(status);
    if (this.posted.get(uid) === text) return;
    const prev = this.lastStatus.get(uid);
    this.posted.set(uid, text);
    this.lastStatus.set(uid, status);
    const step = !runningAndReady(prev) && runningAndReady(status) && isDeploymentPod(pod) ? 10 : undefined;
    const existing = this.pending.get(uid);
    this.pending.set(uid, {
      namespace: pod.metadata?.namespace ?? 'default',
      name: mirrorName ?? pod.metadata?.name ?? '',
      uid,
      status,
      step: step ?? existing?.step,
    });
    if (!this.flushEvent && !this.stopped)
      this.flushEvent = this.engine.schedule(0, 'kubelet status flush', () => this.flush());
  }

  /** Writes everything pending; `onWritten` learns which pods reached the apiserver. */
  flush(): void {
    this.flushEvent = undefined;
    if (this.stopped) return;
    const batch = [...this.pending.values()];
    this.pending.clear();
    for (const p of batch) {
      const summary = `PATCH pods/${p.name}/status (${p.status.phase}${runningAndReady(p.status) ? ', Ready' : ''})`;
      const r = this.client.patch(
        { resource: 'pods', namespace: p.namespace },
        p.name,
        'application/merge-patch+json',
        { status: p.status },
        { subresource: 'status', step: p.step, summary },
      );
      // A pod deleted meanwhile has nothing to update; forget it.
      if (!r.ok) this.forget(p.uid);
    }
  }

  forget(uid: string): void {
    this.posted.delete(uid);
    this.lastStatus.delete(uid);
    this.pending.delete(uid);
  }

  stop(): void {
    this.stopped = true;
    this.engine.cancel(this.flushEvent);
    this.flushEvent = undefined;
    this.pending.clear();
  }
}
