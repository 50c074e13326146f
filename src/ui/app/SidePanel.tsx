import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorPanel } from '../editor/EditorPanel';
import { ClusterSummary } from '../nodes/ClusterSummary';
import { NodeTable } from '../nodes/NodeTable';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { FaultsPanel } from '../faults/FaultsPanel';
import { TrafficPanel } from '../traffic/TrafficPanel';
import styles from './SidePanel.module.css';

type Tab = 'editor' | 'terminal' | 'nodes' | 'faults' | 'traffic';
const TABS: Tab[] = ['editor', 'terminal', 'nodes', 'faults', 'traffic'];

/** YAML editor, terminal and node list; panels stay mounted once opened, so they keep their state. */
export const SidePanel = memo(function SidePanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('editor');
  const [opened, setOpened] = useState<Set<Tab>>(() => new Set(['editor']));
  const open = (next: Tab) => {
    setTab(next);
    setOpened((s) => (s.has(next) ? s : new Set(s).add(next)));
  };
  return (
    <aside className={styles.side} aria-label={t('side.label')}>
      <div className={styles.tabs} role="tablist" aria-label={t('side.label')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            className={styles.tab}
            onClick={() => open(id)}
            data-testid={`tab-${id}`}
          >
            {t(`side.${id}`)}
          </button>
        ))}
      </div>
      {TABS.map((id) => (
        <div
          key={id}
          role="tabpanel"
          id={`panel-${id}`}
          aria-labelledby={`tab-${id}`}
          hidden={tab !== id}
          className={styles.panel}
        >
          {opened.has(id) &&
            (id === 'editor' ? (
              <EditorPanel />
            ) : id === 'terminal' ? (
              <TerminalPanel />
            ) : id === 'faults' ? (
              <FaultsPanel />
            ) : id === 'traffic' ? (
              <TrafficPanel />
            ) : (
              <div className={styles.nodes}>
                <ClusterSummary />
                <NodeTable />
              </div>
            ))}
        </div>
      ))}
    </aside>
  );
});
