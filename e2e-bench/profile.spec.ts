/**
 * CPU profile and trace of the main thread under the benchmark's load (not part of `npm test`;
 * `npm run bench:ui` runs it instead of the benchmark when PROFILE=1): prints time by trace event
 * and the functions with the most self time, and keeps both files in `e2e-artifacts/`. For readable
 * names, build without minifying: `PROFILE=1 BENCH_MINIFY=0 npm run bench:ui`.
 */
import { test } from '@playwright/test';
import { prepareLoad } from './load';
import { mainThreadEvents, type Trace } from './main-thread';
import { writeFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Time on the renderer's main thread by event name (self-inclusive, X events only). */
function summariseTrace(t: Trace): void {
  const sums = new Map<string, { ms: number; n: number; max: number }>();
  for (const e of mainThreadEvents(t)) {
    const s = sums.get(e.name) ?? { ms: 0, n: 0, max: 0 };
    s.ms += e.dur / 1000;
    s.n += 1;
    s.max = Math.max(s.max, e.dur / 1000);
    sums.set(e.name, s);
  }
  const rows = [...sums.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
  for (const [k, v] of rows)
    console.log(
      `${v.ms.toFixed(0).padStart(7)} ms  n=${String(v.n).padStart(6)}  max ${v.max.toFixed(0).padStart(4)}  ${k}`,
    );
}

test('profile: 20 nodes, 200 pods, 10× speed', async ({ page }) => {
  test.setTimeout(240_000);
  await page.addInitScript(() => {
    const stats: { bytes: number; watch: number; trace: number; t: number }[] = [];
    (window as unknown as { __batches: typeof stats }).__batches = stats;
    const Orig = window.Worker;
    window.Worker = class extends Orig {
      constructor(url: string | URL, opts?: WorkerOptions) {
        super(url, opts);
        this.addEventListener('message', (e: MessageEvent) => {
          const d = e.data as { type: string; watch?: unknown[]; trace?: unknown[] };
          if (d.type === 'batch')
            stats.push({
              bytes: JSON.stringify(d).length,
              watch: d.watch?.length ?? 0,
              trace: d.trace?.length ?? 0,
              t: performance.now(),
            });
        });
      }
    };
  });
  await prepareLoad(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const browser = page.context().browser()!;
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
  });
  await page.getByTestId('apply').click();
  await page.waitForTimeout(15_000);
  const batches = await page.evaluate(
    () => (window as unknown as { __batches: { bytes: number; watch: number; trace: number }[] }).__batches,
  );
  const big = [...batches].sort((a, b) => b.bytes - a.bytes).slice(0, 8);
  const sum = batches.reduce((a, b) => a + b.bytes, 0);
  console.log(`batches ${batches.length}, bytes ${sum}, biggest ${JSON.stringify(big)}`);
  const traceBuf = await browser.stopTracing();
  writeFileSync('e2e-artifacts/main-thread.trace.json', traceBuf);
  summariseTrace(JSON.parse(traceBuf.toString()) as Trace);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  writeFileSync('e2e-artifacts/main-thread.cpuprofile', JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = profile.timeDeltas[i] / 1000;
    total += dt;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`total ${total.toFixed(0)} ms`);
  for (const [k, v] of top) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
});
