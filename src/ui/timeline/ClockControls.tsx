import { memo, useCallback, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SPEEDS } from '../../worker/protocol';
import { Button } from '../components/Button';
import { PauseIcon, PlayIcon } from '../components/icons';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { formatElapsed, formatVirtualDate } from './format';
import styles from './ClockControls.module.css';

/** The virtual clock: re-renders every frame while time runs, so it is kept apart from the rest. */
const ClockReadout = memo(function ClockReadout() {
  const { t } = useTranslation();
  const now = useCluster((s) => s.clock.now);
  const epochMs = useCluster((s) => s.clock.epochMs);
  return (
    <div className={styles.readout} title={formatVirtualDate(epochMs, now)}>
      <span className={styles.caption}>{t('header.virtualTime')}</span>
      <time className={styles.time} data-testid="virtual-clock" dateTime={`PT${Math.floor(now / 1000)}S`}>
        {formatElapsed(now)}
      </time>
    </div>
  );
});

export const ClockControls = memo(function ClockControls() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const paused = useCluster((s) => s.clock.paused);
  const speed = useCluster((s) => s.clock.speed);
  const disabled = useCluster((s) => s.connection.status !== 'running');
  const toggle = useCallback(() => client.clock({ action: paused ? 'play' : 'pause' }), [client, paused]);
  const changeSpeed = useCallback(
    (e: ChangeEvent<HTMLSelectElement>) => client.clock({ action: 'speed', speed: Number(e.target.value) }),
    [client],
  );
  return (
    <div className={styles.group}>
      <ClockReadout />
      <Button
        variant={paused ? 'primary' : 'secondary'}
        iconOnly
        icon={paused ? <PlayIcon /> : <PauseIcon />}
        aria-label={paused ? t('header.play') : t('header.pause')}
        title={paused ? t('header.play') : t('header.pause')}
        aria-pressed={!paused}
        onClick={toggle}
        disabled={disabled}
        data-testid="play-pause"
      />
      <label className={styles.speed}>
        <span className="visually-hidden">{t('header.speed')}</span>
        <select
          value={speed}
          onChange={changeSpeed}
          disabled={disabled}
          data-testid="speed"
          title={t('header.speed')}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('header.speedOption', { speed: s })}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});
