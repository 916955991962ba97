// The Compare page in Chromium against the built app: two stored runs chosen by keyboard, the champion and stages
// verdicts with their reasons, the three plots, the leaderboard, Affine's published documents beside local
// results, JSON/CSV/PNG exports, and a corrupt file that leaves the stored runs alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { binaryScores, downloadOf, importRun, writeJsonl } from './compare-helpers.ts';

const appUrl = inject('appUrl');
const dir = mkdtempSync(join(tmpdir(), 'arbiter-compare-'));
let browser: Browser;
let context: BrowserContext;
let page: Page;
let alphaRun: string;
let betaRun: string;

// alpha (the champion) and beta on three envs of 40 tasks: beta is clearly better on SAT, equal on DED and a little
// better on GAME (fractional scores, so GAME takes a bootstrap interval).
const game = (base: number) => Array.from({ length: 40 }, (_, i) => [base - 0.25, base, base + 0.25][i % 3]!);
const ALPHA = { 'affine:sat': binaryScores(40, 0.5), 'affine:ded': binaryScores(40, 0.5), 'affine:game': game(0.5) };
const BETA = { 'affine:sat': binaryScores(40, 0.8), 'affine:ded': binaryScores(40, 0.5), 'affine:game': game(0.52) };

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  alphaRun = await importRun(page, appUrl, writeJsonl(dir, 'alpha.jsonl', 'org/alpha', ALPHA));
  betaRun = await importRun(page, appUrl, writeJsonl(dir, 'beta.jsonl', 'org/beta', BETA));
  expect(betaRun).not.toBe(alphaRun);
});
afterAll(async () => {
  await browser?.close();
});

/** expect.poll with room for a loaded machine (its default gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

/** Checks or unchecks by keyboard: focus, then Space. */
async function press(page: Page, name: string | RegExp, role: 'checkbox' | 'radio' = 'checkbox') {
  const el = page.getByRole(role, { name });
  await el.focus();
  await page.keyboard.press('Space');
}

test('two stored runs, chosen by keyboard: champion verdict with reasons, plots, leaderboard, stages weights', async () => {
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByRole('link', { name: 'Compare' }).click();
  await page.getByRole('heading', { name: 'Compare models' }).waitFor();

  await press(page, new RegExp(alphaRun));
  await page.locator('[data-testid="model-order"] li').first().waitFor();
  await press(page, new RegExp(betaRun));
  await poll(() => page.locator('[data-testid="model-order"] li').count()).toBe(2);
  expect(await page.locator('[data-testid="model-order"] li').first().textContent()).toContain('org/alpha');

  // Champion rule, with a sampling count a 40-task run can meet, typed by keyboard.
  await press(page, /^Champion vs challenger/, 'radio');
  const count = page.getByRole('spinbutton', { name: /Sampling count/ });
  await count.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('30');

  const summary = page.getByTestId('verdict-summary');
  await poll(() => summary.textContent()).toMatch(/org\/beta beats champion org\/alpha/);
  const steps = page.getByTestId('verdict-step');
  expect(await steps.count()).toBeGreaterThanOrEqual(2);
  const stepsText = (await page.locator('ol.steps').textContent()) ?? '';
  // Per-env reasons with their numbers: SAT 0.800 vs 0.500 is dominant, DED 0.500 vs 0.500 not worse.
  expect(stepsText).toContain('affine:sat');
  expect(stepsText).toMatch(/0\.800/);
  expect(stepsText).toMatch(/dominant/);
  expect(stepsText).toMatch(/not-worse|not worse/);
  expect(stepsText).toMatch(/passed/);

  // Pick beta as champion by keyboard: alpha now challenges it and loses; then move beta back down.
  await page.getByRole('button', { name: 'Make champion org/beta' }).focus();
  await page.keyboard.press('Enter');
  await poll(() => summary.textContent()).toMatch(/org\/beta stays champion/);
  expect(await page.locator('[data-testid="model-order"] li').first().textContent()).toContain('org/beta');
  await page.getByRole('button', { name: 'Move org/beta down' }).focus();
  await page.keyboard.press('Enter');
  await poll(() => summary.textContent()).toMatch(/org\/beta beats champion org\/alpha/);

  // Per-env table: 2 models × 3 envs, GAME with a bootstrap interval once computed.
  const table = page.getByTestId('env-table');
  expect(await table.locator('tbody tr').count()).toBe(6);
  await poll(() => table.locator('tr[data-env="affine:game"]').first().textContent()).toMatch(
    /\[0\.\d{4}, 0\.\d{4}\] bootstrap/,
  );
  expect(await table.locator('tr[data-env="affine:sat"]').first().textContent()).toMatch(/Wilson/);
  await page.getByLabel('Interval for 0/1 scores').selectOption('jeffreys');
  await poll(() => table.locator('tr[data-env="affine:sat"]').first().textContent()).toMatch(/Jeffreys/);
  await page.getByLabel('Interval for 0/1 scores').selectOption('wilson');

  // The three plots: SVG with marks for each model.
  const bars = page.getByTestId('plot-envs');
  await poll(() => bars.locator('svg g[aria-label="bar"] rect').count()).toBe(6);
  expect(await bars.locator('svg').first().getAttribute('aria-label')).toMatch(/Mean score per environment/);
  const pareto = page.getByTestId('plot-pareto');
  expect(await pareto.locator('svg g[aria-label="dot"] circle').count()).toBe(2);
  expect(await pareto.locator('svg').textContent()).toContain('org/beta ★');
  const running = page.getByTestId('plot-running');
  expect(await running.locator('svg g[aria-label="line"] path').count()).toBe(2);
  for (const fig of [bars, pareto, running]) {
    expect(await fig.locator('figcaption').textContent()).not.toBe('');
    expect(await fig.locator('svg').first().getAttribute('aria-description')).toBeTruthy();
  }

  // Leaderboard ranked by the stages rule's weights: beta first.
  const board = page.getByTestId('leaderboard');
  await poll(() => board.locator('tbody tr').first().textContent()).toContain('org/beta');
  expect(await board.locator('caption').textContent()).toMatch(/weights/);

  // Switch to the stages rule by keyboard: weights for both models.
  await press(page, /^Four-stage/, 'radio');
  const weights = page.getByTestId('verdict-weights');
  await poll(() => weights.textContent()).toMatch(/org\/beta 0\.\d+/);
  expect(await weights.textContent()).toMatch(/org\/alpha 0\.\d+/);

  await page.screenshot({ path: '/tmp/compare.png', fullPage: true });
});

