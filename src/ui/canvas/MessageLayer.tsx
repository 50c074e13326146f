/**
 * Every trace record between two components travels along the line between them, timed by its
 * virtual send and delivery times and the playback speed. Drawn outside React: a pool of SVG
 * groups moved by one requestAnimationFrame loop, so a busy cluster never re-renders the canvas.
 */
import { memo, useEffect, useRef } from 'react';
import type { TraceRecord } from '../../worker/protocol';
import { useCluster } from '../store/cluster-store';
import { anchorOf } from './layout';
import { useLayout } from './canvas-state';
import styles from './canvas.module.css';

/** A hop lasts at least this long on screen (wall ms), so a 5 ms hop is still seen. */
const MIN_MS = 700;
const MAX_MS = 1600;
/** At most this many messages at once; older ones give way. */
const MAX_ACTIVE = 60;
/** Labels only while few messages are in flight: a crowd of labels is unreadable. */
const MAX_LABELS = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';

interface Flight {
  rec: TraceRecord;
  from: { x: number; y: number };
  to: { x: number; y: number };
  start: number;
  duration: number;
}

function makeGroup(): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('r', '6');
  const label = document.createElementNS(SVG_NS, 'text');
  label.setAttribute('dy', '-12');
  label.setAttribute('text-anchor', 'middle');
  g.append(dot, label);
  return g;
}

export const MessageLayer = memo(function MessageLayer() {
  const layout = useLayout();
  const svgRef = useRef<SVGSVGElement>(null);
  const layoutRef = useRef(layout);
  layoutRef.current = layout;

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const flights: Flight[] = [];
    const pool: SVGGElement[] = [];
    let lastSeq = useCluster.getState().trace.at(-1)?.seq ?? 0;
    let raf = 0;

    const enqueue = (records: readonly TraceRecord[]) => {
      const { clock } = useCluster.getState();
      const now = performance.now();
      const speed = clock.speed || 1;
      for (const rec of records) {
        if (rec.seq <= lastSeq) continue;
        lastSeq = rec.seq;
        if (rec.from === rec.to) continue;
        const from = anchorOf(layoutRef.current.anchors, rec.from);
        const to = anchorOf(layoutRef.current.anchors, rec.to);
        if (!from || !to) continue;
        const delay = Math.min(800, Math.max(0, (rec.sentAt - clock.now) / speed));
        const duration = Math.min(MAX_MS, Math.max(MIN_MS, (rec.deliverAt - rec.sentAt) / speed));
        flights.push({ rec, from, to, start: now + delay, duration });
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
        const g = makeGroup();
        svg.append(g);
        pool.push(g);
      }
      const labels = flights.length <= MAX_LABELS;
      for (let i = 0; i < pool.length; i++) {
        const g = pool[i];
        const f = flights[i];
        if (!f || now < f.start) {
          g.style.display = 'none';
          continue;
        }
        const t = Math.min(1, (now - f.start) / f.duration);
        const e = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
        const x = f.from.x + (f.to.x - f.from.x) * e;
        const y = f.from.y + (f.to.y - f.from.y) * e;
        g.style.display = '';
        g.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
        g.setAttribute('opacity', String(t > 0.85 ? (1 - t) / 0.15 : 1));
        g.setAttribute('data-kind', f.rec.kind);
        const text = g.lastChild as SVGTextElement;
        const label = labels ? summaryText(f.rec) : '';
        if (text.textContent !== label) text.textContent = label;
      }
      if (flights.length) raf = requestAnimationFrame(draw);
    };

    const unsub = useCluster.subscribe((s, prev) => {
      if (s.replays !== prev.replays || s.connection.generation !== prev.connection.generation) {
        // A replayed or new cluster: its history is not news.
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
      for (const g of pool) g.remove();
    };
  }, []);

  return <svg ref={svgRef} className={styles.messages} aria-hidden data-testid="message-layer" />;
});

function summaryText(r: TraceRecord): string {
  return r.summary.length > 44 ? `${r.summary.slice(0, 43)}…` : r.summary;
}
