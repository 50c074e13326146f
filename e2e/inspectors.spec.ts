import { expect, test, type Page } from '@playwright/test';

// The inspectors, opened as a learner would: click a Pod, etcd, kube-scheduler, a node's kube-proxy;
// the Events tab. Screenshots of each, in English and in Korean, go to test-results/.
test.use({ locale: 'en-US', permissions: ['clipboard-read', 'clipboard-write'] });

const PENDING_POD = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'too-big', namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.14.2', resources: { requests: { cpu: '64' } } }] },
});

async function boot(page: Page) {
  await page.goto('/');
  await page.evaluate(() => {
    localStorage.removeItem('kubesim.editor.text');
    localStorage.removeItem('kubesim.lang');
  });
  await page.reload();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await expect(page.getByTestId('node-readiness-node-3')).toHaveText('Ready', { timeout: 30_000 });
  await expect(page.locator('.monaco-editor')).toBeVisible({ timeout: 30_000 });
}

async function applyExample(page: Page, example: string, created: string) {
  await page.getByTestId('example-select').selectOption(example);
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText(created);
}

async function applyText(page: Page, text: string, created: string) {
  await page.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  // Pasted, as a learner would: typing would go through the editor's auto-indent.
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
  await page.getByTestId('apply').click();
  await expect(page.getByTestId('apply-result')).toContainText(created);
}

