import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { useFaults } from './fault-store';
import { computeStory, type Stage } from './story';
import styles from './faults.module.css';

/** Collections the fault and traffic views read besides the app's own (kept across restarts). */
export function useExtraWatches(): void {
  const client = useClusterClient();
  useEffect(() => {
    client.watch('leases', 'Lease', '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases');
    client.watch('endpointslices', 'EndpointSlice', '/apis/discovery.k8s.io/v1/endpointslices');
    client.watch('services', 'Service', '/api/v1/services');
    client.watch('trafficruns', 'TrafficRun', '/simulator/v1/traffic/runs');
  }, [client]);
}

function secs(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 1000))} s`;
}

const StageRow = memo(function StageRow({
  stage,
  kind,
  focus,
}: {
  stage: Stage;
  kind: string;
  focus: boolean;
}) {
  const { t } = useTranslation();
  const title = t(`faults.story.${stage.id}.title`, stage.vars);
  const body = t(`faults.story.${stage.id}.${stage.id === 'lease' ? kind : 'body'}`, {
    ...stage.vars,
    defaultValue: t(`faults.story.${stage.id}.body`, stage.vars),
  });
  return (
    <li
      className={styles.stage}
      data-state={stage.state}
      data-stage={stage.id}
      data-testid={`story-${stage.id}`}
    >
      <span className={styles.stageDot} aria-hidden />
      <div className={styles.stageText}>
        <div className={styles.stageHead}>
          <span className={styles.stageTitle}>{title}</span>
          {stage.state === 'done' && stage.at !== undefined && (
            <span className={styles.stageTime}>
              {t('faults.story.at', { s: Math.round(stage.at / 1000) })}
            </span>
          )}
          {stage.state === 'running' && stage.remainingMs !== undefined && (
            <span className={styles.countdown} data-testid={`countdown-${stage.id}`}>
              {t('faults.story.in', { time: secs(stage.remainingMs) })}
            </span>
          )}
        </div>
        {focus ? <p className={styles.stageBody}>{body}</p> : <p className="visually-hidden">{body}</p>}
      </div>
    </li>
  );
});

/** Over the canvas: what follows a node going dark, step by step, with the real timers running. */
export const FaultStory = memo(function FaultStory() {
  const { t } = useTranslation();
  useExtraWatches();
  const story = useFaults((s) => s.story);
  const close = useFaults((s) => s.closeStory);
  const flowActive = useCluster((s) => s.flow.active);
  // A string, so the card re-renders only when a stage or a countdown's second changes.
  const json = useCluster((s) =>
    story
      ? JSON.stringify(
          computeStory(s, story).map((x) =>
            x.remainingMs === undefined ? x : { ...x, remainingMs: Math.ceil(x.remainingMs / 1000) * 1000 },
          ),
        )
      : '[]',
  );
  const parsed = useMemo(() => JSON.parse(json) as Stage[], [json]);
  // The stage being waited for explains itself; the others are one line each.
  const focus =
    parsed.find((x) => x.state === 'running')?.id ??
    parsed.filter((x) => x.state === 'done').at(-1)?.id ??
    parsed[0]?.id;
  if (!story || flowActive) return null;
  return (
    <section
      className={styles.story}
      data-testid="fault-story"
      aria-live="polite"
      aria-label={t('faults.story.label')}
    >
      <header className={styles.storyHead}>
        <span className={styles.storyBadge}>{t(`faults.kind.${story.kind}`)}</span>
        <h2 className={styles.storyTitle}>{t('faults.story.title', { node: story.target })}</h2>
        <Button
          size="sm"
          variant="ghost"
          onClick={close}
          aria-label={t('faults.story.close')}
          data-testid="story-close"
        >
          ×
        </Button>
      </header>
      <p className={styles.storyLead}>
        {t(`faults.explain.${story.kind as 'power-off'}`, { node: story.target })}
      </p>
      <ol className={styles.stages}>
        {parsed.map((st) => (
          <StageRow key={st.id} stage={st} kind={story.kind} focus={st.id === focus} />
        ))}
      </ol>
    </section>
  );
});
