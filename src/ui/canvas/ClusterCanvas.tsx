import {
  Background,
  BackgroundVariant,
  Controls,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  ViewportPortal,
  useReactFlow,
  useStore,
  type NodeTypes,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { inspectNodeClick } from '../inspector/canvas-click';
import { compareNodeNames } from '../nodes/node-info';
import { useObjectKeys } from '../store/selectors';
import { ActorNode } from './ActorNode';
import { LayoutContext, useCanvasUi, useOverview, type GroupBy } from './canvas-state';
import { ControlPlaneNode } from './ControlPlaneNode';
import { FlowHop } from './FlowHop';
import { computeLayout } from './layout';
import { MessageLayer } from './MessageLayer';
import { PacketLayer } from '../traffic/PacketLayer';
import { WiresNode } from './Wires';
import { WorkerNode } from './WorkerNode';
import styles from './canvas.module.css';

const nodeTypes: NodeTypes = {
  actor: ActorNode,
  controlPlane: ControlPlaneNode,
  worker: WorkerNode,
  wires: WiresNode,
};

const GroupSelect = memo(function GroupSelect() {
  const { t } = useTranslation();
  const groupBy = useCanvasUi((s) => s.groupBy);
  const setGroupBy = useCanvasUi((s) => s.setGroupBy);
  return (
    <label className={styles.groupSelect}>
      <span>{t('canvas.groupBy')}</span>
      <select
        value={groupBy}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => setGroupBy(e.target.value as GroupBy)}
        data-testid="group-by"
        aria-label={t('canvas.groupBy')}
      >
        <option value="none">{t('canvas.groupNone')}</option>
        <option value="namespace">{t('canvas.groupNamespace')}</option>
        <option value="deployment">{t('canvas.groupDeployment')}</option>
      </select>
    </label>
  );
});

const Legend = memo(function Legend() {
  const { t } = useTranslation();
  const tones = [
    ['pending', 'Pending'],
    ['creating', 'ContainerCreating'],
    ['running', 'Running'],
    ['terminating', 'Terminating'],
    ['failed', 'CrashLoopBackOff / Failed'],
  ] as const;
  return (
    <div className={styles.legend} aria-label={t('canvas.legend')}>
      {tones.map(([tone, label]) => (
        <span key={tone} className={styles.legendItem} data-tone={tone}>
          <span className={styles.podDot} aria-hidden />
          {label}
        </span>
      ))}
    </div>
  );
});

/** Room for the toolbar above, a margin at the sides, and whatever the caption covers below. */
function fitPadding(bottomInset: number) {
  return { top: '56px', left: '24px', right: '24px', bottom: `${Math.max(24, bottomInset + 12)}px` } as const;
}

function Flow() {
  const { t } = useTranslation();
  const names = useObjectKeys('Node', compareNodeNames);
  const cp = names.find((n) => n.startsWith('control-plane'));
  const workers = useMemo(() => names.filter((n) => n !== cp), [names, cp]);
  const layout = useMemo(() => computeLayout(cp, workers), [cp, workers]);
  const { fitView } = useReactFlow();
  // Fitted again when the layout changes and when the flow caption docks or leaves (not per step).
  const captionOpen = useCanvasUi((st) => st.bottomInset > 0);
  // …and when the pane is resized (an inspector widening the side column), in 40 px steps.
  const widthStep = useStore((st) => Math.round(st.width / 40));
  const overview = useOverview();
  useEffect(() => {
    const id = requestAnimationFrame(() => {
      const bottom = useCanvasUi.getState().bottomInset;
      void fitView({ padding: fitPadding(bottom), duration: 300 });
    });
    return () => cancelAnimationFrame(id);
  }, [layout, fitView, captionOpen, widthStep]);
  return (
    <LayoutContext.Provider value={layout}>
      <ReactFlow
        nodes={layout.nodes}
        edges={[]}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        onNodeClick={inspectNodeClick}
        minZoom={0.08}
        maxZoom={2}
        fitView
        fitViewOptions={{ padding: fitPadding(0) }}
        proOptions={{ hideAttribution: true }}
        className={overview ? styles.overview : undefined}
        data-detail={overview ? 'overview' : 'full'}
        aria-label={t('canvas.label')}
      >
        <Background variant={BackgroundVariant.Dots} gap={24} size={1} color="#cdd5df" />
        <Controls showInteractive={false} position="top-right" aria-label={t('canvas.zoomControls')} />
        <Panel position="top-left" className={styles.toolbar}>
          <GroupSelect />
          <Legend />
        </Panel>
        <MessageLayer />
        <ViewportPortal>
          <FlowHop />
          <PacketLayer />
        </ViewportPortal>
      </ReactFlow>
    </LayoutContext.Provider>
  );
}

/** The cluster as a picture: control plane, workers and their pods, and every message between them. */
export const ClusterCanvas = memo(function ClusterCanvas() {
  return (
    <div className={styles.canvas} data-testid="canvas">
      <ReactFlowProvider>
        <Flow />
      </ReactFlowProvider>
    </div>
  );
});
