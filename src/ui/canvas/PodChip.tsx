import { m } from 'framer-motion';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { groupColor } from './pod-status';
import { groupOf, useCanvasUi } from './canvas-state';
import { podView } from './pod-status';
import styles from './canvas.module.css';

/**
 * One pod: selects only itself, so a pod's update re-renders this chip and nothing else. It scales
 * in when created and fades out when deleted (framer-motion, opacity and transform only — no layout
 * animation, which would measure every chip on every batch), and changes colour with a CSS transition.
 */
export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const { t } = useTranslation();
  const live = useObject('Pod', podKey);
  // A deleted pod is drawn from its last state while it fades out.
  const last = useRef(live);
  if (live) last.current = live;
  const pod = live ?? last.current;
  const groupBy = useCanvasUi((s) => s.groupBy);
  if (!pod) return null;
  const view = podView(pod);
  const name = pod.metadata?.name ?? podKey;
  const group = groupOf(pod, groupBy);
  return (
    <m.div
      initial={{ opacity: 0, scale: 0.6 }}
      animate={{ opacity: 1, scale: 1 }}
      exit={{ opacity: 0, scale: 0.6 }}
      transition={{ duration: 0.3, ease: [0.2, 0.9, 0.3, 1.2] }}
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
    </m.div>
  );
});
