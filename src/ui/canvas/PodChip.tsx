import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { groupColor } from './pod-status';
import { groupOf, useCanvasUi } from './canvas-state';
import { podView } from './pod-status';
import { podMotion } from './motion-budget';
import styles from './canvas.module.css';

/**
 * One pod: selects only itself, so a pod's update re-renders this chip and nothing else. It pops in
 * with a CSS animation and fades to a new state's colour with a CSS transition (both
 * compositor-friendly), and leaves through its Terminating state. Each motion is claimed from a
 * shared budget before the browser styles the change, so a burst of pods changes at once instead
 * of running hundreds of animations together.
 */
export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const { t } = useTranslation();
  const pod = useObject('Pod', podKey);
  const groupBy = useCanvasUi((s) => s.groupBy);
  const ref = useRef<HTMLDivElement>(null);
  const view = pod ? podView(pod) : undefined;
  const tone = view?.tone;
  const mounted = useRef(false);
  // Layout effects run after React's DOM update and before the browser styles it: an attribute set
  // here decides whether this very change animates.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const motion = podMotion.claim(performance.now());
    el.toggleAttribute(mounted.current ? 'data-fade' : 'data-enter', motion);
    mounted.current = true;
  }, [tone]);
  if (!pod || !view) return null;
  const name = pod.metadata?.name ?? podKey;
  const group = groupOf(pod, groupBy);
  return (
    <div
      ref={ref}
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
