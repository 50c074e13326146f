/**
 * UI performance benchmark (not part of `npm test`): 20 worker nodes, 200 pods, 10× speed.
 * Measures main-thread long tasks (> 50 ms, the Long Tasks API) and frames per second over 15 s
 * of wall time, and — from a light trace of the renderer's main thread — every task's length, so
 * the headroom under 50 ms shows too, not only whether it was crossed.
 * Run: npm run bench:ui
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { prepareLoad } from './load';
import { mainThreadEvents, type Trace } from './main-thread';

/** Durations (ms) of the renderer main thread's top-level tasks, longest first. */
function mainThreadTasks(trace: Trace): number[] {
  return mainThreadEvents(trace)
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => e.dur / 1000)
    .sort((a, b) => b - a);
}

test('20 nodes, 200 pods, 10× speed: long tasks and fps', async ({ page }) => {
  test.setTimeout(240_000);
  await prepareLoad(page);
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['toplevel'] });
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText('created');
  const result = await page.evaluate(async () => {
    const long: number[] = [];
    const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => long.push(e.duration)));
    obs.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let worst = 0;
    let last = performance.now();
    const start = last;
    await new Promise<void>((resolve) => {
      const tick = (t: number) => {
        frames++;
        worst = Math.max(worst, t - last);
        last = t;
        if (t - start < 15_000) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    obs.disconnect();
    const pods = document.querySelectorAll('[data-testid^="pod-load-"]').length;
    return { fps: (frames * 1000) / (performance.now() - start), worstFrameMs: worst, long, pods };
  });
  const tasks = mainThreadTasks(JSON.parse((await browser.stopTracing()).toString()) as Trace);
  const running = await page.locator('[data-testid^="pod-load-"][data-status="Running"]').count();
  await page.screenshot({ path: 'e2e-artifacts/bench-20-nodes-200-pods.png' });
  const over = (ms: number) => tasks.filter((d) => d > ms).length;
  console.log(
    `UI bench: fps ${result.fps.toFixed(1)}, worst frame ${result.worstFrameMs.toFixed(0)} ms, ` +
      `long tasks > 50 ms: ${result.long.length} (max ${Math.max(0, ...result.long).toFixed(0)} ms), ` +
      `pod chips drawn ${result.pods}, Running ${running}\n` +
      `  traced main-thread tasks: ${tasks.length}, longest ${(tasks[0] ?? 0).toFixed(1)} ms, ` +
      `> 30 ms: ${over(30)}, > 20 ms: ${over(20)}, > 16 ms: ${over(16)}`,
  );
});

test('initial JavaScript of the production build, gzip', () => {
  // What index.html makes the browser load before anything else: the entry script and the static
  // imports Vite preloads. Monaco, xterm and framer-motion's features are dynamic imports, not here.
  const root = 'e2e-artifacts/bench-dist';
  const html = readFileSync(join(root, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"|<link rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((m) => m[1] ?? m[2]);
  expect(files.length).toBeGreaterThan(0);
  const bytes = files.map((f) => gzipSync(readFileSync(join(root, f))).length).reduce((a, b) => a + b, 0);
  console.log(
    `initial JavaScript: ${(bytes / 1024).toFixed(0)} KB gzip in ${files.length} file(s): ${files.join(', ')}`,
  );
});
