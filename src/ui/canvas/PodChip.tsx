import { memo, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { groupColor } from './pod-status';
import { groupOf, useCanvasUi } from './canvas-state';
import { podView } from './pod-status';
import { animate, podMotion } from './motion-budget';
import styles from './canvas.module.css';

const ENTER: Keyframe[] = [
  { opacity: 0, transform: 'scale(0.6)' },
  { opacity: 1, transform: 'none' },
];
const ENTER_TIMING: KeyframeAnimationOptions = { duration: 320, easing: 'cubic-bezier(0.2, 0.9, 0.3, 1.2)' };
const PULSE: Keyframe[] = [{ transform: 'scale(2.2)' }, { transform: 'none' }];
const PULSE_TIMING: KeyframeAnimationOptions = { duration: 450, easing: 'ease-out' };

/**
 * One pod: selects only itself, so a pod's update re-renders this chip and nothing else. It pops in,
 * its status dot blinks when the status changes (both compositor-only, claimed from a shared
 * budget), and it leaves through its Terminating state.
 */
export const PodChip = memo(function PodChip({ podKey }: { podKey: string }) {
  const { t } = useTranslation();
  const pod = useObject('Pod', podKey);
  const groupBy = useCanvasUi((s) => s.groupBy);
  const ref = useRef<HTMLDivElement>(null);
  const dot = useRef<HTMLSpanElement>(null);
  const mounted = useRef(false);
  const view = pod ? podView(pod) : undefined;
  const status = view?.status;
  useLayoutEffect(() => {
    if (!status) return;
    const first = !mounted.current;
    mounted.current = true;
    if (!podMotion.claim(performance.now())) return;
    if (first) animate(ref.current, ENTER, ENTER_TIMING);
    else animate(dot.current, PULSE, PULSE_TIMING);
  }, [status]);
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
      <span ref={dot} className={styles.podDot} aria-hidden />
      <span className={styles.podName}>{name}</span>
      <span className={styles.podStatus}>{view.status}</span>
    </div>
  );
});
