import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

async function boot(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.removeItem('kubesim.editor.text'));
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('node-readiness-node-3')).toHaveText('Ready', { timeout: 30_000 });
  // Follow the cluster freely: no stops at the ten steps.
  await page.getByTestId('flow-mode').click();
  await expect(page.getByTestId('flow-mode')).not.toBeChecked();
}

async function applyExample(page: Page) {
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText('deployment.apps/web created');
}

async function speed(page: Page, x: number) {
  await page.getByTestId('speed').selectOption(String(x));
}

async function shot(page: Page, name: string) {
  await page.mouse.move(720, 880);
  await page.screenshot({ path: `test-results/${name}.png` });
}

test('power off a node: NotReady, pods replaced elsewhere, traffic errors stop', async ({ page }) => {
  await boot(page);
  await applyExample(page);
  await speed(page, 10);
  const web = page.locator('[data-testid^="pod-web-"][data-status="Running"]');
  await expect(web).toHaveCount(3, { timeout: 30_000 });
  const victim = 'node-2';
  await expect(page.getByTestId(`canvas-node-${victim}`).locator('[data-testid^="pod-web-"]')).toHaveCount(1);

  // Traffic from node-1 to the Service's ClusterIP, spread over the three pods.
  await page.getByTestId('tab-traffic').click();
  await page.getByTestId('traffic-create-service').click();
  await expect(page.getByTestId('traffic-service')).toHaveValue('default/web');
  await page.getByTestId('traffic-requests').fill('4000');
  await page.getByTestId('traffic-rate').fill('10');
  await page.getByTestId('traffic-start').click();
  await expect(page.getByTestId('traffic-report')).toBeVisible();
  await expect(page.locator('[data-testid^="traffic-pod-web-"]')).toHaveCount(3, { timeout: 20_000 });

  // Power the node off from the canvas (right-click), at 50×.
  await page.getByTestId('tab-faults').click();
  await speed(page, 50);
  const box = (await page.getByTestId(`canvas-node-${victim}`).boundingBox())!;
  await page.mouse.click(box.x + 60, box.y + 20, { button: 'right' });
  await page.getByTestId('menu-power-off').click();
  const story = page.getByTestId('fault-story');
  await expect(story).toBeVisible();
  await expect(page.getByTestId('fault-log')).toContainText(`ssh ${victim} poweroff`);
  await expect(page.getByTestId('countdown-notready')).toBeVisible({ timeout: 10_000 });

  // Lease renewals stop → 50 s → NotReady and the unreachable taint.
  await expect(page.getByTestId(`node-readiness-${victim}`)).toHaveText('NotReady', { timeout: 30_000 });
  await expect(page.getByTestId('story-taint')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId(`canvas-node-${victim}`)).toContainText('node.kubernetes.io/unreachable');
  await expect(page.getByTestId('countdown-evict')).toBeVisible();
  await shot(page, 'fault-in-progress-en-1440x900');
  await page.getByTestId('lang-ko').click();
  await expect(story).toContainText('에 일어나는 일');
  await shot(page, 'fault-in-progress-ko-1440x900');
  await page.getByTestId('lang-en').click();

  // Traffic: errors while the dead pod was still an endpoint, none once the endpoints dropped it.
  await page.getByTestId('tab-traffic').click();
  await expect(page.getByTestId('traffic-errors')).not.toHaveAttribute('data-count', '0', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('story-endpoints')).toHaveAttribute('data-state', 'done', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('traffic-recent-errors')).toHaveAttribute('data-count', '0', {
    timeout: 30_000,
  });

  // 300 s of toleration → eviction → replacements on the other nodes.
  await expect(page.getByTestId('story-evict')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('story-replace')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  const elsewhere = page.locator(
    `[data-testid^="canvas-node-"]:not([data-testid="canvas-node-${victim}"]) [data-testid^="pod-web-"][data-status="Running"]`,
  );
  await expect(elsewhere).toHaveCount(3, { timeout: 30_000 });
  await expect(page.getByTestId('traffic-recent-errors')).toHaveAttribute('data-count', '0');
  await shot(page, 'fault-healed-en-1440x900');
});

test('two clients update the same object: the second gets 409 Conflict', async ({ page }) => {
  await boot(page);
  await page.getByTestId('tab-faults').click();
  await page.getByTestId('conflict-run').click();
  const msg = page.getByTestId('conflict-message');
  await expect(msg).toContainText(
    'Operation cannot be fulfilled on configmaps "shared-config": the object has been modified; please apply your changes to the latest version and try again',
  );
  const steps = page.getByTestId('conflict-steps').locator('li');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(2)).toHaveAttribute('data-status', '200');
  await expect(steps.nth(3)).toHaveAttribute('data-status', '409');
  await page.getByTestId('conflict-message').scrollIntoViewIfNeeded();
  await shot(page, 'conflict-409-en-1440x900');
});

test('kube-scheduler stopped: new pods stay Pending; started: they are scheduled', async ({ page }) => {
  await boot(page);
  await page.getByTestId('tab-faults').click();
  await page.getByTestId('fault-kube-scheduler-stop').click();
  await expect(page.getByTestId('unit-kube-scheduler')).toContainText('inactive (dead)');
  await page.getByTestId('tab-editor').click();
  await applyExample(page);
  await speed(page, 25);
  const tray = page.getByTestId('unscheduled');
  await expect(tray.locator('[data-testid^="pod-web-"][data-status="Pending"]')).toHaveCount(2, {
    timeout: 20_000,
  });
  const clock = page.getByTestId('virtual-clock');
  await expect(clock).toHaveText(/0:00:[3-5]\d/, { timeout: 20_000 });
  await expect(page.locator('[data-testid^="canvas-node-"] [data-testid^="pod-web-"]')).toHaveCount(0);
  await shot(page, 'scheduler-stopped-en-1440x900');
  await page.getByTestId('tab-faults').click();
  await page.getByTestId('fault-kube-scheduler-start').click();
  await expect(
    page.locator('[data-testid^="canvas-node-"] [data-testid^="pod-web-"][data-status="Running"]'),
  ).toHaveCount(3, {
    timeout: 20_000,
  });
  await expect(tray).toContainText('none waiting');
});
