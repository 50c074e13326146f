import { expect, type Page } from '@playwright/test';

/** The benchmarks' load: 200 pods of a Deployment with small requests, spread over 20 workers. */
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: load
spec:
  replicas: 200
  selector:
    matchLabels: { app: load }
  template:
    metadata:
      labels: { app: load }
    spec:
      containers:
        - name: c
          image: nginx:1.27
          resources:
            requests: { cpu: 10m, memory: 16Mi }
`;

/**
 * Boots 20 workers with the load manifest in the editor, deployment-flow mode off and 10× speed;
 * the caller applies it when its measurement is ready to start.
 */
export async function prepareLoad(page: Page): Promise<void> {
  await page.goto('/?nodes=20');
  await expect(page.getByTestId('canvas-node-node-20')).toBeVisible({ timeout: 60_000 });
  await page.evaluate((text) => localStorage.setItem('kubesim.editor.text', text), MANIFEST);
  await page.reload();
  await expect(page.getByTestId('canvas-node-node-20')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('flow-mode').click();
  await expect(page.getByTestId('flow-mode')).not.toBeChecked();
  await page.getByTestId('speed').selectOption('10');
}
