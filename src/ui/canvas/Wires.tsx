import { memo } from 'react';
import { anchorOf } from './layout';
import { useLayout } from './canvas-state';
import styles from './canvas.module.css';

/** The lines between components, under the cards. */
export const WiresNode = memo(function WiresNode() {
  const layout = useLayout();
  const { bounds, wires, anchors } = layout;
  return (
    <svg className={styles.wires} width={bounds.w} height={bounds.h} aria-hidden>
      {wires.map(([a, b]) => {
        const p = anchorOf(anchors, a);
        const q = anchorOf(anchors, b);
        if (!p || !q) return null;
        return (
          <line
            key={`${a}-${b}`}
            x1={p.x - bounds.x}
            y1={p.y - bounds.y}
            x2={q.x - bounds.x}
            y2={q.y - bounds.y}
          />
        );
      })}
    </svg>
  );
});
