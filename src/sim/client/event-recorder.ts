import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { toKube } from '../api/object';
import type { Engine } from '../engine/simulation';
import type { Client } from './clientset';

/**
 * client-go's event recorder (tools/record): an Event per (object, reason, message), and a repeat
 * of the same one bumps `count` and `lastTimestamp` instead of creating another, as the
 * EventCorrelator does.
 */
export class EventRecorder {
  private readonly seen = new Map<
    string,
    { name: string; namespace: string; count: number; firstTimestamp: string }
  >();

  constructor(
    private readonly engine: Engine,
    private readonly client: Client,
    /** `source.component`, e.g. `deployment-controller`, `default-scheduler`, `kubelet`. */
    private readonly component: string,
    private readonly host?: string,
  ) {}

  event(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const meta = obj.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const involved: ObjectReference = {
      kind: obj.kind,
      namespace: meta.namespace,
      name: meta.name,
      uid: meta.uid,
      apiVersion: obj.apiVersion,
      resourceVersion: meta.resourceVersion,
      ...(fieldPath ? { fieldPath } : {}),
    };
    const key = [obj.kind, namespace, meta.name, meta.uid, fieldPath ?? '', type, reason, message].join(
      '\u0000',
    );
    const now = this.engine.timestamp();
    const prev = this.seen.get(key);
    if (prev) {
      prev.count++;
      const r = this.client.patch(
        { resource: 'events', namespace: prev.namespace },
        prev.name,
        'application/strategic-merge-patch+json',
        {
          count: prev.count,
          lastTimestamp: now,
        },
      );
      if (r.ok) return;
      this.seen.delete(key);
    }
    // Upstream names events `<object>.<unix nanoseconds in hex>`.
    const nanos = this.engine.uniqueUnixNanos();
    const name = `${meta.name}.${nanos.toString(16)}`;
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: involved,
      reason,
      message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null as unknown as undefined,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    const r = this.client.create({ resource: 'events', namespace }, toKube(ev), {
      summary: `POST events (${reason})`,
    });
    if (r.ok) this.seen.set(key, { name, namespace, count: 1, firstTimestamp: now });
  }
}
