// Bad input in the UI: each case gets a clear, specific message and loses nothing already stored.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { startRun, waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
const endpointUrl = inject('endpointUrl');
const endpointOrigin = new URL(endpointUrl).origin;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
});

const runError = () => page.getByTestId('run-error').textContent();

test('a malformed URL or a backwards id range is refused before anything is stored', async () => {
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByLabel('Base URL').fill('localhost:8000/v1');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => page.getByTestId('form-error').textContent()).toMatch(/URL/);
  await page.getByLabel('Base URL').fill(endpointUrl);
  await page.getByRole('textbox', { name: 'Ids' }).fill('9-2');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => page.getByTestId('form-error').textContent()).toMatch(/backwards/);
  await page.getByRole('textbox', { name: 'Ids' }).fill('1,x');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(() => page.getByTestId('form-error').textContent()).toMatch(/"x" is not a task id/);
  await page.goto(`${appUrl}/#/runs`);
  await expect.poll(() => page.getByText('No runs yet').count()).toBe(1);
});

test('an unreachable endpoint stops the run with an explanation and stores no sample', async () => {
  await startRun(page, appUrl, { baseUrl: 'http://127.0.0.1:9/v1', model: 'solver', ids: '0-9' });
  await waitForStatus(page, 'error');
  expect(await runError()).toMatch(/reach/i);
  expect(await page.getByTestId('progress-text').textContent()).toMatch(/^0 \/ 10/);
});

test('a server without CORS headers is explained as a CORS refusal', async () => {
  await startRun(page, appUrl, { baseUrl: `${endpointOrigin}/nocors/v1`, model: 'solver', ids: '0-3' });
  await waitForStatus(page, 'error');
  expect(await runError()).toMatch(/CORS/);
  expect(await runError()).toMatch(/Access-Control-Allow-Origin/);
});

test('HTTP errors, garbled and empty streams become failed samples with their reason, and the run completes', async () => {
  for (const [model, type] of [
    ['status:500', 'http'],
    ['status:401', 'http'],
    ['garbled', 'bad_stream'],
    ['empty', 'empty'],
  ] as const) {
    await startRun(page, appUrl, { baseUrl: endpointUrl, model, ids: '0-2' });
    await waitForStatus(page, 'done');
    expect(await page.getByTestId('progress-text').textContent()).toMatch(/^3 \/ 3 .*3 failed/);
    const rows = page.getByTestId('samples').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().locator('td').nth(4).textContent()).toContain(`${type}:`);
  }
});

test('a 5 MB reply is stored whole and the viewer stays responsive', async () => {
  await startRun(page, appUrl, { baseUrl: endpointUrl, model: 'huge:5000000', ids: '4' });
  await waitForStatus(page, 'done');
  await page.getByTestId('samples').getByRole('button', { name: '4' }).click();
  await expect.poll(() => page.getByRole('heading', { name: /Reply/ }).textContent()).toContain('5,000,000');
  expect((await page.getByTestId('viewer-reply').textContent())!.length).toBe(100_000);
  await page.getByRole('button', { name: 'Show the whole reply' }).click();
  await expect.poll(async () => (await page.getByTestId('viewer-reply').textContent())!.length).toBe(5_000_000);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
});

test('a corrupt import file is refused with the line at fault, and stored runs are untouched', async () => {
  await page.goto(`${appUrl}/#/runs`);
  await page.getByTestId('runs').waitFor();
  const before = await page.getByTestId('runs').locator('tbody tr').count();
  expect(before).toBeGreaterThan(0);
  const good =
    '{"env":"affine:sat","task_id":3,"score":1,"extra":{"conversation":[{"role":"user","content":"p"},{"role":"assistant","content":"x1=True"}]}}';
  await page.getByTestId('import').setInputFiles({
    name: 'bad.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${good}\n{"env": "affine:sat", "task_id": 4, "score": 1\n`),
  });
  await expect
    .poll(() => page.getByTestId('runs-message').textContent())
    .toMatch(/bad\.jsonl: Line 2: not valid JSON.*Nothing was stored/);
  expect(await page.getByTestId('runs').locator('tbody tr').count()).toBe(before);

  await page
    .getByTestId('import')
    .setInputFiles({ name: 'good.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${good}\n`) });
  await expect
    .poll(() => page.getByTestId('runs-message').textContent())
    .toMatch(/Imported 1 samples from good\.jsonl/);
  // The list refreshes after the message appears.
  await expect.poll(() => page.getByTestId('runs').locator('tbody tr').count()).toBe(before + 1);
});

test('a full disk (quota) is shown to the user and stops the run', async () => {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(`${appUrl}/#/evaluate`);
  const cdp = await ctx.newCDPSession(p);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(appUrl).origin, quotaSize: 3_000_000 });
  await startRun(p, appUrl, { baseUrl: endpointUrl, model: 'noise:1000000', ids: '0-19', concurrency: 1 });
  await p
    .getByTestId('run-status')
    .filter({ hasText: /^error$/ })
    .waitFor({ timeout: 60_000 });
  expect(await p.locator('[data-storage-issue="quota"]').textContent()).toMatch(/Storage is full/);
  await ctx.close();
});

test('a newer database version opened elsewhere asks this tab to reload', async () => {
  await page.goto(`${appUrl}/#/runs`);
  await page.getByTestId('runs').waitFor();
  const other = await page.context().newPage();
  // Same origin, without the app (the demo endpoint's model list): a page that only opens the database anew.
  await other.goto(`${appUrl}/demo/v1/models`);
  await other.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('arbiter', 99);
        req.onsuccess = () => {
          req.result.close();
          resolve();
        };
        req.onerror = () => reject(req.error);
      }),
  );
  await expect.poll(() => page.locator('[data-storage-issue="blocking"]').count()).toBe(1);
  await other.close();
});
