import type { Node, Pod } from 'kubernetes-types/core/v1';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCluster } from '../store/cluster-store';
import { useClusterClient } from '../store/context';
import { controlPlaneFaults, nodeFaults, podFaults } from './actions';
import { FaultStory } from './FaultStory';
import { useFaults } from './fault-store';
import { nodeFlags, unitStopped } from './node-state';
import styles from './faults.module.css';

type Target =
  | { kind: 'node'; name: string }
  | { kind: 'pod'; key: string }
  | { kind: 'unit'; unit: 'kube-scheduler' | 'kube-controller-manager' };

interface Item {
  id: string;
  label: string;
  run: () => void;
  danger?: boolean;
}

function podKeyByName(name: string): string | undefined {
  const pods = useCluster.getState().objects.Pod ?? {};
  if (pods[`default/${name}`]) return `default/${name}`;
  return Object.keys(pods).find((k) => k.slice(k.indexOf('/') + 1) === name);
}

/** The innermost element matching `selector` under the point (React Flow's pane takes the events). */
function hit(root: Element, selector: string, x: number, y: number): Element | undefined {
  for (const el of root.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return el;
  }
  return undefined;
}

/** What was right-clicked on the canvas: a pod, kube-scheduler or kube-controller-manager, or a node. */
function targetAt(root: Element, x: number, y: number): Target | undefined {
  const pod = hit(root, '[data-testid^="pod-"]', x, y);
  if (pod) {
    const key = podKeyByName(pod.getAttribute('data-testid')!.slice(4));
    return key ? { kind: 'pod', key } : undefined;
  }
  const unit = hit(
    root,
    '[data-testid="component-kube-scheduler"], [data-testid="component-kube-controller-manager"]',
    x,
    y,
  );
  if (unit) return { kind: 'unit', unit: unit.getAttribute('data-testid')!.slice(10) as 'kube-scheduler' };
  const node = hit(root, '[data-testid^="canvas-node-"]', x, y);
  if (node) return { kind: 'node', name: node.getAttribute('data-testid')!.slice(12) };
  return undefined;
}

/** Right-click on a node, a pod, kube-scheduler or kube-controller-manager on the canvas. */
export const CanvasContextMenu = memo(function CanvasContextMenu() {
  const { t } = useTranslation();
  const client = useClusterClient();
  const [menu, setMenu] = useState<{ x: number; y: number; target: Target } | undefined>();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onContext = (e: MouseEvent) => {
      const root = (e.target as Element | null)?.closest('[data-testid="canvas"]');
      if (!root) return;
      const target = targetAt(root, e.clientX, e.clientY);
      if (!target) return;
      e.preventDefault();
      setMenu({ x: e.clientX, y: e.clientY, target });
    };
    document.addEventListener('contextmenu', onContext);
    return () => document.removeEventListener('contextmenu', onContext);
  }, []);

  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector('button')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof MouseEvent && ref.current?.contains(e.target as globalThis.Node)) return;
      setMenu(undefined);
    };
    window.addEventListener('keydown', close);
    window.addEventListener('mousedown', close);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('mousedown', close);
    };
  }, [menu]);

  if (!menu) return null;
  const { target } = menu;
  const entries = useFaults.getState().entries;
  let title: string;
  let items: Item[] = [];
  if (target.kind === 'node') {
    const n = target.name;
    title = `Node ${n}`;
    const f = nodeFlags(entries, n);
    const cordoned = (useCluster.getState().objects.Node?.[n] as Node | undefined)?.spec?.unschedulable;
    items = [
      f.off
        ? { id: 'power-on', label: t('faults.action.powerOn'), run: () => void nodeFaults.powerOn(client, n) }
        : {
            id: 'power-off',
            label: t('faults.action.powerOff'),
            run: () => void nodeFaults.powerOff(client, n),
            danger: true,
          },
      f.kubeletStopped
        ? {
            id: 'kubelet-start',
            label: t('faults.action.startKubelet'),
            run: () => void nodeFaults.startKubelet(client, n),
          }
        : {
            id: 'kubelet-stop',
            label: t('faults.action.stopKubelet'),
            run: () => void nodeFaults.stopKubelet(client, n),
            danger: true,
          },
      f.cut
        ? {
            id: 'network-restore',
            label: t('faults.action.restoreNetwork'),
            run: () => void nodeFaults.restoreNetwork(client, n),
          }
        : {
            id: 'network-cut',
            label: t('faults.action.cutNetwork'),
            run: () => void nodeFaults.cutNetwork(client, n),
            danger: true,
          },
      cordoned
        ? {
            id: 'uncordon',
            label: t('faults.action.uncordon'),
            run: () => void nodeFaults.uncordon(client, n),
          }
        : { id: 'cordon', label: t('faults.action.cordon'), run: () => void nodeFaults.cordon(client, n) },
      { id: 'drain', label: t('faults.action.drain'), run: () => void nodeFaults.drain(client, n) },
    ];
  } else if (target.kind === 'pod') {
    const pod = useCluster.getState().objects.Pod?.[target.key] as Pod | undefined;
    title = `Pod ${target.key}`;
    if (pod)
      items = [
        {
          id: 'crash',
          label: t('faults.action.crash'),
          run: () => void podFaults.crash(client, pod),
          danger: true,
        },
        {
          id: 'delete-pod',
          label: t('faults.action.deletePod'),
          run: () => void podFaults.delete(client, pod),
          danger: true,
        },
      ];
  } else {
    const u = target.unit;
    title = u;
    items = [
      unitStopped(entries, u)
        ? {
            id: 'unit-start',
            label: t('faults.action.start'),
            run: () => void controlPlaneFaults.start(client, u),
          }
        : {
            id: 'unit-stop',
            label: t('faults.action.stop'),
            run: () => void controlPlaneFaults.stop(client, u),
            danger: true,
          },
    ];
  }
  const x = Math.min(menu.x, window.innerWidth - 240);
  const y = Math.min(menu.y, window.innerHeight - 40 - items.length * 34);
  return (
    <div
      ref={ref}
      className={styles.menu}
      style={{ left: x, top: y }}
      role="menu"
      aria-label={title}
      data-testid="context-menu"
    >
      <div className={styles.menuTitle}>{title}</div>
      {items.map((it) => (
        <button
          key={it.id}
          type="button"
          role="menuitem"
          className={styles.menuItem}
          data-danger={it.danger || undefined}
          data-testid={`menu-${it.id}`}
          onClick={() => {
            setMenu(undefined);
            it.run();
          }}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
});

/** Everything the faults add over the canvas. */
export const FaultLayer = memo(function FaultLayer() {
  return (
    <>
      <FaultStory />
      <CanvasContextMenu />
    </>
  );
});
