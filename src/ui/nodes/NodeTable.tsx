import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../components/Card';
import { useCluster } from '../store/cluster-store';
import { useObjectKeys, useWatchError, useWatchSynced } from '../store/selectors';
import { compareNodeNames } from './node-info';
import { NodeRow } from './NodeRow';
import styles from './NodeTable.module.css';

const SKELETON_ROWS = 4;
const COLUMNS = 7;

export const NodeTable = memo(function NodeTable() {
  const { t } = useTranslation();
  const names = useObjectKeys('Node', compareNodeNames);
  const synced = useWatchSynced('nodes');
  const error = useWatchError('nodes');
  const crashed = useCluster((s) => s.connection.status === 'crashed');
  const loading = !synced && !crashed;
  return (
    <Card title={t('nodes.title')} subtitle={t('nodes.subtitle')} flush labelledBy="nodes-title">
      <div className={styles.scroll}>
        <table className={styles.table} data-testid="node-table" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">{t('nodes.name')}</th>
              <th scope="col">{t('nodes.status')}</th>
              <th scope="col">{t('nodes.roles')}</th>
              <th scope="col" className={styles.num} title={t('nodes.allocatableHint')}>
                {t('nodes.cpu')}
              </th>
              <th scope="col" className={styles.num} title={t('nodes.allocatableHint')}>
                {t('nodes.memory')}
              </th>
              <th scope="col" className={styles.num}>
                {t('nodes.pods')}
              </th>
              <th scope="col">{t('nodes.podCIDR')}</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => (
              <NodeRow key={name} name={name} />
            ))}
            {loading &&
              Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={`skeleton-${i}`} className={styles.skeletonRow} aria-hidden>
                  {Array.from({ length: COLUMNS }, (_, j) => (
                    <td key={j}>
                      <span className={styles.skeleton} />
                    </td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {!crashed && (error || !synced || names.length === 0) && (
        <p className={error ? `${styles.footnote} ${styles.error}` : styles.footnote} role="status">
          {error
            ? t('nodes.watchError', { message: error })
            : !synced
              ? t('nodes.loading')
              : t('nodes.empty')}
        </p>
      )}
    </Card>
  );
});
