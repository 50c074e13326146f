import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TraceRecord } from '../../worker/protocol';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { useObject } from '../store/selectors';
import { compareEventsNewestFirst, eventObject, type EventLike } from './format';
import { useLastRecord, useSimGet } from './hooks';
import { useInspector, type PodRef } from './inspector-store';
import styles from './inspector.module.css';

interface FilterVerdict {
  plugin: string;
  verdict: string;
  reason?: string;
}
interface Score {
  plugin: string;
  weight: number;
  raw: number;
  normalized: number;
  weighted: number;
}
interface NodeDecision {
  name: string;
  feasible: boolean;
  filters: FilterVerdict[];
  scores?: Score[];
  total?: number;
  chosen: boolean;
}
interface Decision {
  pod: { namespace: string; name: string };
  time: string;
  virtualTimeMs: number;
  attempt: number;
  result: 'Scheduled' | 'Unschedulable' | 'Error';
  node?: string;
  message?: string;
  reason?: string;
  numAllNodes: number;
  evaluatedNodes: number;
  feasibleNodes: number;
  preFilter: FilterVerdict[];
  scorePlugins: Array<{ plugin: string; weight: number }>;
  skippedScorePlugins: string[];
  postFilterMessage?: string;
  detailDropped?: true;
  nodes: NodeDecision[];
}

const isSchedule = (r: TraceRecord) => r.kind === 'schedule' && r.object?.kind === 'Pod';
const FAIL = new Set(['Unschedulable', 'UnschedulableAndUnresolvable', 'Error']);

/** `NodeResourcesFit` → `NodeResources Fit` break points, so narrow column heads wrap between words. */
function Wrap({ text }: { text: string }) {
  const parts = text.split(/(?<=[a-z])(?=[A-Z])/);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}

function Verdict({ v }: { v: FilterVerdict }) {
  const { t } = useTranslation();
  const fail = FAIL.has(v.verdict);
  const label =
    v.verdict === 'Success'
      ? t('inspector.scheduler.pass')
      : fail
        ? t('inspector.scheduler.fail')
        : v.verdict === 'Skip'
          ? t('inspector.scheduler.skip')
          : t('inspector.scheduler.notRun');
  return (
    <span
      className={styles.verdict}
      data-verdict={v.verdict === 'Success' ? 'pass' : fail ? 'fail' : 'none'}
      title={`${v.plugin}: ${v.verdict}${v.reason ? ` — ${v.reason}` : ''}`}
    >
      {v.verdict === 'Success' ? '✓ ' : fail ? '✗ ' : ''}
      {label}
    </span>
  );
}