test('exports: JSON with the verdict, CSV with one row per model × env, PNG of a plot', async () => {
  const json = await downloadOf(page, () => page.getByRole('button', { name: 'Export JSON' }).click());
  const doc = JSON.parse(json.bytes.toString('utf8'));
  expect(doc.verdict.rule).toBe('stages');
  expect(doc.verdict.steps.length).toBeGreaterThan(0);
  expect(doc.models.map((m: { label: string }) => m.label)).toEqual(['org/alpha', 'org/beta']);
  expect(doc.intervals).toHaveLength(6);

  const csv = await downloadOf(page, () => page.getByRole('button', { name: 'Export CSV' }).click());
  const lines = csv.bytes.toString('utf8').trim().split(/\r\n/);
  expect(lines[0]).toBe('model_id,model,source,env,n,mean,lo,hi,interval,weight');
  expect(lines).toHaveLength(1 + 6);
  expect(lines.filter((l) => l.includes(',affine:sat,'))).toHaveLength(2);

  for (const id of ['plot-envs', 'plot-pareto', 'plot-running']) {
    const png = await downloadOf(page, () =>
      page
        .getByTestId(id)
        .getByRole('button', { name: /Save PNG/ })
        .click(),
    );
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(10_000);
  }
});

test("Affine's published documents sit beside the local runs, tagged, with their published weights", async () => {
  const fixtures = join(import.meta.dirname, '../fixtures/affine-api');
  await page
    .getByTestId('compare-import-affine')
    .setInputFiles(['scores-latest.json', 'weights-latest.json', 'rank-current.json'].map((f) => join(fixtures, f)));
  const msg = page.getByTestId('compare-message');
  await poll(() => msg.textContent()).toMatch(/Added \d+ Affine model\(s\)/);
  const order = page.locator('[data-testid="model-order"] li');
  expect(await order.count()).toBeGreaterThan(2);
  expect(await order.nth(0).textContent()).toContain('org/alpha');
  expect(await order.nth(2).textContent()).toContain('Affine');

  const board = page.getByTestId('leaderboard');
  const tags = await board.locator('tbody tr td .tag').allTextContents();
  expect(tags.filter((t) => t === 'Affine (published)').length).toBe((await order.count()) - 2);
  expect(tags.filter((t) => /^local/.test(t))).toHaveLength(2);
  // UID 17 is the published champion with weight 1.
  expect(await board.locator('tr[data-model-id="affine:17"]').textContent()).toMatch(/1\.0000/);
  expect(await page.getByTestId('env-table').locator('tr[data-env="SWE-INFINITE"]').count()).toBeGreaterThan(0);

  // A file that is JSON but not an Affine document: a specific message, nothing dropped.
  const bad = join(dir, 'not-affine.json');
  writeFileSync(bad, '{"hello": "world"}');
  const before = await order.count();
  await page.getByTestId('compare-import-affine').setInputFiles(bad);
  await poll(() => msg.textContent()).toMatch(/not-affine\.json: not an Affine API document/);
  expect(await order.count()).toBe(before);

  // Removing the Affine models by keyboard brings back the two-model comparison.
  for (let i = before - 1; i >= 2; i--) {
    await order
      .nth(i)
      .getByRole('button', { name: /^Remove/ })
      .focus();
    await page.keyboard.press('Enter');
  }
  expect(await order.count()).toBe(2);
});

test('fetching from an unreachable API shows a clear error', async () => {
  const url = page.getByLabel('Affine API base URL');
  await url.fill('http://127.0.0.1:9/api/v1');
  await page.getByRole('button', { name: 'Fetch published scores' }).click();
  const msg = page.getByTestId('compare-message');
  await poll(() => msg.textContent()).toMatch(/Could not reach .*offline.*CORS/);
  expect(await page.locator('[data-testid="model-order"] li').count()).toBe(2);
});

test('a corrupt JSONL file shows which line is wrong, and the stored runs stay listed', async () => {
  const bad = join(dir, 'broken.jsonl');
  writeFileSync(
    bad,
    '{"env":"affine:sat","task_id":1,"score":1,"extra":{"conversation":[{"role":"user","content":"x"}]}}\n{oops\n',
  );
  await page.getByTestId('compare-import-jsonl').setInputFiles(bad);
  const msg = page.getByTestId('compare-message');
  await poll(() => msg.textContent()).toMatch(/broken\.jsonl: Line 2: not valid JSON/);
  expect(await msg.getAttribute('role')).toBe('alert');
  expect(await page.locator('[data-testid="model-order"] li').count()).toBe(2);
  expect(await page.getByTestId('compare-runs').locator('li').count()).toBeGreaterThanOrEqual(2);
  await page.reload();
  await poll(() => page.getByTestId('compare-runs').locator('li').count()).toBeGreaterThanOrEqual(2);
});
