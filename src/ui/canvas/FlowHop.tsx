import { memo } from 'react';
import { useCluster } from '../store/cluster-store';
import { hopEnds, placeLabel } from './label-placement';
import { drawnId } from './layout';
import { useLayout } from './canvas-state';
import styles from './canvas.module.css';

/** The hop of the current deployment-flow step, drawn bold with its number and summary. */
export const FlowHop = memo(function FlowHop() {
  const layout = useLayout();
  const record = useCluster((s) => (s.flow.active ? s.flow.record : undefined));
  if (!record) return null;
  const ia = drawnId(layout, record.from);
  const ib = drawnId(layout, record.to);
  if (!ia || !ib) return null;
  // From the sender's edge to the receiver's (not over their names); the label off the cards.
  const [a, b] = hopEnds(
    layout.anchors.get(ia)!,
    layout.anchors.get(ib)!,
    layout.boxes.get(ia),
    layout.boxes.get(ib),
  );
  const path = `M${a.x},${a.y} L${b.x},${b.y}`;
  const label = record.summary.length > 52 ? `${record.summary.slice(0, 51)}…` : record.summary;
  const w = Math.max(120, label.length * 7 + 44);
  const box = placeLabel(a, b, w, 26, layout.obstacles);
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
      {/* A leader from the label to the middle of its hop, when the label had to move away. */}
      <line
        x1={box.x + box.w / 2}
        y1={box.y + 13}
        x2={(a.x + b.x) / 2}
        y2={(a.y + b.y) / 2}
        className={styles.flowHopLeader}
      />
      <g transform={`translate(${box.x},${box.y})`} data-testid="flow-hop-label">
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
