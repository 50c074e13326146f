/**
 * Every trace record between two components travels along the line between them, timed by its
 * virtual send and delivery times and the playback speed. Drawn outside React, on one <canvas>
 * above the cards, by one requestAnimationFrame loop that runs only while messages fly: a busy
 * cluster never re-renders the canvas, and a frame costs one small bitmap, not DOM mutations.
 *
 * A dot leaves its sender's box and enters its receiver's at their edges (never over a
 * component's name). While few messages fly, each carries a label on a pill placed off the cards
 * and off the other labels. At high speed the number in flight is capped; what a burst leaves out
 * is summarised ("+312 messages") in a corner, on a DOM pill rewritten only when its number changes:
 * canvas text makes the browser resolve styles in the middle of a frame (measureText, fillText).
 */
import { useStoreApi } from '@xyflow/react';
import { Fragment, memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TraceRecord } from '../../worker/protocol';
import { useCluster } from '../store/cluster-store';
import { useLayout } from './canvas-state';
import { hopEnds, placeLabel, type Point } from './label-placement';
import { drawnId, type Box, type Layout } from './layout';
import styles from './canvas.module.css';

/** A hop lasts at least this long on screen (wall ms), so a 5 ms hop is still seen. */
const MIN_MS = 700;
const MAX_MS = 1600;
/** At most this many messages at once; older ones give way. */
const MAX_ACTIVE = 48;
/** Labels only while few messages are in flight: a crowd of labels is unreadable. */
const MAX_LABELS = 6;
/** Records delivered this long before the clock (virtual ms) arrived as history, not as live hops. */
const HISTORY_MS = 1000;
/** How long the burst summary stays (wall ms). */
const SUMMARY_MS = 1500;
const FONT = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
const LABEL_H = 20;

const KIND_COLOUR: Record<string, string> = {
  'etcd-put': '#0f9d8a',
  'etcd-delete': '#0f9d8a',
  watch: '#8b4fd6',
  cri: '#b4541a',
};
const DEFAULT_COLOUR = '#326ce5';

interface Flight {
  rec: TraceRecord;
  from: Point;
  to: Point;
  start: number;
  duration: number;
  colour: string;
  label: string;
  labelW: number;
  /** Label box in flow coordinates (placed when the label is first drawn, at that zoom). */
  labelBox?: Box;
  labelZoom?: number;
}

function summaryText(r: TraceRecord): string {
  return r.summary.length > 44 ? `${r.summary.slice(0, 43)}…` : r.summary;
}

function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

