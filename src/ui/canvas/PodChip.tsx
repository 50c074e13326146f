import { memo, useEffect, useLayoutEffect, useRef } from 'react';
import type { KubeObject } from '../../worker/protocol';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { groupColor } from './pod-status';
import { groupOf, useCanvasUi } from './canvas-state';
import { podView } from './pod-status';
import { animate, podMotion } from './motion-budget';
import { LEAVE_MS } from './leaving-pods';
import styles from './canvas.module.css';

// Opacity only: an animated transform has no known bounds, so the browser must assume it overlaps
// what is painted after it and re-layerize while it runs.
const ENTER: Keyframe[] = [{ opacity: 0 }, { opacity: 1 }];
const ENTER_TIMING: KeyframeAnimationOptions = { duration: 320, easing: 'ease-out' };
const PULSE: Keyframe[] = [
  { opacity: 1 },
  { opacity: 0.15 },
  { opacity: 1 },
  { opacity: 0.15 },
  { opacity: 1 },
];
const PULSE_TIMING: KeyframeAnimationOptions = { duration: 600, easing: 'ease-in-out' };
const LEAVE: Keyframe[] = [{ opacity: 1 }, { opacity: 0 }];
const LEAVE_TIMING: KeyframeAnimationOptions = { duration: LEAVE_MS, easing: 'ease-in', fill: 'forwards' };

/**
 * One pod: selects only itself, so a pod's update re-renders this chip and nothing else. It fades
 * in, its status dot blinks when the status changes, and once deleted (`leaving`, see
 * leaving-pods.ts) it fades out as it last was; each motion is claimed from a shared budget.
 */
export const PodChip = memo(function PodChip({
  podKey,
  leaving = false,
}: {
  podKey: string;
  leaving?: boolean;
}) {
  const { t } = useTranslation();
  const live = useObject('Pod', podKey);
  const last = useRef<KubeObject | undefined>(live);
  useEffect(() => {
    if (live) last.current = live;
  }, [live]);
  const pod = live ?? (leaving ? last.current : undefined);
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
  useLayoutEffect(() => {
    if (leaving && podMotion.claim(performance.now())) animate(ref.current, LEAVE, LEAVE_TIMING);
  }, [leaving]);
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
      data-leaving={leaving || undefined}
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
