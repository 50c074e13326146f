import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { groupColor } from './pod-status';
import { groupOf, useCanvasUi } from './canvas-state';
import { podView } from './pod-status';
import styles from './canvas.module.css';

/**
 * One pod: selects only itself, so a pod's update re-renders this chip and nothing else. It pops in
 * with a CSS animation (compositor-only; 200 chips arriving at once cost no script per frame), and
 * changes colour with a CSS transition; it leaves through its Terminating state.
 */
export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const { t } = useTranslation();
  const pod = useObject('Pod', podKey);
  const groupBy = useCanvasUi((s) => s.groupBy);
  if (!pod) return null;
  const view = podView(pod);
  const name = pod.metadata?.name ?? podKey;
  const group = groupOf(pod, groupBy);
  return (
    <div
      className={styles.pod}
      data-tone={view.tone}
      data-testid={`pod-${name}`}
      data-status={view.status}
      role="listitem"
      aria-label={t('canvas.podLabel', { name, status: view.status })}
      title={`${pod.metadata?.namespace}/${name} · ${view.status}${view.restarts ? ` · ${t('canvas.restarts', { count: view.restarts })}` : ''}`}
    >
      {group && <span className={styles.podGroup} style={{ background: groupColor(group) }} aria-hidden />}
      <span className={styles.podDot} aria-hidden />
      <span className={styles.podName}>{name}</span>
      <span className={styles.podStatus}>{view.status}</span>
    </div>
  );
});
