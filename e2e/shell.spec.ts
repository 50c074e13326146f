import { expect, test } from '@playwright/test';

const NODES = ['control-plane', 'node-1', 'node-2', 'node-3'];

// A fresh context has no saved language: the page follows the browser's, English here.
test.use({ locale: 'en-US' });

test('boots the cluster in a worker, lists its nodes live, and speaks Korean', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });

  await page.goto('/');

  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('tab-nodes').click();
  for (const name of NODES) {
    const row = page.getByTestId(`node-row-${name}`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toHaveAttribute('data-status', 'Ready', { timeout: 30_000 });
    await expect(row.getByTestId('node-status')).toHaveText('Ready');
  }
  await expect(page.getByTestId('node-table').locator('tbody tr[data-status]')).toHaveCount(NODES.length);
  await expect(page.getByTestId('node-row-control-plane')).toContainText('control-plane');
  await expect(page.getByTestId('node-row-node-1')).toContainText('<none>');

  // Virtual time runs, and pausing stops it.
  const clock = page.getByTestId('virtual-clock');
  const t0 = await clock.textContent();
  await expect(clock).not.toHaveText(t0 ?? '');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'false');
  const paused = await clock.textContent();
  await page.waitForTimeout(300);
  await expect(clock).toHaveText(paused ?? '');
  await page.getByTestId('play-pause').click();
  await expect(page.getByTestId('play-pause')).toHaveAttribute('aria-pressed', 'true');

  await page.mouse.move(0, 600);
  await page.screenshot({ path: 'test-results/shell-en-1440x900.png', animations: 'disabled' });

  // Korean: UI words change, Kubernetes terms stay in English.
  await page.getByTestId('lang-ko').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('heading', { name: 'Node 목록' })).toBeVisible();
  await expect(page.getByTestId('node-row-node-2').getByTestId('node-status')).toHaveText('Ready');
  await page.screenshot({ path: 'test-results/shell-ko-1440x900.png', animations: 'disabled' });

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByTestId('tab-nodes')).toHaveText('Node');

  expect(problems).toEqual([]);
});

test('a cluster worker that fails is reported, and Restart brings a fresh cluster', async ({ page }) => {
  // The first load of the worker script throws, as a broken build or a crash at start would.
  await page.route(
    '**/cluster.worker*.js',
    (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("worker failed on purpose");' }),
    { times: 1 },
  );
  await page.goto('/');
  const banner = page.getByTestId('cluster-error');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'crashed');
  await expect(page.getByTestId('canvas')).toBeVisible();
  await page.mouse.move(0, 600);
  await page.screenshot({ path: 'test-results/shell-error-1440x900.png', animations: 'disabled' });

  await page.getByTestId('restart').click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running');
  await page.getByTestId('tab-nodes').click();
  await expect(page.getByTestId('node-row-node-3')).toHaveAttribute('data-status', 'Ready', {
    timeout: 30_000,
  });
});
