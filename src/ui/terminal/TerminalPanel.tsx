import { lazy, memo, Suspense, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useClusterClient } from '../store/context';
import { runLine } from './kubectl-lite';
import styles from './terminal.module.css';

const XTerm = lazy(() => import('./XTerm'));

/** A shell for kubectl and `ssh <host> <command>`. */
export const TerminalPanel = memo(function TerminalPanel() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const transcript = useRef<HTMLPreElement>(null);
  const run = useCallback((line: string) => runLine(client, line), [client]);
  const onTranscript = useCallback((text: string) => {
    const el = transcript.current;
    if (!el) return;
    el.textContent = (el.textContent + text).slice(-20000);
  }, []);
  return (
    <div className={`${styles.panel} nokey`} data-testid="terminal">
      <Suspense fallback={<div className={styles.loading}>{t('terminal.loading')}</div>}>
        <XTerm
          prompt="$"
          banner={t('terminal.banner') + '\n'}
          ariaLabel={t('terminal.label')}
          run={run}
          onTranscript={onTranscript}
        />
      </Suspense>
      <pre ref={transcript} className="visually-hidden" data-testid="terminal-output" aria-live="polite" />
    </div>
  );
});
