import { memo, useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { AlertIcon, CloseIcon, RestartIcon } from '../components/icons';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import styles from './ErrorBanner.module.css';

/** A fatal worker error: what happened, the details on demand, and a restart. The page stays. */
export const ErrorBanner = memo(function ErrorBanner() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const error = useCluster((s) => s.connection.fatalError);
  const seed = useCluster((s) => s.connection.seed);
  const restart = useCallback(() => client.restart({ seed: seed || undefined }), [client, seed]);
  if (!error) return null;
  return (
    <div className={styles.banner} role="alert" data-testid="cluster-error">
      <AlertIcon size={20} className={styles.icon} />
      <div className={styles.text}>
        <p className={styles.title}>{t('error.title')}</p>
        <p className={styles.body}>{t('error.body')}</p>
        <code className={styles.message}>{error.message}</code>
        {error.stack && (
          <details className={styles.details}>
            <summary>{t('error.details')}</summary>
            <pre>{error.stack}</pre>
          </details>
        )}
      </div>
      <Button variant="danger" icon={<RestartIcon />} onClick={restart} data-testid="restart">
        {t('error.restart')}
      </Button>
    </div>
  );
});

/** Non-fatal errors (a failed request, a bad watch event): small, dismissible. */
export const Notices = memo(function Notices() {
  const { t } = useTranslation();
  const notices = useCluster((s) => s.connection.notices);
  const dismiss = useCluster((s) => s.dismissNotice);
  if (!notices.length) return null;
  return (
    <ul className={styles.notices} aria-live="polite">
      {notices.map((n) => (
        <li key={n.at} className={styles.notice}>
          <AlertIcon className={styles.noticeIcon} />
          <span className={styles.noticeText}>
            <strong>{t('error.notice')}</strong> {n.message}
          </span>
          <Button
            variant="ghost"
            size="sm"
            iconOnly
            icon={<CloseIcon />}
            aria-label={t('error.dismiss')}
            onClick={() => dismiss(n.at)}
          />
        </li>
      ))}
    </ul>
  );
});
