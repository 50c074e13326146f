import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusPill, type Tone } from '../components/StatusPill';
import { useObject } from '../store/selectors';
import { formatCores, formatGiB, nodeInfo, type Readiness } from './node-info';
import styles from './NodeTable.module.css';

const TONE: Record<Readiness, Tone> = { Ready: 'success', NotReady: 'danger', Unknown: 'neutral' };
const LABEL = { Ready: 'nodes.ready', NotReady: 'nodes.notReady', Unknown: 'nodes.unknown' } as const;

/** One node; re-renders only when this Node object changes (or the language does). */
export const NodeRow = memo(function NodeRow({ name }: { name: string }) {
  const obj = useObject('Node', name);
  const { t, i18n } = useTranslation();
  const info = useMemo(() => (obj ? nodeInfo(obj) : undefined), [obj]);
  if (!info) return null;
  const lang = i18n.language;
  return (
    <tr data-testid={`node-row-${info.name}`} data-status={info.readiness}>
      <td>
        <span className={styles.name}>{info.name}</span>
      </td>
      <td>
        <StatusPill tone={TONE[info.readiness]} data-testid="node-status">
          {t(LABEL[info.readiness])}
        </StatusPill>
      </td>
      <td>
        {info.roles.length ? (
          <span className={styles.roles}>
            {info.roles.map((r) => (
              <span key={r} className={styles.role}>
                {r}
              </span>
            ))}
          </span>
        ) : (
          <span className={styles.muted}>{t('nodes.none')}</span>
        )}
      </td>
      <td className={styles.num} title={info.cpuText}>
        {info.cpuMilli === undefined ? '—' : formatCores(info.cpuMilli, lang)}
      </td>
      <td className={styles.num} title={info.memoryText}>
        {info.memoryBytes === undefined ? '—' : formatGiB(info.memoryBytes, lang)}
      </td>
      <td className={styles.num}>{info.pods ?? '—'}</td>
      <td>
        <code className={styles.cidr}>{info.podCIDR ?? '—'}</code>
      </td>
    </tr>
  );
});
