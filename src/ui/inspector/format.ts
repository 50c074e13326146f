/** Text forms of objects and events, as kubectl prints them. */
import { stringify } from 'yaml';
import type { KubeObject } from '../../worker/protocol';

/**
 * `kubectl get -o yaml`: keys sorted (kubectl prints the unstructured map), sequences not
 * indented under their key, managedFields hidden (kubectl's default since v1.21).
 */
export function kubectlYaml(obj: KubeObject): string {
  const meta = obj.metadata as Record<string, unknown> | undefined;
  let shown: KubeObject = obj;
  if (meta && 'managedFields' in meta) {
    const rest = { ...meta };
    delete rest.managedFields;
    shown = { ...obj, metadata: rest } as KubeObject;
  }
  return stringify(shown, { sortMapEntries: true, indentSeq: false, lineWidth: 0 });
}

export interface EventLike {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string; creationTimestamp?: string };
  involvedObject?: { kind?: string; namespace?: string; name?: string; uid?: string };
  regarding?: { kind?: string; namespace?: string; name?: string };
  reason?: string;
  message?: string;
  note?: string;
  type?: string;
  count?: number;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  source?: { component?: string; host?: string };
  reportingComponent?: string;
}

/** When an event was last seen, in epoch ms (kubectl: lastTimestamp, else eventTime, else creation). */
export function eventTime(e: EventLike): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** Newest first; events of the same second by the order the API server stored them. */
export function compareEventsNewestFirst(a: EventLike, b: EventLike): number {
  return (
    eventTime(b) - eventTime(a) ||
    Number(b.metadata?.resourceVersion ?? 0) - Number(a.metadata?.resourceVersion ?? 0)
  );
}

export function eventObject(e: EventLike): { kind: string; namespace?: string; name: string } {
  const o = e.involvedObject ?? e.regarding ?? {};
  return { kind: o.kind ?? '', namespace: o.namespace, name: o.name ?? '' };
}

/** The OBJECT column of `kubectl get events`: `pod/web-…`. */
export function eventObjectText(e: EventLike): string {
  const o = eventObject(e);
  return `${o.kind.toLowerCase()}/${o.name}`;
}
