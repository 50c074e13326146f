/**
 * UI performance benchmark (not part of `npm test`): 20 worker nodes, 200 pods, 10× speed.
 * Measures main-thread long tasks (> 50 ms) and frames per second over 15 s of wall time.
 * Run: npm run bench:ui
 */
import { expect, test } from '@playwright/test';
import { prepareLoad } from './load';

test('20 nodes, 200 pods, 10× speed: long tasks and fps', async ({ page }) => {
  test.setTimeout(240_000);
  await prepareLoad(page);
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
  const running = await page.locator('[data-testid^="pod-load-"][data-status="Running"]').count();
  console.log(
    `UI bench: fps ${result.fps.toFixed(1)}, worst frame ${result.worstFrameMs.toFixed(0)} ms, ` +
      `long tasks > 50 ms: ${result.long.length} (max ${Math.max(0, ...result.long).toFixed(0)} ms), ` +
      `pod chips drawn ${result.pods}, Running ${running}`,
  );
});
