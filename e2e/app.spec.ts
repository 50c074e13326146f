import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

const FLOW_TITLES = [
  'kubectl sends the Deployment',
  'kube-apiserver stores it in etcd',
  'The controllers react',
  'A Pod is stored without a node',
  'kube-scheduler picks a node',
  'The scheduler posts a Binding',
  'The Pod is assigned',
  "The node's kubelet hears about it",
  'The container runtime starts the container',
  'The Pod reports Running',
];
// The hop each step highlights (DESIGN.md §4): [from, to] patterns.
const FLOW_HOPS: [RegExp, RegExp][] = [
  [/^kubectl$/, /^kube-apiserver$/],
  [/^kube-apiserver$/, /^etcd$/],
  [/^(kube-apiserver|kube-controller-manager)$/, /^(kube-controller-manager|kube-apiserver)$/],
  [/^kube-apiserver$/, /^etcd$/],
  [/^kube-apiserver$/, /^kube-scheduler$/],
  [/^kube-scheduler$/, /^kube-apiserver$/],
  [/^kube-apiserver$/, /^etcd$/],
  [/^kube-apiserver$/, /^kubelet@/],
  [/^kubelet@/, /^container-runtime@/],
  [/^(kubelet@.*|kube-apiserver)$/, /^(kube-apiserver|etcd)$/],
];

async function boot(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.removeItem('kubesim.editor.text'));
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('canvas-node-node-3')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('node-readiness-node-1')).toHaveText('Ready', { timeout: 30_000 });
}

async function shot(page: Page, name: string) {
  await page.mouse.move(720, 880);
  await page.screenshot({ path: `test-results/${name}.png` });
}

test('deployment flow: apply from the editor, ten captioned steps, back and forward', async ({ page }) => {
  await boot(page);
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
  await shot(page, 'app-start-1440x900');

  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText('deployment.apps/web created');
  const caption = page.getByTestId('flow-caption');
  for (let step = 1; step <= 10; step++) {
    await expect(caption).toHaveAttribute('data-step', String(step), { timeout: 20_000 });
    await expect(page.getByTestId('flow-title')).toHaveText(FLOW_TITLES[step - 1]);
    const hop = page.getByTestId('flow-hop');
    await expect(hop).toHaveAttribute('data-step', String(step));
    const [from, to] = FLOW_HOPS[step - 1];
    expect(await hop.getAttribute('data-from')).toMatch(from);
    expect(await hop.getAttribute('data-to')).toMatch(to);
    if (step === 1 || step === 5 || step === 9) await shot(page, `flow-step-${step}-1440x900`);
    if (step === 4) {
      // Back one step (replayed from the seed) and forward again.
      await page.getByTestId('flow-back').click();
      await expect(caption).toHaveAttribute('data-step', '3');
      await page.getByTestId('flow-next').click();
      await expect(caption).toHaveAttribute('data-step', '4');
    }
    if (step < 10) await page.getByTestId('flow-next').click();
  }
  await page.getByTestId('flow-next').click();
  await expect(caption).toBeHidden();
  await page.getByTestId('timeline-play').click();
  await expect(page.locator('[data-testid^="pod-web-"][data-status="Running"]')).toHaveCount(3, {
    timeout: 60_000,
  });
  await shot(page, 'pods-running-1440x900');
});

test('terminal scales the Deployment; arrow keys step; broken YAML applies nothing', async ({ page }) => {
  await boot(page);
  await page.getByTestId('flow-mode').click();
  await expect(page.getByTestId('flow-mode')).not.toBeChecked();
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText('deployment.apps/web created');

  await page.getByTestId('tab-terminal').click();
  await page.locator('.xterm').click();
  await page.keyboard.type('kubectl scale deployment/web --replicas=5');
  await page.keyboard.press('Enter');
  const out = page.getByTestId('terminal-output');
  await expect(out).toContainText('deployment.apps/web scaled');
  await page.keyboard.type('kubectl get deployments');
  await page.keyboard.press('Enter');
  await expect(out).toContainText(/NAME\s+READY\s+UP-TO-DATE/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.keyboard.type('ssh control-plane etcdctl get /registry/deployments --prefix --keys-only');
  await page.keyboard.press('Enter');
  await expect(out).toContainText('/registry/deployments/default/web');
  await expect(page.locator('[data-testid^="pod-web-"]')).toHaveCount(5, { timeout: 30_000 });
  await shot(page, 'terminal-scaled-1440x900');

  // The real kubectl: its table layout, describe's events, exec into a running pod.
  await page.locator('.xterm').click();
  await page.keyboard.type('kubectl get pods');
  await page.keyboard.press('Enter');
  await expect(out).toContainText(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  await page.keyboard.type('kubectl describe deploy web');
  await page.keyboard.press('Enter');
  await expect(out).toContainText('Events:');
  const running = page.locator('[data-testid^="pod-web-"][data-status="Running"]').first();
  await expect(running).toBeVisible({ timeout: 60_000 });
  const pod = ((await running.getAttribute('data-testid')) ?? '').replace(/^pod-/, '');
  await page.locator('.xterm').click();
  await page.keyboard.type(`kubectl exec ${pod} -- hostname`);
  await page.keyboard.press('Enter');
  await expect(out).toContainText(new RegExp(`\\n${pod}\\n`));

  // → and ← step through hops (not while typing in the terminal).
  await page.getByTestId('canvas').click({ position: { x: 40, y: 400 } });
  await page.keyboard.press('Space');
  await expect(page.getByTestId('timeline-play')).toHaveAttribute('aria-pressed', 'false');
  const clock = page.getByTestId('virtual-clock');
  const t0 = await clock.textContent();
  // One → is one hop; hops a few ms apart leave the clock (shown to 0.1 s) unchanged, so step on
  // until it moves — a bounded number of times.
  for (let i = 0; i < 40 && (await clock.textContent()) === t0; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(50);
  }
  await expect(clock).not.toHaveText(t0 ?? '');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-back')).toBeEnabled();

  // Broken YAML: an error with its line, nothing applied.
  await page.getByTestId('tab-editor').click();
  await page.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata: [a: b\n');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-error').first()).toBeVisible();
  await expect(page.getByTestId('apply-result')).toContainText('Nothing was applied.');
  await shot(page, 'yaml-error-1440x900');
  await page.getByTestId('tab-terminal').click();
  await page.locator('.xterm').click();
  await page.keyboard.type('kubectl get configmaps');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('terminal-output')).not.toContainText('broken');
});

test('typing in the editor keeps spaces (React Flow does not swallow them) and the text survives reload', async ({
  page,
}) => {
  await boot(page);
  await page.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('mode: turbo');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('mode: turbo');
  await page.reload();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('mode: turbo', { timeout: 30_000 });
});
