import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../store/cluster-store';
import { selectKind } from '../store/selectors';
import { formatCores, formatGiB, nodeInfo } from './node-info';
import styles from './ClusterSummary.module.css';

const selectNodes = selectKind('Node');

/** Totals over all nodes: re-renders when any Node changes, which is rare (status heartbeats aside). */
export const ClusterSummary = memo(function ClusterSummary() {
  const { t, i18n } = useTranslation();
  const nodes = useCluster(selectNodes);
  const totals = useMemo(() => {
    const infos = Object.values(nodes).map(nodeInfo);
    return {
      total: infos.length,
      ready: infos.filter((n) => n.readiness === 'Ready').length,
      workers: infos.filter((n) => !n.roles.includes('control-plane')).length,
      cpuMilli: infos.reduce((sum, n) => sum + (n.cpuMilli ?? 0), 0),
      memoryBytes: infos.reduce((sum, n) => sum + (n.memoryBytes ?? 0), 0),
    };
  }, [nodes]);
  const lang = i18n.language;
  const empty = totals.total === 0;
  return (
    <dl className={styles.grid} data-testid="cluster-summary">
      <Stat label={t('overview.nodesReady')} value={empty ? '—' : `${totals.ready} / ${totals.total}`} />
      <Stat label={t('overview.workers')} value={empty ? '—' : String(totals.workers)} />
      <Stat
        label={t('overview.cpu')}
        value={
          empty
            ? '—'
            : t('overview.cores', {
                count: totals.cpuMilli / 1000,
                formatted: formatCores(totals.cpuMilli, lang),
              })
        }
      />
      <Stat label={t('overview.memory')} value={empty ? '—' : formatGiB(totals.memoryBytes, lang)} />
    </dl>
  );
});

const Stat = memo(function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className={styles.stat}>
      <dt className={styles.label}>{label}</dt>
      <dd className={styles.value}>{value}</dd>
    </div>
  );
});
