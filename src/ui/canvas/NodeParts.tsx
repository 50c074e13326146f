import type { Node as KNode, Taint } from 'kubernetes-types/core/v1';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { formatCores, formatGiB, nodeInfo } from '../nodes/node-info';
import { useHopTouches, useNodePodKeys, useNodeRequests, useOverview } from './canvas-state';
import { PodChip } from './PodChip';
import { useLeavingKeys } from './leaving-pods';
import styles from './canvas.module.css';

export function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** Ready / NotReady and the taints of a node. */
export const NodeHeader = memo(function NodeHeader({ name, role }: { name: string; role?: string }) {
  const { t } = useTranslation();
  const obj = useObject('Node', name);
  const info = obj ? nodeInfo(obj) : undefined;
  const taints = (obj as KNode | undefined)?.spec?.taints ?? [];
  const readiness = info?.readiness ?? 'Unknown';
  return (
    <div className={styles.nodeHeader}>
      <div className={styles.nodeTitleRow}>
        <span className={styles.nodeName}>{name}</span>
        {role && <span className={styles.nodeRole}>{role}</span>}
        <span
          className={styles.readiness}
          data-state={readiness}
          data-testid={`node-readiness-${name}`}
          title={t('canvas.readinessHint')}
        >
          {readiness}
        </span>
      </div>
      <div className={styles.taints} title={taints.map(taintText).join('\n')}>
        {taints.length === 0 ? (
          <span className={styles.muted}>{t('canvas.noTaints')}</span>
        ) : (
          taints.map((tt) => (
            <span key={`${tt.key}:${tt.effect}`} className={styles.taint}>
              {taintText(tt)}
            </span>
          ))
        )}
      </div>
    </div>
  );
});

/**
 * The fill is scaled, not sized: a new value costs no layout. It changes at once: an animated
 * transform has unknown bounds, so the browser re-layerizes everything painted after it while it
 * runs; 40 bars gliding together with the pods' pop-ins made tasks of up to 72 ms (`npm run bench:ui`).
 */
function Bar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0;
  return (
    <div className={styles.bar} title={`${label}: ${text}`}>
      <div className={styles.barLabel}>
        <span>{label}</span>
        <span className={styles.barValue}>{text}</span>
      </div>
      <div
        className={styles.barTrack}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={used}
      >
        <div
          className={styles.barFill}
          style={{ transform: `scaleX(${pct / 100})` }}
          data-high={pct > 85 || undefined}
        />
      </div>
    </div>
  );
}

/** Requested / allocatable CPU and memory on a node. */
export const NodeResources = memo(function NodeResources({ name }: { name: string }) {
  const { t, i18n } = useTranslation();
  const obj = useObject('Node', name);
  const cpu = useNodeRequests(name, 'cpuMilli');
  const mem = useNodeRequests(name, 'memoryBytes');
  const info = obj ? nodeInfo(obj) : undefined;
  const lang = i18n.language;
  const cpuTotal = info?.cpuMilli ?? 0;
  const memTotal = info?.memoryBytes ?? 0;
  return (
    <div className={styles.resources}>
      <Bar
        label={t('canvas.cpu')}
        used={cpu}
        total={cpuTotal}
        text={`${formatCores(cpu, lang)} / ${formatCores(cpuTotal, lang)}`}
      />
      <Bar
        label={t('canvas.memory')}
        used={mem}
        total={memTotal}
        text={`${formatGiB(mem, lang).replace(' GiB', '')} / ${formatGiB(memTotal, lang)}`}
      />
    </div>
  );
});

const COMPONENT_LABEL: Record<string, string> = {
  kubelet: 'kubelet',
  'container-runtime': 'container runtime',
  'kube-proxy': 'kube-proxy',
};
/** What fits the same box in the overview's large type. */
const COMPONENT_SHORT: Record<string, string> = {
  kubelet: 'kubelet',
  'container-runtime': 'runtime',
  'kube-proxy': 'proxy',
};

/** A component box (absolutely placed by the layout). */
export const ComponentChip = memo(function ComponentChip({
  id,
  x,
  y,
  w,
  h,
}: {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}) {
  const hot = useHopTouches(id);
  const kind = id.split('@')[0];
  return (
    <div
      className={styles.chip}
      style={{ left: x, top: y, width: w, height: h }}
      data-hot={hot || undefined}
      data-kind={kind}
      data-testid={`component-${id}`}
    >
      <span className={styles.labelFull}>{COMPONENT_LABEL[kind] ?? kind}</span>
      <span className={styles.labelShort} aria-hidden>
        {COMPONENT_SHORT[kind] ?? kind}
      </span>
    </div>
  );
});

/** Pods on a node, in a grid; more than fit are counted. The overview's tiles fit more. */
export const PodGrid = memo(function PodGrid({
  node,
  max: fullMax,
  overviewMax,
}: {
  node: string;
  max: number;
  overviewMax: number;
}) {
  const { t } = useTranslation();
  const { all: keys, leaving } = useLeavingKeys(useNodePodKeys(node));
  const max = useOverview() ? overviewMax : fullMax;
  const shown = keys.length > max ? keys.slice(0, max - 1) : keys;
  return (
    <div className={styles.podGrid} role="list" aria-label={t('canvas.podsOn', { node })}>
      {shown.map((k) => (
        <PodChip key={k} podKey={k} leaving={leaving.has(k)} />
      ))}
      {keys.length > shown.length && (
        <div className={styles.more}>{t('canvas.morePods', { count: keys.length - shown.length })}</div>
      )}
    </div>
  );
});
