import { AnimatePresence, m } from 'framer-motion';
import { memo, useEffect, useRef } from 'react';
import { useCanvasUi } from '../canvas/canvas-state';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import styles from './FlowCaption.module.css';

const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * Docked along the bottom of the stage; tells the canvas how much it covers, so the view is fitted
 * above it and no card hides behind it.
 */
function useReportHeight(): React.RefObject<HTMLElement | null> {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { setBottomInset } = useCanvasUi.getState();
    const report = () => {
      const h = Math.ceil(el.getBoundingClientRect().height) + 12;
      // Only growth moves the view (a shorter step text does not zoom the cluster back and forth).
      if (h > useCanvasUi.getState().bottomInset) setBottomInset(h);
    };
    const ro = new ResizeObserver(report);
    ro.observe(el);
    report();
    return () => {
      ro.disconnect();
      setBottomInset(0);
    };
  }, []);
  return ref;
}

/** The caption of the deployment flow's current step, from the step's own trace record. */
export const FlowCaption = memo(function FlowCaption() {
  const shown = useCluster((s) => s.flow.active && !!s.flow.record);
  // One element that appears and leaves: framer-motion slides it in and out at no measurable cost.
  return <AnimatePresence>{shown && <Caption key="flow-caption" />}</AnimatePresence>;
});

const Caption = memo(function Caption() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const flow = useCluster((s) => s.flow);
  const ref = useReportHeight();
  if (!flow.record) return null;
  const r = flow.record;
  const step = flow.step as (typeof STEPS)[number];
  const vars = {
    from: r.from,
    to: r.to,
    summary: r.summary,
    name: r.object?.name ?? '',
    kind: r.object?.kind ?? '',
    deployment: flow.deployment?.name ?? '',
  };
  return (
    <m.section
      ref={ref}
      initial={{ opacity: 0, y: 24 }}
      animate={{ opacity: 1, y: 0 }}
      exit={{ opacity: 0, y: 24 }}
      transition={{ duration: 0.25, ease: 'easeOut' }}
      className={styles.caption}
      data-testid="flow-caption"
      data-step={step}
      aria-live="polite"
    >
      <header className={styles.head}>
        <span className={styles.badge}>{t('flow.stepOf', { step, total: 10 })}</span>
        <h2 className={styles.title} data-testid="flow-title">
          {t(`flow.steps.${step}.title`, vars)}
        </h2>
      </header>
      <p className={styles.body} data-testid="flow-body">
        {t(`flow.steps.${step}.body`, vars)}
      </p>
      <div className={styles.side}>
        <div className={styles.hop}>
          <code>
            {r.from} → {r.to}
          </code>
          <code className={styles.summary}>{r.summary}</code>
        </div>
        <ol className={styles.dots} aria-label={t('flow.progress')}>
          {STEPS.map((s) => (
            <li key={s} data-done={s < step || undefined} data-current={s === step || undefined}>
              <span className="visually-hidden">{s}</span>
            </li>
          ))}
        </ol>
        <div className={styles.actions}>
          <Button size="sm" onClick={() => client.clock({ action: 'back' })} data-testid="flow-back">
            ← {t('timeline.back')}
          </Button>
          <Button
            size="sm"
            variant="primary"
            onClick={() => client.clock({ action: 'step' })}
            data-testid="flow-next"
          >
            {step < 10 ? t('flow.next') : t('flow.finish')} →
          </Button>
        </div>
      </div>
    </m.section>
  );
});
