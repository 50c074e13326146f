/**
 * Packets on the canvas: every trace record of kind `packet` travels from hop to hop, drawn apart
 * from the control-plane messages (orange squares), through the kube-proxy of the node whose rules
 * it walks, to the pod that answers. Hit counters of the newest traffic run sit on the pods.
 */
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { TraceRecord } from '../../worker/protocol';
import { useLayout } from '../canvas/canvas-state';
import { WORKER, type Layout } from '../canvas/layout';
import { useCluster, type ClusterState } from '../store/cluster-store';
import { latestRun } from './traffic-state';
import styles from './traffic.module.css';

const MIN_MS = 450;
const MAX_ACTIVE = 90;
const SVG_NS = 'http://www.w3.org/2000/svg';

type Pt = { x: number; y: number };

/** Where a pod chip sits (flow coordinates), from the worker card's pod grid. */
function podPoint(layout: Layout, s: ClusterState, podKey: string): Pt | undefined {
  const pod = s.objects.Pod?.[podKey];
  const node = (pod?.spec as { nodeName?: string } | undefined)?.nodeName;
  if (!node) return undefined;
  const card = layout.nodes.find((n) => n.id === `node:${node}`);
  if (!card) return layout.anchors.get(`node@${node}`);
  const keys = s.podsByNode[node] ?? [];
  const i = keys.indexOf(podKey);
  const max = WORKER.pods.cols * WORKER.pods.rows;
  if (i < 0 || (keys.length > max && i >= max - 1)) return layout.anchors.get(`kube-proxy@${node}`);
  const col = i % WORKER.pods.cols;
  const row = Math.floor(i / WORKER.pods.cols);
  const p = WORKER.pods;
  return {
    x: card.position.x + p.x + col * (p.colW + p.gapX) + p.colW / 2,
    y: card.position.y + p.y + row * p.rowH + 15,
  };
}

function pointOf(layout: Layout, s: ClusterState, id: string): Pt | undefined {
  if (id.startsWith('pod@')) return podPoint(layout, s, id.slice(4));
  // A node's packets are the node's kernel walking the rules kube-proxy wrote.
  if (id.startsWith('node@')) {
    const node = id.slice(5);
    return layout.anchors.get(`kube-proxy@${node}`) ?? layout.anchors.get(`node@${node}`);
  }
  return undefined;
}

interface Flight {
  from: Pt;
  to: Pt;
  start: number;
  duration: number;
  failed: boolean;
}

export const PacketLayer = memo(function PacketLayer() {
  const layout = useLayout();
  const svgRef = useRef<SVGSVGElement>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const flights: Flight[] = [];
    const pool: SVGRectElement[] = [];
    let lastSeq = useCluster.getState().trace.at(-1)?.seq ?? 0;
    let raf = 0;

    const enqueue = (records: readonly TraceRecord[]) => {
      const s = useCluster.getState();
      const now = performance.now();
      const speed = s.clock.speed || 1;
      for (const rec of records) {
        if (rec.seq <= lastSeq) continue;
        lastSeq = rec.seq;
        if (rec.kind !== 'packet') continue;
        const from = pointOf(layoutRef.current, s, rec.from);
        const to = pointOf(layoutRef.current, s, rec.to);
        if (!from || !to || (from.x === to.x && from.y === to.y)) continue;
        const delay = Math.min(600, Math.max(0, (rec.sentAt - s.clock.now) / speed));
        const failed = /RST|no answer|reset|DROP|REJECT/.test(rec.summary);
        flights.push({ from, to, start: now + delay, duration: MIN_MS, failed });
      }
      if (flights.length > MAX_ACTIVE) flights.splice(0, flights.length - MAX_ACTIVE);
      if (!raf && flights.length) raf = requestAnimationFrame(draw);
    };

    const draw = () => {
      raf = 0;
      const now = performance.now();
      for (let i = flights.length - 1; i >= 0; i--)
        if (now > flights[i].start + flights[i].duration) flights.splice(i, 1);
      while (pool.length < flights.length) {
        const r = document.createElementNS(SVG_NS, 'rect');
        r.setAttribute('width', '9');
        r.setAttribute('height', '9');
        r.setAttribute('x', '-4.5');
        r.setAttribute('y', '-4.5');
        r.setAttribute('rx', '2');
        svg.append(r);
        pool.push(r);
      }
      for (let i = 0; i < pool.length; i++) {
        const r = pool[i];
        const f = flights[i];
        if (!f || now < f.start) {
          r.style.display = 'none';
          continue;
        }
        const t = Math.min(1, (now - f.start) / f.duration);
        const x = f.from.x + (f.to.x - f.from.x) * t;
        const y = f.from.y + (f.to.y - f.from.y) * t;
        r.style.display = '';
        r.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)}) rotate(45)`);
        r.setAttribute('data-failed', f.failed ? '1' : '0');
      }
      if (flights.length) raf = requestAnimationFrame(draw);
    };

    const unsub = useCluster.subscribe((s, prev) => {
      if (s.replays !== prev.replays || s.connection.generation !== prev.connection.generation) {
        flights.length = 0;
        lastSeq = s.trace.at(-1)?.seq ?? 0;
        return;
      }
      if (s.trace !== prev.trace) {
        const first = s.trace.findIndex((r) => r.seq > lastSeq);
        if (first >= 0) enqueue(s.trace.slice(first));
      }
    });
    return () => {
      unsub();
      cancelAnimationFrame(raf);
      for (const r of pool) r.remove();
    };
  }, []);

  return (
    <>
      <svg ref={svgRef} className={styles.packets} aria-hidden data-testid="packet-layer" />
      <HitCounters />
    </>
  );
});

/** Per-pod hit counters of the newest traffic run, on the pods themselves. */
const HitCounters = memo(function HitCounters() {
  const { t } = useTranslation();
  const layout = useLayout();
  const hits = useCluster(
    useShallow((s: ClusterState) => {
      const run = latestRun(s);
      if (!run) return [] as string[];
      return Object.entries(run.status.perPod).map(([pod, n]) => {
        const p = podPoint(layout, s, pod);
        return p ? `${pod}|${n}|${p.x}|${p.y}` : '';
      });
    }),
  );
  return (
    <>
      {hits.filter(Boolean).map((h) => {
        const [pod, n, x, y] = h.split('|');
        const name = pod.split('/')[1];
        return (
          <div
            key={pod}
            className={styles.hits}
            style={{ transform: `translate(${Number(x) + 50}px, ${Number(y) - 24}px)` }}
            data-testid={`hits-${name}`}
            title={t('traffic.hitsTitle', { pod, count: Number(n) })}
          >
            {n}
          </div>
        );
      })}
    </>
  );
});
