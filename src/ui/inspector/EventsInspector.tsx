import { memo, useDeferredValue, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { compareEventsNewestFirst, eventObject, eventObjectText, eventTime, type EventLike } from './format';
import { shortAge, useVirtualNowSec } from './hooks';
import { useInspector } from './inspector-store';
import styles from './inspector.module.css';

const MAX_ROWS = 300;

/** Rows like `kubectl get events`: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE (the message on its own line). */
export const EventRows = memo(function EventRows({
  events,
  showObject = true,
  testId,
}: {
  events: readonly EventLike[];
  showObject?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const nowSec = useVirtualNowSec();
  const open = useInspector((s) => s.inspectObject);
  return (
    <table className={styles.events} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" className={styles.colAge}>
            {t('inspector.events.lastSeen')}
          </th>
          <th scope="col" className={styles.colType}>
            {t('inspector.events.type')}
          </th>
          <th scope="col" className={styles.colReason}>
            {t('inspector.events.reason')}
          </th>
          {showObject && (
            <th scope="col" className={styles.colObject}>
              {t('inspector.events.object')}
            </th>
          )}
          <th scope="col">{t('inspector.events.message')}</th>
        </tr>
      </thead>
      <tbody>
        {events.slice(0, MAX_ROWS).map((e) => {
          const o = eventObject(e);
          const count = e.series?.count ?? e.count ?? 1;
          return (
            <tr
              key={`${e.metadata?.namespace}/${e.metadata?.name}`}
              data-type={e.type}
              data-reason={e.reason}
              data-testid="event-row"
            >
              <td className={styles.mono}>
                {shortAge(nowSec - eventTime(e) / 1000)}
                {count > 1 && <span className={styles.muted}> (x{count})</span>}
              </td>
              <td>
                <span className={styles.eventType} data-type={e.type}>
                  {e.type}
                </span>
              </td>
              <td className={styles.reason}>{e.reason}</td>
              {showObject && (
                <td>
                  <button
                    type="button"
                    className={styles.objLink}
                    onClick={() => open(o)}
                    title={o.namespace ? `${o.namespace}/${o.name}` : o.name}
                  >
                    {eventObjectText(e)}
                  </button>
                </td>
              )}
              <td className={styles.message}>{e.message ?? e.note}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});

const EMPTY: EventLike[] = [];

/** A live list like `kubectl get events -A -w`, newest first, filtered by type, reason and object. */
export const EventsInspector = memo(function EventsInspector() {
  const { t } = useTranslation();
  const all = useCluster(
    useShallow((s: ClusterState) => {
      const v = Object.values(s.objects.Event ?? {}) as EventLike[];
      return v.length ? v : EMPTY;
    }),
  );
  const synced = useCluster((s) => s.watches['inspector-events']?.synced ?? false);
  const filter = useInspector((s) => s.eventsFilter);
  const setFilter = (v: string) => useInspector.setState({ eventsFilter: v });
  const type = useInspector((s) => s.eventsType);
  const reason = useInspector((s) => s.eventsReason);
  const deferredFilter = useDeferredValue(filter);
  const reasons = useMemo(() => [...new Set(all.map((e) => e.reason ?? ''))].filter(Boolean).sort(), [all]);
  const shown = useMemo(() => {
    const q = deferredFilter.trim().toLowerCase();
    return all
      .filter((e) => {
        if (type && e.type !== type) return false;
        if (reason && e.reason !== reason) return false;
        if (!q) return true;
        const o = eventObject(e);
        return `${o.namespace ?? ''}/${eventObjectText(e)} ${e.message ?? ''}`.toLowerCase().includes(q);
      })
      .sort(compareEventsNewestFirst);
  }, [all, type, reason, deferredFilter]);
  return (
    <div className={styles.inspector} data-testid="events-inspector">
      <div className={styles.picker} role="group" aria-label={t('inspector.events.filters')}>
        <label className={styles.field}>
          <span>{t('inspector.events.type')}</span>
          <select
            value={type}
            onChange={(e) => useInspector.setState({ eventsType: e.target.value })}
            data-testid="events-type"
          >
            <option value="">{t('inspector.events.all')}</option>
            <option value="Normal">Normal</option>
            <option value="Warning">Warning</option>
          </select>
        </label>
        <label className={styles.field}>
          <span>{t('inspector.events.reason')}</span>
          <select
            value={reason}
            onChange={(e) => useInspector.setState({ eventsReason: e.target.value })}
            data-testid="events-reason"
          >
            <option value="">{t('inspector.events.all')}</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className={`${styles.field} ${styles.grow}`}>
          <span>{t('inspector.events.objectFilter')}</span>
          <input
            type="search"
            value={filter}
            placeholder={t('inspector.events.objectPlaceholder')}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="events-filter"
          />
        </label>
      </div>
      <p className={styles.sectionHint}>
        <code className={styles.cmd}>kubectl get events -A -w</code>{' '}
        {t('inspector.events.shown', { shown: Math.min(shown.length, MAX_ROWS), total: all.length })}
      </p>
      <div className={styles.scroll}>
        {!synced && all.length === 0 ? (
          <p className={styles.muted}>{t('inspector.loading')}</p>
        ) : shown.length === 0 ? (
          <p className={styles.muted}>{t('inspector.events.none')}</p>
        ) : (
          <EventRows events={shown} testId="events-list" />
        )}
      </div>
    </div>
  );
});
