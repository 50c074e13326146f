import { lazy, memo, Suspense, useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Transport } from '../../sim/kubectl/client';
import type { ClusterClient } from '../store/client';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import styles from './terminal.module.css';
import type { RunIo, RunResult } from './XTerm';

const XTerm = lazy(() => import('./XTerm'));

/**
 * A shell for KubeSim's kubectl (`kubectl …`, `k …`, heredocs into `kubectl apply -f -`) and
 * `ssh <host> <command>`. kubectl runs here, on the main thread; each request it makes goes to the
 * cluster worker (see ./transport.ts). Both load with the first command, as the terminal does.
 */
export const TerminalPanel = memo(function TerminalPanel() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const transcript = useRef<HTMLPreElement>(null);
  const transport = useRef<{ client: ClusterClient; transport: Transport }>(undefined);
  const run = useCallback(
    async (line: string, io: RunIo): Promise<RunResult> => {
      const [{ runTerminalLine }, { workerTransport }] = await Promise.all([
        import('../../sim/kubectl'),
        import('./transport'),
      ]);
      if (transport.current?.client !== client)
        transport.current = { client, transport: workerTransport(client) };
      // Ages are counted on the cluster's virtual clock, not the wall clock.
      const { now, epochMs } = useCluster.getState().clock;
      return runTerminalLine(line, {
        transport: transport.current.transport,
        tty: true,
        ...(epochMs ? { nowMs: epochMs + now } : {}),
        ...io,
      });
    },
    [client],
  );
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
