import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusPill, type Tone } from '../components/StatusPill';
import { useCluster, type ConnectionStatus } from '../store/cluster-store';

const TONE: Record<ConnectionStatus, Tone> = { booting: 'warning', running: 'success', crashed: 'danger' };
const LABEL = {
  booting: 'connection.booting',
  running: 'connection.running',
  crashed: 'connection.crashed',
} as const;

export const ConnectionBadge = memo(function ConnectionBadge() {
  const { t } = useTranslation();
  const status = useCluster((s) => s.connection.status);
  const seed = useCluster((s) => s.connection.seed);
  const paused = useCluster((s) => s.clock.paused);
  return (
    <StatusPill
      tone={TONE[status]}
      pulse={status === 'booting' || (status === 'running' && !paused)}
      detail={status === 'running' ? `· ${t('connection.seed', { seed })}` : undefined}
      data-testid="connection"
      data-status={status}
    >
      {t(LABEL[status])}
    </StatusPill>
  );
});
