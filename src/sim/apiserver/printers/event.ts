import type { Event as CoreEvent } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import type { KubeObject } from '../../api/object';
import * as d from './descriptions';
import { parseTimestamp, translateTimestampSince } from './duration';
import { asKind, col, type Printer, type PrintedRow } from './types';

/**
 * events.k8s.io/v1 Events share storage and the internal type with core/v1 Events, so upstream
 * prints them with the same function after conversion; this is that field mapping.
 */
export function eventsV1ToCore(ev: EventsV1Event): CoreEvent {
  return {
    metadata: ev.metadata ?? {},
    involvedObject: ev.regarding ?? {},
    message: ev.note,
    reason: ev.reason,
    type: ev.type,
    source: ev.deprecatedSource,
    firstTimestamp: ev.deprecatedFirstTimestamp,
    lastTimestamp: ev.deprecatedLastTimestamp,
    count: ev.deprecatedCount,
    eventTime: ev.eventTime,
    series: ev.series ? { count: ev.series.count, lastObservedTime: ev.series.lastObservedTime } : undefined,
    reportingComponent: ev.reportingController,
    reportingInstance: ev.reportingInstance,
    action: ev.action,
    related: ev.related,
  };
}

function formatEventSource(ev: CoreEvent): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

export function printCoreEvent(ev: CoreEvent, nowMs: number): PrintedRow {
  let firstTimestamp = translateTimestampSince(ev.firstTimestamp, nowMs);
  if (parseTimestamp(ev.firstTimestamp) === undefined)
    firstTimestamp = translateTimestampSince(ev.eventTime, nowMs);
  let lastTimestamp = translateTimestampSince(ev.lastTimestamp, nowMs);
  if (parseTimestamp(ev.lastTimestamp) === undefined) lastTimestamp = firstTimestamp;
  let count = ev.count ?? 0;
  if (ev.series) {
    lastTimestamp = translateTimestampSince(ev.series.lastObservedTime, nowMs);
    count = ev.series.count ?? 0;
  } else if (count === 0) {
    // Singleton events carry no count in the new API.
    count = 1;
  }
  const kind = (ev.involvedObject?.kind ?? '').toLowerCase();
  const target = ev.involvedObject?.name ? `${kind}/${ev.involvedObject.name}` : kind;
  return {
    cells: [
      lastTimestamp,
      ev.type ?? '',
      ev.reason ?? '',
      target,
      ev.involvedObject?.fieldPath ?? '',
      formatEventSource(ev),
      (ev.message ?? '').trim(),
      firstTimestamp,
      count,
      ev.metadata?.name ?? '',
    ],
  };
}

const eventColumns = [
  col('Last Seen', 'string', d.EVENT_LAST_TIMESTAMP),
  col('Type', 'string', d.EVENT_TYPE),
  col('Reason', 'string', d.EVENT_REASON),
  col('Object', 'string', d.EVENT_INVOLVED_OBJECT),
  col('Subobject', 'string', d.OBJECT_REFERENCE_FIELD_PATH, { priority: 1 }),
  col('Source', 'string', d.EVENT_SOURCE, { priority: 1 }),
  col('Message', 'string', d.EVENT_MESSAGE),
  col('First Seen', 'string', d.EVENT_FIRST_TIMESTAMP, { priority: 1 }),
  col('Count', 'string', d.EVENT_COUNT, { priority: 1 }),
  col('Name', 'string', d.META_NAME, { priority: 1, format: 'name' }),
];

export const eventPrinter: Printer = {
  columns: eventColumns,
  print: (obj: KubeObject, nowMs: number) => printCoreEvent(asKind<CoreEvent>(obj), nowMs),
};

export const eventsV1Printer: Printer = {
  columns: eventColumns,
  print: (obj: KubeObject, nowMs: number) =>
    printCoreEvent(eventsV1ToCore(asKind<EventsV1Event>(obj)), nowMs),
};
