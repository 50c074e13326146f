import { memo, useCallback, useEffect, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { formatElapsed } from './format';
import styles from './Timeline.module.css';

/** Whether a key event belongs to something the user types in (editor, terminal, fields). */
function typing(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  if (!el) return false;
  if (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))
    return el.getAttribute('type') !== 'range';
  return !!el.closest('.monaco-editor, .xterm, .nokey');
}

const Scrubber = memo(function Scrubber() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const now = useCluster((s) => s.clock.now);
  const horizon = useCluster((s) => s.timeline.horizon);
  const markers = useCluster((s) => s.timeline.markers);
  const max = Math.max(horizon, now, 1);
  const seek = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => client.clock({ action: 'seek', to: Number(e.target.value) }),
    [client],
  );
  return (
    <div className={styles.scrubber}>
      <div className={styles.track}>
        {markers.map((m, i) =>
          m.kind === 'flow' && m.step ? (
            <span
              key={i}
              className={styles.flowMarker}
              data-kind="flow"
              data-step={m.step}
              data-testid={`timeline-step-${m.step}`}
              style={{ left: `${(m.at / max) * 100}%` }}
              title={`${formatElapsed(m.at)} · ${t('flow.stepOf', { step: m.step, total: 10 })} · ${t(
                `flow.steps.${m.step as 1}.title`,
                { from: '', to: '', summary: '', name: '', kind: '', deployment: '' },
              )}`}
            />
          ) : (
            <span
              key={i}
              className={styles.marker}
              data-kind={m.kind}
              style={{ left: `${(m.at / max) * 100}%` }}
              title={`${formatElapsed(m.at)} · ${m.label}`}
            />
          ),
        )}
        <input
          type="range"
          min={0}
          max={max}
          step={100}
          value={Math.min(now, max)}
          onChange={seek}
          aria-label={t('timeline.scrubber')}
          aria-valuetext={formatElapsed(now)}
          data-testid="scrubber"
        />
      </div>
      <span className={styles.times}>
        {formatElapsed(now)} / {formatElapsed(max)}
      </span>
    </div>
  );
});

export const Timeline = memo(function Timeline() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const paused = useCluster((s) => s.clock.paused);
  const canBack = useCluster((s) => s.timeline.canBack);
  const flowEnabled = useCluster((s) => s.flow.enabled);
  const running = useCluster((s) => s.connection.status === 'running');
  const back = useCallback(() => client.clock({ action: 'back' }), [client]);
  const step = useCallback(() => client.clock({ action: 'step' }), [client]);
  const toggle = useCallback(
    () => client.clock({ action: useCluster.getState().clock.paused ? 'play' : 'pause' }),
    [client],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || typing(e)) return;
      if (e.key === ' ') toggle();
      else if (e.key === 'ArrowRight') step();
      else if (e.key === 'ArrowLeft') back();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, step, back]);

  return (
    <div className={styles.bar} role="toolbar" aria-label={t('timeline.label')} data-testid="timeline">
      <Button
        size="sm"
        onClick={back}
        disabled={!running || !canBack}
        data-testid="step-back"
        title={t('timeline.backHint')}
      >
        ← {t('timeline.back')}
      </Button>
      <Button
        size="sm"
        variant={paused ? 'primary' : 'secondary'}
        onClick={toggle}
        disabled={!running}
        data-testid="timeline-play"
        aria-pressed={!paused}
        title={t('timeline.playHint')}
      >
        {paused ? t('header.play') : t('header.pause')}
      </Button>
      <Button
        size="sm"
        onClick={step}
        disabled={!running}
        data-testid="step-next"
        title={t('timeline.nextHint')}
      >
        {t('timeline.next')} →
      </Button>
      <Scrubber />
      <label className={styles.flowToggle} title={t('timeline.flowHint')}>
        <input
          type="checkbox"
          checked={flowEnabled}
          onChange={(e) => client.clock({ action: 'flow', enabled: e.target.checked })}
          data-testid="flow-mode"
        />
        {t('timeline.flowMode')}
      </label>
    </div>
  );
});
