import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useObject } from '../store/selectors';
import { nodeInfo } from '../nodes/node-info';
import { NODE_COMPONENTS, WORKER } from './layout';
import { ComponentChip, NodeHeader, NodeResources, PodGrid } from './NodeParts';
import styles from './canvas.module.css';

/** A worker node: kubelet, container runtime and kube-proxy, and the pods it runs. */
export const WorkerNode = memo(function WorkerNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const name = (data as { name: string }).name;
  const obj = useObject('Node', name);
  const ready = obj ? nodeInfo(obj).readiness : 'Unknown';
  return (
    <section
      className={styles.worker}
      style={{ width: WORKER.w, height: WORKER.h }}
      data-ready={ready}
      data-testid={`canvas-node-${name}`}
      aria-label={t('canvas.workerLabel', { name, status: ready })}
    >
      <NodeHeader name={name} role={t('canvas.worker')} />
      <div className={styles.resourcesSlot} style={{ top: WORKER.resources.y }}>
        <NodeResources name={name} />
      </div>
      {NODE_COMPONENTS.map((c) => (
        <ComponentChip key={c.id} id={`${c.id}@${name}`} x={c.x} y={WORKER.row.y} w={c.w} h={WORKER.row.h} />
      ))}
      <div className={styles.podsSlot} style={{ top: WORKER.pods.y }}>
        <PodGrid
          node={name}
          max={WORKER.pods.cols * WORKER.pods.rows}
          overviewMax={WORKER.overviewPods.cols * WORKER.overviewPods.rows}
        />
      </div>
    </section>
  );
});