function PodPicker({ current }: { current?: PodRef }) {
  const { t } = useTranslation();
  const open = useInspector((s) => s.inspectScheduler);
  const keys = useCluster(useShallow((s: ClusterState) => Object.keys(s.objects.Pod ?? {}).sort()));
  const value = current ? `${current.namespace}/${current.name}` : '';
  return (
    <div className={styles.picker}>
      <label className={`${styles.field} ${styles.grow}`}>
        <span>Pod</span>
        <select
          value={value}
          onChange={(e) => {
            const [namespace, name] = e.target.value.split('/');
            open({ namespace, name });
          }}
          data-testid="scheduler-pod"
        >
          {!value && <option value="">{t('inspector.object.choose')}</option>}
          {keys.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const EMPTY: EventLike[] = [];

function PendingWhy({ pod, decision }: { pod: PodRef; decision?: Decision }) {
  const { t } = useTranslation();
  const events = useCluster(
    useShallow((s: ClusterState) => {
      const out: EventLike[] = [];
      for (const e of Object.values(s.objects.Event ?? {}) as EventLike[]) {
        const o = eventObject(e);
        if (
          e.reason === 'FailedScheduling' &&
          o.kind === 'Pod' &&
          o.name === pod.name &&
          o.namespace === pod.namespace
        )
          out.push(e);
      }
      return out.length ? out : EMPTY;
    }),
  );
  const latest = [...events].sort(compareEventsNewestFirst)[0];
  const failing = (decision?.nodes ?? []).flatMap((n) =>
    n.filters.filter((f) => FAIL.has(f.verdict)).map((f) => ({ node: n.name, ...f })),
  );
  return (
    <section
      className={styles.why}
      data-testid="scheduler-why"
      aria-label={t('inspector.scheduler.whyPending')}
    >
      <h3 className={styles.sectionTitle}>{t('inspector.scheduler.whyPending')}</h3>
      <p className={styles.whyMessage} data-testid="scheduler-why-message">
        <span className={styles.eventType} data-type="Warning">
          FailedScheduling
        </span>{' '}
        {latest?.message ?? decision?.message ?? t('inspector.scheduler.waiting')}
      </p>
      {failing.length > 0 && (
        <ul className={styles.failList}>
          {failing.map((f) => (
            <li key={`${f.node}/${f.plugin}`}>
              <strong>{f.node}</strong> · <span className={styles.mono}>{f.plugin}</span>:{' '}
              {f.reason ?? f.verdict}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function DecisionView({ d, pending }: { d: Decision; pending: boolean }) {
  const { t } = useTranslation();
  const open = useInspector((s) => s.inspectObject);
  const filterPlugins = d.nodes[0]?.filters.map((f) => f.plugin) ?? [];
  const scorePlugins = d.scorePlugins;
  const feasible = d.nodes.filter((n) => n.feasible).sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const failures = d.nodes.flatMap((n) =>
    n.filters.filter((f) => FAIL.has(f.verdict)).map((f) => ({ node: n.name, ...f })),
  );
  const nodeCell = (n: NodeDecision): ReactNode => (
    <th scope="row">
      <button type="button" className={styles.objLink} onClick={() => open({ kind: 'Node', name: n.name })}>
        {n.name}
      </button>
      {n.chosen && <span className={styles.chosen}>{t('inspector.scheduler.chosen')}</span>}
    </th>
  );
  return (
    <>
      <div className={styles.resultBanner} data-result={d.result} data-testid="scheduler-result">
        <strong>
          {d.result === 'Scheduled'
            ? t('inspector.scheduler.scheduledOn', { node: d.node })
            : `${d.result}${d.reason && d.reason !== d.result ? ` (${d.reason})` : ''}`}
        </strong>
        <span>
          {t('inspector.scheduler.summary', {
            attempt: d.attempt,
            all: d.numAllNodes,
            evaluated: d.evaluatedNodes,
            feasible: d.feasibleNodes,
            time: (d.virtualTimeMs / 1000).toFixed(2),
          })}
        </span>
        {d.message && !pending && <span className={styles.mono}>{d.message}</span>}
      </div>
      {d.detailDropped && <p className={styles.muted}>{t('inspector.scheduler.dropped')}</p>}
      <section className={styles.section} aria-label={t('inspector.scheduler.filters')}>
        <h3 className={styles.sectionTitle}>
          {t('inspector.scheduler.filters')}{' '}
          <span className={styles.sectionHint}>{t('inspector.scheduler.filtersHint')}</span>
        </h3>
        <div className={styles.tableWrap}>
          <table className={`${styles.table} ${styles.matrix}`} data-testid="scheduler-filters">
            <thead>
              <tr>
                <th scope="col">Node</th>
                {filterPlugins.map((p) => (
                  <th key={p} scope="col">
                    <Wrap text={p} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.nodes.map((n) => (
                <tr
                  key={n.name}
                  data-chosen={n.chosen || undefined}
                  data-feasible={n.feasible}
                  data-testid={`filter-row-${n.name}`}
                >
                  {nodeCell(n)}
                  {n.filters.map((f) => (
                    <td key={f.plugin}>
                      <Verdict v={f} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {failures.length > 0 && !pending && (
          <ul className={styles.failList} aria-label={t('inspector.scheduler.reasons')}>
            {failures.map((f) => (
              <li key={`${f.node}/${f.plugin}`}>
                <strong>{f.node}</strong> · <span className={styles.mono}>{f.plugin}</span>:{' '}
                {f.reason ?? f.verdict}
              </li>
            ))}
          </ul>
        )}
      </section>
      {feasible.length > 0 && scorePlugins.length > 0 && (
        <section className={styles.section} aria-label={t('inspector.scheduler.scores')}>
          <h3 className={styles.sectionTitle}>
            {t('inspector.scheduler.scores')}{' '}
            <span className={styles.sectionHint}>{t('inspector.scheduler.scoresHint')}</span>
          </h3>
          <div className={styles.tableWrap}>
            <table className={`${styles.table} ${styles.matrix}`} data-testid="scheduler-scores">
              <thead>
                <tr>
                  <th scope="col">Node</th>
                  {scorePlugins.map((p) => (
                    <th key={p.plugin} scope="col">
                      <Wrap text={p.plugin} />
                      <span className={styles.weight}>×{p.weight}</span>
                    </th>
                  ))}
                  <th scope="col">{t('inspector.scheduler.total')}</th>
                </tr>
              </thead>
              <tbody>
                {feasible.map((n) => (
                  <tr key={n.name} data-chosen={n.chosen || undefined} data-testid={`score-row-${n.name}`}>
                    {nodeCell(n)}
                    {scorePlugins.map((p) => {
                      const s = n.scores?.find((x) => x.plugin === p.plugin);
                      return (
                        <td key={p.plugin} className={styles.scoreCell}>
                          {s ? (
                            <>
                              <strong>{s.weighted}</strong>
                              <span className={styles.scoreParts}>
                                {t('inspector.scheduler.scoreParts', {
                                  raw: s.raw,
                                  normalized: s.normalized,
                                  weight: s.weight,
                                })}
                              </span>
                            </>
                          ) : (
                            '—'
                          )}
                        </td>
                      );
                    })}
                    <td className={styles.total} data-testid={`score-total-${n.name}`}>
                      {n.total ?? '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {d.skippedScorePlugins.length > 0 && (
            <p className={styles.sectionHint}>
              {t('inspector.scheduler.skipped', { plugins: d.skippedScorePlugins.join(', ') })}
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** Why a pod went where it did: per node, each filter's verdict and each score plugin's score. */
export const SchedulerInspector = memo(function SchedulerInspector() {
  const { t } = useTranslation();
  const chosen = useInspector((s) => s.schedulerPod);
  const latest = useLastRecord('schedule', isSchedule);
  const pod: PodRef | undefined =
    chosen ??
    (latest?.object
      ? { namespace: latest.object.namespace ?? 'default', name: latest.object.name }
      : undefined);
  const podObj = useObject('Pod', pod ? `${pod.namespace}/${pod.name}` : '');
  const lastForPod = useLastRecord(
    `schedule:${pod?.namespace}/${pod?.name}`,
    (r) => isSchedule(r) && r.object?.name === pod?.name && r.object?.namespace === pod?.namespace,
  );
  const { data, error } = useSimGet<{ items: Decision[] }>(
    pod ? '/simulator/v1/scheduler/decisions' : undefined,
    pod ? `namespace=${encodeURIComponent(pod.namespace)}&pod=${encodeURIComponent(pod.name)}` : '',
    `${lastForPod?.seq}|${(podObj?.spec as { nodeName?: string } | undefined)?.nodeName}`,
  );
  const [attempt, setAttempt] = useState(0);
  const items = useMemo(
    () => (data?.items ?? []).filter((d) => d.pod.name === pod?.name && d.pod.namespace === pod?.namespace),
    [data, pod?.name, pod?.namespace],
  );
  const d = items[Math.min(attempt, items.length - 1)];
  const pending =
    podObj &&
    !(podObj.spec as { nodeName?: string } | undefined)?.nodeName &&
    (podObj.status as { phase?: string })?.phase === 'Pending';
  return (
    <div className={styles.inspector} data-testid="scheduler-inspector">
      <PodPicker current={pod} />
      {!pod && <p className={styles.empty}>{t('inspector.scheduler.hint')}</p>}
      {pod && (
        <div className={styles.scroll}>
          {items.length > 1 && (
            <div className={styles.attempts} role="group" aria-label={t('inspector.scheduler.attempts')}>
              {items.map((it, i) => (
                <button
                  key={`${it.attempt}-${it.virtualTimeMs}`}
                  type="button"
                  className={styles.segment}
                  aria-pressed={i === Math.min(attempt, items.length - 1)}
                  onClick={() => setAttempt(i)}
                >
                  {t('inspector.scheduler.attempt', { n: it.attempt })} · {it.result}
                </button>
              ))}
            </div>
          )}
          {pending && <PendingWhy pod={pod} decision={d} />}
          {d ? (
            <DecisionView d={d} pending={!!pending} />
          ) : (
            <p className={styles.muted}>{error ?? t('inspector.loading')}</p>
          )}
        </div>
      )}
    </div>
  );
});
