import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

type Catalogue = { [key: string]: string | Catalogue };
const load = (lang: string) =>
  JSON.parse(readFileSync(new URL(`../src/ui/i18n/${lang}.json`, import.meta.url), 'utf8')) as Catalogue;

/**
 * The English phrases the UI shows: every catalogue string that Korean translates differently,
 * cut at its placeholders, keeping pieces long enough to be unmistakably English UI text.
 */
function englishPhrases(en: Catalogue, ko: Catalogue): string[] {
  const out = new Set<string>();
  const walk = (e: Catalogue, k: Catalogue | undefined) => {
    for (const [key, v] of Object.entries(e)) {
      const other = k?.[key];
      if (typeof v !== 'string') walk(v, typeof other === 'object' ? other : undefined);
      else if (v !== other)
        for (const piece of v.split(/\{\{[^}]*\}\}/)) {
          const p = piece.trim();
          // A piece with two or more plain English words and no Kubernetes term in it.
          if (/^[A-Za-z][a-z]+(?:[ ,'’][A-Za-z]+){1,}/.test(p) && p.length >= 10) out.add(p);
        }
    }
  };
  walk(en, ko);
  return [...out];
}

/** The text of every visible text node on the page. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('.monaco-editor, .xterm, [hidden], .visually-hidden, script, style'))
        continue;
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
      out.push(text);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[aria-label], [title], input[placeholder]'))
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && el.getClientRects().length > 0 && !el.closest('[hidden]')) out.push(v);
      }
    return out;
  });
}

async function englishLeft(page: Page, phrases: string[]): Promise<string[]> {
  const texts = await visibleTexts(page);
  return phrases.filter((p) => texts.some((t) => t.includes(p)));
}

test.use({ locale: 'ko-KR' });

test('the page follows a Korean browser, and the switch changes every visible string', async ({ page }) => {
  const phrases = englishPhrases(load('en'), load('ko'));
  expect(phrases.length).toBeGreaterThan(100);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('node-readiness-node-3')).toHaveText('Ready', { timeout: 30_000 });
  await page.getByTestId('flow-mode').click();

  // Each tab in Korean: no English UI phrase anywhere on screen.
  for (const tab of ['editor', 'terminal', 'nodes', 'faults', 'traffic']) {
    await page.getByTestId(`tab-${tab}`).click();
    await page.waitForTimeout(tab === 'editor' || tab === 'terminal' ? 800 : 150);
    expect(await englishLeft(page, phrases), `tab ${tab}`).toEqual([]);
  }
  // A fault in progress and the 409 drill, in Korean.
  await page.getByTestId('tab-faults').click();
  await page.getByTestId('conflict-run').click();
  await expect(page.getByTestId('conflict-message')).toBeVisible();
  await page.getByTestId('fault-network-cut').click();
  await expect(page.getByTestId('fault-story')).toBeVisible();
  await expect(page.getByTestId('fault-story')).toContainText('네트워크');
  const box = (await page.getByTestId('canvas-node-node-3').boundingBox())!;
  await page.mouse.click(box.x + 60, box.y + 20, { button: 'right' });
  await expect(page.getByTestId('context-menu')).toBeVisible();
  expect(await englishLeft(page, phrases), 'fault in progress').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('context-menu')).toBeHidden();

  // To English: the same screen speaks English, and the choice is kept.
  await page.getByTestId('lang-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('fault-story')).toContainText('What happens to node-1');
  await expect(page.getByTestId('tab-faults')).toHaveText('Faults');
  const english = await englishLeft(page, phrases);
  expect(english.length).toBeGreaterThan(10);
  await page.reload();
  await expect(page.getByTestId('tab-faults')).toHaveText('Faults');
});

test('every control has an accessible name', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('node-readiness-node-3')).toHaveText('Ready', { timeout: 30_000 });
  for (const tab of ['faults', 'traffic', 'nodes']) {
    await page.getByTestId(`tab-${tab}`).click();
    const unnamed = await page.evaluate(() => {
      const bad: string[] = [];
      const controls = document.querySelectorAll<HTMLElement>(
        'button, select, input, textarea, [role="tab"], [role="menuitem"], a[href]',
      );
      for (const el of controls) {
        if (el.closest('[hidden], .monaco-editor, .xterm') || el.getClientRects().length === 0) continue;
        const labelled = el.getAttribute('aria-labelledby');
        const name =
          el.getAttribute('aria-label') ||
          (labelled && document.getElementById(labelled)?.textContent) ||
          (el as HTMLInputElement).labels?.[0]?.textContent ||
          (el.tagName === 'SELECT' || el.tagName === 'INPUT' ? '' : el.textContent) ||
          el.getAttribute('title');
        if (!name?.trim()) bad.push(el.outerHTML.slice(0, 120));
      }
      return bad;
    });
    expect(unnamed, `tab ${tab}`).toEqual([]);
  }
});
