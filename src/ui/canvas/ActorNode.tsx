import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopTouches } from './canvas-state';
import styles from './canvas.module.css';

/** The learner and kubectl, outside the cluster. */
export const ActorNode = memo(function ActorNode() {
  const { t } = useTranslation();
  const hot = useHopTouches('kubectl');
  return (
    <div className={styles.actor} data-hot={hot || undefined} data-testid="component-kubectl">
      <div className={styles.actorIcon} aria-hidden>
        <svg viewBox="0 0 24 24" width="22" height="22">
          <path
            fill="currentColor"
            d="M4 5h16a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm1 2v10h14V7H5Zm2 2 3 2.5L7 14v-1.6l1.4-.9L7 10.6V9Zm4.5 4h5v1.5h-5V13Z"
          />
        </svg>
      </div>
      <div>
        <div className={styles.actorTitle}>kubectl</div>
        <div className={styles.actorSub}>{t('canvas.actor')}</div>
      </div>
    </div>
  );
});