function pill(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number): void {
  const r = h / 2;
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

export const MessageLayer = memo(function MessageLayer() {
  const { t } = useTranslation();
  const layout = useLayout();
  const flowStore = useStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const burstRef = useRef<HTMLDivElement>(null);
  const layoutRef = useRef<Layout>(layout);
  const burstText = useRef<(n: number) => string>((n) => `+${n}`);
  useEffect(() => {
    layoutRef.current = layout;
    burstText.current = (n) => t('canvas.burst', { count: n });
  }, [layout, t]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const burstPill = burstRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !burstPill) return;
    const flights: Flight[] = [];
    let lastSeq = useCluster.getState().trace.at(-1)?.seq ?? 0;
    let raf = 0;
    let width = 0;
    let height = 0;
    let dpr = 1;
    let burst = 0;
    let burstUntil = 0;
    let burstShown = 0;
    let painted = false;

    const showBurst = (n: number) => {
      if (n === burstShown) return;
      burstShown = n;
      burstPill.hidden = n === 0;
      if (n) burstPill.textContent = burstText.current(n);
    };

    const resize = () => {
      dpr = window.devicePixelRatio || 1;
      width = canvas.clientWidth;
      height = canvas.clientHeight;
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      painted = true; // a resized canvas is blank; redraw what flies
      schedule();
    };
    const ro = new ResizeObserver(resize);
    ro.observe(canvas);

    const schedule = () => {
      if (!raf && (flights.length || painted)) raf = requestAnimationFrame(draw);
    };

    const measure = (text: string): number => {
      ctx.font = FONT;
      return Math.ceil(ctx.measureText(text).width) + 16;
    };

    const enqueue = (records: readonly TraceRecord[], dropped: number) => {
      const { clock } = useCluster.getState();
      const now = performance.now();
      const speed = clock.speed || 1;
      const l = layoutRef.current;
      let skipped = dropped;
      for (const rec of records) {
        if (rec.seq <= lastSeq) continue;
        lastSeq = rec.seq;
        if (rec.from === rec.to || rec.kind === 'packet') continue; // packets: traffic/PacketLayer
        // History (a boot or a replay sent after the fact) is not animated, nor counted as left out.
        if (rec.deliverAt < clock.now - HISTORY_MS) continue;
        const a = drawnId(l, rec.from);
        const b = drawnId(l, rec.to);
        if (!a || !b || a === b) continue;
        const [from, to] = hopEnds(l.anchors.get(a)!, l.anchors.get(b)!, l.boxes.get(a), l.boxes.get(b));
        const delay = Math.min(800, Math.max(0, (rec.sentAt - clock.now) / speed));
        const duration = Math.min(MAX_MS, Math.max(MIN_MS, (rec.deliverAt - rec.sentAt) / speed));
        const label = summaryText(rec);
        flights.push({
          rec,
          from,
          to,
          start: now + delay,
          duration,
          colour: KIND_COLOUR[rec.kind] ?? DEFAULT_COLOUR,
          label,
          labelW: 0,
        });
      }
      if (flights.length > MAX_ACTIVE) skipped += flights.splice(0, flights.length - MAX_ACTIVE).length;
      if (skipped > 0) {
        burst = (now < burstUntil ? burst : 0) + skipped;
        burstUntil = now + SUMMARY_MS;
      }
      schedule();
    };

    const draw = () => {
      raf = 0;
      const now = performance.now();
      for (let i = flights.length - 1; i >= 0; i--)
        if (now > flights[i].start + flights[i].duration) flights.splice(i, 1);
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const [tx, ty, zoom] = flowStore.getState().transform;
      const sx = (x: number) => tx + x * zoom;
      const sy = (y: number) => ty + y * zoom;
      const flying = flights.filter((f) => now >= f.start);
      const labels = flying.length <= MAX_LABELS;
      const r = Math.max(3, 6 * zoom);
      const taken: Box[] = [];
      ctx.font = FONT;
      ctx.textBaseline = 'middle';
      for (const f of flying) {
        const p = Math.min(1, (now - f.start) / f.duration);
        const e = ease(p);
        const x = sx(f.from.x + (f.to.x - f.from.x) * e);
        const y = sy(f.from.y + (f.to.y - f.from.y) * e);
        ctx.globalAlpha = p > 0.85 ? (1 - p) / 0.15 : 1;
        ctx.beginPath();
        ctx.arc(x, y, r, 0, Math.PI * 2);
        ctx.fillStyle = f.colour;
        ctx.fill();
        ctx.lineWidth = 1.5;
        ctx.strokeStyle = '#fff';
        ctx.stroke();
        if (!labels) continue;
        // The label stays put (readable) while the dot moves; placed in flow space, kept at screen size.
        if (!f.labelBox || f.labelZoom !== zoom) {
          if (!f.labelW) f.labelW = measure(f.label);
          f.labelBox = placeLabel(
            f.from,
            f.to,
            f.labelW / zoom,
            LABEL_H / zoom,
            layoutRef.current.obstacles,
            taken,
          );
          f.labelZoom = zoom;
        }
        taken.push(f.labelBox);
        const bx = sx(f.labelBox.x);
        const by = sy(f.labelBox.y);
        pill(ctx, bx, by, f.labelW, LABEL_H);
        ctx.fillStyle = 'rgba(255,255,255,0.94)';
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = f.colour;
        ctx.stroke();
        ctx.fillStyle = '#1f2937';
        ctx.fillText(f.label, bx + 8, by + LABEL_H / 2 + 0.5);
      }
      ctx.globalAlpha = 1;
      showBurst(now < burstUntil ? burst : 0);
      painted = flying.length > 0 || now < burstUntil;
      if (flights.length || now < burstUntil) raf = requestAnimationFrame(draw);
      else if (painted) raf = requestAnimationFrame(draw);
    };

    // Panning or zooming moves what is drawn: redraw (the loop does it anyway while messages fly).
    const unsubView = flowStore.subscribe((s, prev) => {
      if (s.transform !== prev.transform) schedule();
    });
    const unsub = useCluster.subscribe((s, prev) => {
      if (s.replays !== prev.replays || s.connection.generation !== prev.connection.generation) {
        // A replayed or new cluster: its history is not news.
        flights.length = 0;
        burst = 0;
        showBurst(0);
        lastSeq = s.trace.at(-1)?.seq ?? 0;
        painted = true;
        schedule();
        return;
      }
      if (s.trace !== prev.trace) {
        // The new records are at the end: find the first one not seen yet from there.
        let first = s.trace.length;
        while (first > 0 && s.trace[first - 1].seq > lastSeq) first--;
        if (first < s.trace.length) enqueue(s.trace.slice(first), s.traceDropped - prev.traceDropped);
      }
    });
    return () => {
      unsub();
      unsubView();
      ro.disconnect();
      cancelAnimationFrame(raf);
    };
  }, [flowStore]);

  return (
    <Fragment>
      <canvas ref={canvasRef} className={styles.messages} aria-hidden data-testid="message-layer" />
      <div ref={burstRef} className={styles.burst} hidden aria-hidden data-testid="message-burst" />
    </Fragment>
  );
});
