import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon } from '../components/icons';
import { EtcdInspector } from './EtcdInspector';
import { EventsInspector } from './EventsInspector';
import { INSPECTOR_TABS, useInspector, type InspectorTab } from './inspector-store';
import { ObjectInspector } from './ObjectInspector';
import { useInspectorWatches } from './objects';
import { ProxyInspector } from './ProxyInspector';
import { SchedulerInspector } from './SchedulerInspector';
import styles from './inspector.module.css';

const PANELS: Record<InspectorTab, () => React.ReactNode> = {
  object: () => <ObjectInspector />,
  etcd: () => <EtcdInspector />,
  scheduler: () => <SchedulerInspector />,
  proxy: () => <ProxyInspector />,
  events: () => <EventsInspector />,
};

/**
 * The inspectors, docked over the side panel (wider than it) while open: what a click on the canvas
 * shows. Escape or the close button returns to the editor and terminal.
 */
export const InspectorDock = memo(function InspectorDock() {
  const { t } = useTranslation();
  const open = useInspector((s) => s.open);
  const tab = useInspector((s) => s.tab);
  const show = useInspector((s) => s.show);
  const close = useInspector((s) => s.close);
  const ref = useRef<HTMLElement>(null);
  useInspectorWatches();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);
  if (!open) return null;
  return (
    <aside
      ref={ref}
      className={styles.dock}
      aria-label={t('inspector.label')}
      data-testid="inspector"
      data-tab={tab}
    >
      <div className={styles.dockHead}>
        <div className={styles.dockTabs} role="tablist" aria-label={t('inspector.label')}>
          {INSPECTOR_TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`inspector-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="inspector-panel"
              className={styles.dockTab}
              onClick={() => show(id)}
              data-testid={`inspector-tab-${id}`}
            >
              {t(`inspector.tabs.${id}`)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className={styles.close}
          onClick={close}
          aria-label={t('inspector.close')}
          title={t('inspector.close')}
          data-testid="inspector-close"
        >
          <CloseIcon />
        </button>
      </div>
      <div
        id="inspector-panel"
        role="tabpanel"
        aria-labelledby={`inspector-tab-${tab}`}
        className={styles.dockBody}
      >
        {PANELS[tab]()}
      </div>
    </aside>
  );
});
