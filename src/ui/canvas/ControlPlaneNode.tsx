import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { CP, CP_NODE_COMPONENTS } from './layout';
import { useHopTouches, useNodePodKeys } from './canvas-state';
import { ComponentChip, NodeHeader } from './NodeParts';
import { PodChip } from './PodChip';
import { useLeavingKeys } from './leaving-pods';
import styles from './canvas.module.css';

/** The controllers kube-controller-manager runs (src/sim/controllers). */
const CONTROLLERS = [
  'deployment',
  'replicaset',
  'daemonset',
  'nodelifecycle',
  'endpointslice',
  'serviceaccount',
  'namespace',
  'garbagecollector',
];

const Box = memo(function Box({
  id,
  box,
  title,
  subtitle,
  children,
}: {
  id: string;
  box: { x: number; y: number; w: number; h: number };
  title: string;
  subtitle?: string;
  children?: React.ReactNode;
}) {
  const hot = useHopTouches(id);
  return (
    <div
      className={styles.component}
      style={{ left: box.x, top: box.y, width: box.w, height: box.h }}
      data-hot={hot || undefined}
      data-testid={`component-${id}`}
    >
      <div className={styles.componentTitle}>{title}</div>
      {subtitle && <div className={styles.componentSub}>{subtitle}</div>}
      {children}
    </div>
  );
});

/** Pods no scheduler has placed yet: they wait here, next to kube-scheduler. */
const UnscheduledTray = memo(function UnscheduledTray() {
  const { t } = useTranslation();
  // A pod leaves the tray when it is bound to a node: it fades here as it appears there.
  const { all: keys, leaving } = useLeavingKeys(useNodePodKeys(''));
  const shown = keys.slice(0, 2);
  return (
    <div
      className={styles.tray}
      style={{ left: CP.tray.x, top: CP.tray.y, width: CP.tray.w, height: CP.tray.h }}
      data-testid="unscheduled"
    >
      <div className={styles.componentTitle}>{t('canvas.unscheduled')}</div>
      <div className={styles.trayPods} role="list" aria-label={t('canvas.unscheduled')}>
        {shown.map((k) => (
          <PodChip key={k} podKey={k} leaving={leaving.has(k)} />
        ))}
        {keys.length === 0 && <span className={styles.muted}>{t('canvas.noneWaiting')}</span>}
        {keys.length > shown.length && (
          <span className={styles.more}>{t('canvas.morePods', { count: keys.length - shown.length })}</span>
        )}
      </div>
    </div>
  );
});

export const ControlPlaneNode = memo(function ControlPlaneNode({ data }: NodeProps) {
  const { t } = useTranslation();
  const name = (data as { name?: string }).name;
  return (
    <section
      className={styles.controlPlane}
      style={{ width: CP.w, height: CP.h }}
      data-testid="canvas-control-plane"
      aria-label={t('canvas.controlPlane')}
    >
      {name ? (
        <NodeHeader name={name} role={t('canvas.controlPlane')} />
      ) : (
        <div className={styles.nodeHeader} />
      )}
      <Box
        id="kube-scheduler"
        box={CP.scheduler}
        title="kube-scheduler"
        subtitle={t('canvas.schedulerSub')}
      />
      <Box
        id="kube-apiserver"
        box={CP.apiserver}
        title="kube-apiserver"
        subtitle={t('canvas.apiserverSub')}
      />
      <Box id="etcd" box={CP.etcd} title="etcd" subtitle={t('canvas.etcdSub')} />
      <Box id="kube-controller-manager" box={CP.kcm} title="kube-controller-manager">
        <div className={styles.controllers}>
          {CONTROLLERS.map((c) => (
            <span key={c} className={styles.controller}>
              {c}
            </span>
          ))}
        </div>
      </Box>
      <UnscheduledTray />
      {name &&
        CP_NODE_COMPONENTS.map((c) => (
          <ComponentChip key={c.id} id={`${c.id}@${name}`} x={c.x} y={CP.row.y} w={c.w} h={CP.row.h} />
        ))}
    </section>
  );
});