async function terminal(page: Page, line: string) {
  await page.getByTestId('tab-terminal').click();
  await page.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function shot(page: Page, name: string) {
  await page.mouse.move(10, 890);
  await page.screenshot({ path: `test-results/${name}.png` });
}

test('inspectors: object, etcd, kube-scheduler, kube-proxy and events, in English and Korean', async ({
  page,
}) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));

  await boot(page);
  await page.getByTestId('flow-mode').click();
  await expect(page.getByTestId('flow-mode')).not.toBeChecked();
  await applyExample(page, 'deployment', 'deployment.apps/web created');
  await applyExample(page, 'service', 'service/web created');
  await expect(page.locator('[data-testid^="pod-web-"][data-status="Running"]')).toHaveCount(3, {
    timeout: 60_000,
  });
  await applyText(page, PENDING_POD, 'pod/too-big created');

  // A packet through node-1's rules to the Service's cluster IP.
  await terminal(page, 'kubectl get services web');
  const out = page.getByTestId('terminal-output');
  await expect(out).toContainText(/web\s+ClusterIP\s+\d+\.\d+\.\d+\.\d+/);
  const clusterIP = /web\s+ClusterIP\s+(\d+\.\d+\.\d+\.\d+)/.exec((await out.textContent()) ?? '')![1];
  await terminal(page, `ssh node-1 curl -s http://${clusterIP}/`);
  await expect(out).toContainText(/Welcome to nginx|<html>|HTTP|nginx/i);

  const dock = page.getByTestId('inspector');

  // ── Object: click a pod on the canvas.
  const podChip = page.locator('[data-testid^="pod-web-"]').first();
  const podName = ((await podChip.getAttribute('data-testid')) ?? '').slice('pod-'.length);
  await podChip.click();
  await expect(dock).toHaveAttribute('data-tab', 'object');
  await expect(page.getByTestId('object-title')).toHaveText(`default/${podName}`);
  const yaml = page.getByTestId('object-yaml');
  await expect(yaml).toContainText(`name: ${podName}`);
  await expect(yaml).toContainText(/nodeName: node-\d/);
  await expect(yaml).toContainText('kind: Pod');
  const chain = page.getByTestId('causal-chain');
  await expect(chain.getByTestId('chain-Deployment-web')).toBeVisible();
  await expect(chain.locator('[data-testid^="chain-ReplicaSet-web-"]')).toBeVisible();
  await expect(chain.getByTestId('chain-scheduler')).toContainText(/node-\d/);
  await expect(chain.getByTestId('chain-kubelet')).toBeVisible();
  await expect(page.getByTestId('object-events')).toContainText('Scheduled');
  await shot(page, 'inspector-object-en-1440x900');
  // The chain's links open what they name.
  await chain.getByTestId('chain-Deployment-web').click();
  await expect(page.getByTestId('object-title')).toHaveText('default/web');
  await expect(page.getByTestId('object-yaml')).toContainText('kind: Deployment');
  // The pickers reach any object without the canvas (keyboard users, objects drawn nowhere).
  await page.getByTestId('object-kind').selectOption('Pod');
  await page.getByTestId('object-name').selectOption(`default/${podName}`);
  await expect(page.getByTestId('object-title')).toHaveText(`default/${podName}`);
  await page.keyboard.press('Escape');
  await expect(dock).toBeHidden();

  // ── etcd: click etcd on the canvas, find the pod's key.
  await page.getByTestId('component-etcd').click();
  await expect(dock).toHaveAttribute('data-tab', 'etcd');
  await page.getByTestId('etcd-dir-/registry/pods/').click();
  await page.getByTestId('etcd-dir-/registry/pods/default/').click();
  const key = page.getByTestId(`etcd-key-/registry/pods/default/${podName}`);
  await expect(key).toBeVisible();
  const modRev = Number(await key.getAttribute('data-mod-revision'));
  expect(modRev).toBeGreaterThan(0);
  await expect(key).toContainText(`m${modRev}`);
  await key.click();
  await expect(page.getByTestId('etcd-mod-rev')).toHaveText(String(modRev));
  await expect(page.getByTestId('etcd-value')).toContainText(`"name": "${podName}"`);
  // Created without a node, then bound, then its status written: several versions.
  await expect(page.getByTestId('etcd-history').locator('tbody tr')).not.toHaveCount(1);
  await expect(page.getByTestId('etcd-history')).toContainText('/spec/nodeName');
  await shot(page, 'inspector-etcd-en-1440x900');
  await page.getByTestId('inspector-close').click();

  // ── kube-scheduler: click it; choose the pod; every worker is a row with scores; the chosen one is marked.
  await page.getByTestId('component-kube-scheduler').click();
  await expect(dock).toHaveAttribute('data-tab', 'scheduler');
  await page.getByTestId('scheduler-pod').selectOption(`default/${podName}`);
  await expect(page.getByTestId('scheduler-result')).toContainText(/Scheduled on node-\d/);
  const chosenNode = /Scheduled on (node-\d)/.exec(
    (await page.getByTestId('scheduler-result').textContent()) ?? '',
  )![1];
  for (const n of ['node-1', 'node-2', 'node-3']) {
    await expect(page.getByTestId(`filter-row-${n}`)).toBeVisible();
    await expect(page.getByTestId(`score-total-${n}`)).toHaveText(/^\d+$/);
  }
  await expect(page.getByTestId('filter-row-control-plane')).toContainText('fail');
  await expect(page.getByTestId(`score-row-${chosenNode}`)).toHaveAttribute('data-chosen', 'true');
  await expect(page.getByTestId(`score-row-${chosenNode}`)).toContainText(/chosen/);
  await shot(page, 'inspector-scheduler-en-1440x900');
  // A Pending pod: why.
  await page.getByTestId('scheduler-pod').selectOption('default/too-big');
  await expect(page.getByTestId('scheduler-why')).toContainText('Insufficient cpu');
  await expect(page.getByTestId('scheduler-result')).toContainText('Unschedulable');
  await shot(page, 'inspector-scheduler-pending-en-1440x900');
  await page.getByTestId('inspector-close').click();

  // ── kube-proxy: click node-1's kube-proxy; the Service's chains; the packet's rules highlighted.
  await page.getByTestId('component-kube-proxy@node-1').click();
  await expect(dock).toHaveAttribute('data-tab', 'proxy');
  const chains = page.getByTestId('proxy-chains');
  await expect(chains.locator('[data-testid^="chain-KUBE-SVC-"]').first()).toBeVisible();
  await expect(chains).toContainText('default/web');
  await expect(page.getByTestId('proxy-packet')).toContainText(clusterIP);
  await expect(page.getByTestId('matched-rule').first()).toBeVisible();
  await expect(page.getByTestId('proxy-diff')).toBeVisible();
  await shot(page, 'inspector-proxy-en-1440x900');

  // ── Events tab: a live list with Scheduled, filterable.
  await page.getByTestId('inspector-tab-events').click();
  const events = page.getByTestId('events-list');
  await expect(events).toContainText('Scheduled');
  await expect(events).toContainText('FailedScheduling');
  await page.getByTestId('events-type').selectOption('Warning');
  await expect(events.locator('tr[data-type="Normal"]')).toHaveCount(0);
  await page.getByTestId('events-type').selectOption('');
  await page.getByTestId('events-filter').fill(podName);
  await expect(events.getByTestId('event-row').first()).toContainText(podName);
  await page.getByTestId('events-filter').fill('');
  await shot(page, 'inspector-events-en-1440x900');

  // ── Korean: the same inspectors, Kubernetes terms kept in English.
  await page.getByTestId('lang-ko').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('inspector-tab-object')).toHaveText('오브젝트');
  await shot(page, 'inspector-events-ko-1440x900');
  await page.getByTestId('inspector-tab-proxy').click();
  await expect(page.getByTestId('proxy-chains')).toContainText('default/web');
  await shot(page, 'inspector-proxy-ko-1440x900');
  await page.getByTestId('inspector-tab-scheduler').click();
  await page.getByTestId('scheduler-pod').selectOption(`default/${podName}`);
  await expect(page.getByTestId('scheduler-result')).toContainText(`${chosenNode}에 스케줄됨`);
  await shot(page, 'inspector-scheduler-ko-1440x900');
  await page.getByTestId('scheduler-pod').selectOption('default/too-big');
  await expect(page.getByTestId('scheduler-why')).toContainText('Pending인가요');
  await shot(page, 'inspector-scheduler-pending-ko-1440x900');
  await page.getByTestId('inspector-tab-etcd').click();
  await expect(page.getByTestId('etcd-value')).toContainText(`"name": "${podName}"`);
  await shot(page, 'inspector-etcd-ko-1440x900');
  await page.getByTestId('inspector-tab-object').click();
  await expect(page.getByTestId('object-yaml')).toContainText(`name: ${podName}`);
  await expect(page.getByTestId('causal-chain')).toContainText('kube-scheduler');
  await shot(page, 'inspector-object-ko-1440x900');

  expect(problems).toEqual([]);
});
