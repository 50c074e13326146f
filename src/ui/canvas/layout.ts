/**
 * Where everything sits on the canvas, in flow coordinates. Fixed sizes, so that the anchor of
 * every component (where its messages start and end) is known without measuring the DOM.
 */
import type { Node } from '@xyflow/react';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const ACTOR = { w: 180, h: 100 };
export const CP = {
  w: 780,
  h: 318,
  header: 44,
  scheduler: { x: 16, y: 56, w: 220, h: 76 },
  apiserver: { x: 280, y: 56, w: 220, h: 76 },
  etcd: { x: 544, y: 56, w: 220, h: 76 },
  kcm: { x: 16, y: 148, w: 484, h: 100 },
  tray: { x: 544, y: 148, w: 220, h: 100 },
  row: { y: 264, h: 38 },
};
export const WORKER = {
  w: 344,
  h: 352,
  header: 58,
  resources: { y: 62, h: 30 },
  row: { y: 100, h: 34 },
  pods: { y: 146, x: 12, colW: 156, gapX: 8, rowH: 36, cols: 2, rows: 5 },
  /** Pod tiles when zoomed out to the overview (canvas.module.css `.overview`). */
  overviewPods: { cols: 6, rows: 4 },
};
/** Component chips of a node (kubelet, container runtime, kube-proxy), relative to its card. */
export const NODE_COMPONENTS = [
  { id: 'kubelet', x: 12, w: 96 },
  { id: 'container-runtime', x: 114, w: 124 },
  { id: 'kube-proxy', x: 244, w: 88 },
] as const;
export const CP_NODE_COMPONENTS = [
  { id: 'kubelet', x: 16, w: 150 },
  { id: 'container-runtime', x: 176, w: 170 },
  { id: 'kube-proxy', x: 356, w: 144 },
] as const;

const GAP = 32;
const GRID_TOP = CP.h + 110;

export interface Layout {
  nodes: Node[];
  /** Component id (`kube-apiserver`, `kubelet@node-2`, …) → its centre. */
  anchors: Map<string, { x: number; y: number }>;
  /** Component id → its box (messages start and end at its edge, not over its text). */
  boxes: Map<string, Box>;
  /** What a message's label must not cover: the components, worker cards, the actor. */
  obstacles: Box[];
  /** Lines drawn under the cards: which components talk. */
  wires: Array<[string, string]>;
  bounds: Box;
}

export function columnsFor(n: number): number {
  if (n <= 4) return Math.max(1, n);
  if (n <= 6) return 3;
  if (n <= 12) return 4;
  return 5;
}

const centre = (x: number, y: number, b: { x: number; y: number; w: number; h: number }) => ({
  x: x + b.x + b.w / 2,
  y: y + b.y + b.h / 2,
});
const offset = (x: number, y: number, b: Box): Box => ({ x: x + b.x, y: y + b.y, w: b.w, h: b.h });

