import { expect, test } from '@playwright/test';

test.use({ locale: 'en-US' });

test('twenty workers: the overview draws large names and pod tiles; zooming in brings the pod names back', async ({
  page,
}) => {
  await page.goto('/?nodes=20');
  const canvas = page.locator('.react-flow');
  const last = page.getByTestId('canvas-node-node-20');
  await expect(last).toBeVisible({ timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-detail', 'overview');
  // Every worker runs a kube-proxy pod: in the overview it is a tile whose name is not drawn
  // (it is in the tooltip and the accessible name) while its node's name is.
  const proxy = last.locator('[data-testid^="pod-kube-proxy-"]');
  await expect(proxy).toHaveAttribute('data-status', 'Running', { timeout: 60_000 });
  const proxyName = (await proxy.getAttribute('data-testid'))!.slice('pod-'.length);
  await expect(proxy.getByText(proxyName)).toBeHidden();
  await expect(proxy).toHaveAttribute('aria-label', new RegExp(proxyName));
  const title = last.getByText('node-20', { exact: true });
  await expect(title).toBeVisible();
  // Large enough to read at this zoom: the node's name is at least 10 px tall on screen.
  expect((await title.boundingBox())!.height).toBeGreaterThanOrEqual(10);
  await page.mouse.move(0, 600);
  await page.screenshot({
    path: 'test-results/canvas-20-nodes-overview-1440x900.png',
    animations: 'disabled',
  });

  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let i = 0; i < 6 && (await canvas.getAttribute('data-detail')) === 'overview'; i++) {
    await zoomIn.click();
    await page.waitForTimeout(250);
  }
  await expect(canvas).toHaveAttribute('data-detail', 'full');
  const anyProxy = page.locator('[data-testid^="pod-kube-proxy-"]').first();
  const name = (await anyProxy.getAttribute('data-testid'))!.slice('pod-'.length);
  await expect(anyProxy.getByText(name)).toBeVisible();
  await page.mouse.move(0, 600);
  await page.screenshot({ path: 'test-results/canvas-20-nodes-zoomed-1440x900.png', animations: 'disabled' });
});

test('three workers fit at full detail', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('canvas-node-node-3')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('.react-flow')).toHaveAttribute('data-detail', 'full');
  const proxy = page.getByTestId('canvas-node-node-1').locator('[data-testid^="pod-kube-proxy-"]');
  const name = (await proxy.getAttribute('data-testid', { timeout: 60_000 }))!.slice('pod-'.length);
  await expect(proxy.getByText(name)).toBeVisible();
});

test('a deleted pod fades out of its node instead of vanishing, and its replacement fades in', async ({
  page,
}) => {
  await page.goto('/');
  const node1 = page.getByTestId('canvas-node-node-1');
  const proxy = node1.locator('[data-testid^="pod-kube-proxy-"][data-status="Running"]');
  await expect(proxy).toHaveCount(1, { timeout: 60_000 });
  const name = (await proxy.getAttribute('data-testid'))!.slice('pod-'.length);
  await page.getByTestId('tab-terminal').click();
  await page.locator('.xterm').click();
  await page.keyboard.type(`kubectl -n kube-system delete pod ${name} --grace-period=0 --force`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal-output')).toContainText(`pod "${name}" force deleted`);
  // Gone from the API, still on the canvas for a moment, marked as leaving; then removed.
  const chip = page.getByTestId(`pod-${name}`);
  await expect(chip).toHaveAttribute('data-leaving', 'true');
  await expect(chip).toHaveCount(0);
  // The DaemonSet puts a new kube-proxy pod on node-1.
  await expect(node1.locator('[data-testid^="pod-kube-proxy-"]:not([data-leaving])')).toHaveCount(1, {
    timeout: 60_000,
  });
});
