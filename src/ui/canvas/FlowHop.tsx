import { memo } from 'react';
import { useCluster } from '../store/cluster-store';
import { anchorOf } from './layout';
import { useLayout } from './canvas-state';
import styles from './canvas.module.css';

/** The hop of the current deployment-flow step, drawn bold with its number and summary. */
export const FlowHop = memo(function FlowHop() {
  const layout = useLayout();
  const record = useCluster((s) => (s.flow.active ? s.flow.record : undefined));
  if (!record) return null;
  const a = anchorOf(layout.anchors, record.from);
  const b = anchorOf(layout.anchors, record.to);
  if (!a || !b) return null;
  const mx = (a.x + b.x) / 2;
  const path = `M${a.x},${a.y} L${b.x},${b.y}`;
  const label = record.summary.length > 52 ? `${record.summary.slice(0, 51)}…` : record.summary;
  const w = Math.max(120, label.length * 7 + 44);
  return (
    <svg
      className={styles.flowHop}
      data-testid="flow-hop"
      data-from={record.from}
      data-to={record.to}
      data-step={record.step}
      aria-hidden
    >
      <path d={path} className={styles.flowHopLine} />
      <circle r="7" className={styles.flowHopDot}>
        <animateMotion dur="1.4s" repeatCount="indefinite" path={path} />
      </circle>
      <g transform={`translate(${mx - w / 2},${Math.min(a.y, b.y) - 64})`}>
        <rect width={w} height="26" rx="13" className={styles.flowHopLabelBg} />
        <circle cx="13" cy="13" r="9" className={styles.flowHopBadge} />
        <text x="13" y="17" textAnchor="middle" className={styles.flowHopBadgeText}>
          {record.step}
        </text>
        <text x="30" y="17" className={styles.flowHopLabel}>
          {label}
        </text>
      </g>
    </svg>
  );
});