/** The layout for a control plane named `cp` (if any) and the given worker names, in order. */
export function computeLayout(cp: string | undefined, workers: readonly string[]): Layout {
  const cols = columnsFor(workers.length);
  const gridW = cols * WORKER.w + (cols - 1) * GAP;
  const width = Math.max(CP.w + ACTOR.w + 80, gridW);
  const cpX = Math.max(ACTOR.w + 80, (width - CP.w) / 2 + (gridW > CP.w + ACTOR.w + 80 ? 0 : ACTOR.w / 2));
  const cpY = 0;
  const gridX = (width - gridW) / 2;
  const nodes: Node[] = [];
  const anchors = new Map<string, { x: number; y: number }>();
  const boxes = new Map<string, Box>();
  const obstacles: Box[] = [];
  const wires: Array<[string, string]> = [];

  const actorX = cpX - ACTOR.w - 70;
  const actorY = cpY + CP.apiserver.y + CP.apiserver.h / 2 - ACTOR.h / 2;
  nodes.push({ id: 'actor', type: 'actor', position: { x: actorX, y: actorY }, data: {}, ...fixed });
  anchors.set('actor', { x: actorX + ACTOR.w, y: actorY + ACTOR.h / 2 });
  boxes.set('actor', { x: actorX, y: actorY, w: ACTOR.w, h: ACTOR.h });
  obstacles.push(boxes.get('actor')!);

  nodes.push({
    id: 'control-plane',
    type: 'controlPlane',
    position: { x: cpX, y: cpY },
    data: { name: cp },
    ...fixed,
  });
  anchors.set('kube-apiserver', centre(cpX, cpY, CP.apiserver));
  anchors.set('kube-scheduler', centre(cpX, cpY, CP.scheduler));
  anchors.set('etcd', centre(cpX, cpY, CP.etcd));
  anchors.set('kube-controller-manager', centre(cpX, cpY, CP.kcm));
  anchors.set('tray', centre(cpX, cpY, CP.tray));
  boxes.set('kube-apiserver', offset(cpX, cpY, CP.apiserver));
  boxes.set('kube-scheduler', offset(cpX, cpY, CP.scheduler));
  boxes.set('etcd', offset(cpX, cpY, CP.etcd));
  boxes.set('kube-controller-manager', offset(cpX, cpY, CP.kcm));
  boxes.set('tray', offset(cpX, cpY, CP.tray));
  obstacles.push(...boxes.values());
  obstacles.push({ x: cpX, y: cpY, w: CP.w, h: CP.header });
  wires.push(['actor', 'kube-apiserver'], ['kube-scheduler', 'kube-apiserver'], ['kube-apiserver', 'etcd']);
  wires.push(['kube-controller-manager', 'kube-apiserver']);
  if (cp) {
    for (const c of CP_NODE_COMPONENTS) {
      const b = { x: c.x, y: CP.row.y, w: c.w, h: CP.row.h };
      anchors.set(`${c.id}@${cp}`, centre(cpX, cpY, b));
      boxes.set(`${c.id}@${cp}`, offset(cpX, cpY, b));
      obstacles.push(offset(cpX, cpY, b));
    }
    anchors.set(`node@${cp}`, { x: cpX + CP.w / 2, y: cpY + CP.header / 2 });
    boxes.set(`node@${cp}`, { x: cpX, y: cpY, w: CP.w, h: CP.header });
  }

  workers.forEach((name, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    const x = gridX + col * (WORKER.w + GAP);
    const y = GRID_TOP + row * (WORKER.h + GAP);
    nodes.push({ id: `node:${name}`, type: 'worker', position: { x, y }, data: { name }, ...fixed });
    for (const c of NODE_COMPONENTS) {
      const b = { x: c.x, y: WORKER.row.y, w: c.w, h: WORKER.row.h };
      anchors.set(`${c.id}@${name}`, centre(x, y, b));
      boxes.set(`${c.id}@${name}`, offset(x, y, b));
    }
    anchors.set(`node@${name}`, { x: x + WORKER.w / 2, y: y + WORKER.header / 2 });
    boxes.set(`node@${name}`, { x, y, w: WORKER.w, h: WORKER.header });
    obstacles.push({ x, y, w: WORKER.w, h: WORKER.h });
    wires.push(['kube-apiserver', `kubelet@${name}`]);
  });
  const rows = Math.ceil(workers.length / cols);
  const height = GRID_TOP + rows * WORKER.h + Math.max(0, rows - 1) * GAP;
  const bounds = { x: Math.min(actorX, gridX) - 20, y: cpY - 20, w: width + 40, h: height + 40 };
  nodes.unshift({
    id: 'wires',
    type: 'wires',
    position: { x: bounds.x, y: bounds.y },
    data: {},
    zIndex: -1,
    ...fixed,
  });
  return { nodes, anchors, boxes, obstacles, wires, bounds };
}

const fixed = { draggable: false, selectable: false, connectable: false, focusable: false } as const;

/** The id a trace component is drawn as: `kubectl`/`user` are the actor, `pod@node`… its node. */
export function drawnId(layout: Pick<Layout, 'anchors'>, id: string): string | undefined {
  if (id === 'kubectl' || id === 'user') return 'actor';
  if (layout.anchors.has(id)) return id;
  const at = id.indexOf('@');
  if (at > 0 && layout.anchors.has(`node@${id.slice(at + 1)}`)) return `node@${id.slice(at + 1)}`;
  return undefined;
}

/** Where a trace component is drawn: `kubectl` and `user` are the actor outside the cluster. */
export function anchorOf(anchors: Layout['anchors'], id: string): { x: number; y: number } | undefined {
  if (id === 'kubectl' || id === 'user') return anchors.get('actor');
  const a = anchors.get(id);
  if (a) return a;
  const at = id.indexOf('@');
  if (at > 0) return anchors.get(`node@${id.slice(at + 1)}`);
  return undefined;
}
