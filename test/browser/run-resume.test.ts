// End to end in Chromium: start a SAT run in the UI, reload mid-run, see it interrupted, resume it, and export a
// JSONL equal to what the CLI produces for the same ids (timing fields aside).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { runCli } from '../support/cli.ts';
import { normaliseJsonl } from '../support/jsonl.ts';
import { doneCount, exportJsonl, startRun, waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
const endpointUrl = inject('endpointUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

test('a run survives a reload, resumes without redoing tasks, and exports what the CLI writes', async () => {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  // slow:40 answers like the solver after 40 ms, so the run is still going when we reload.
  const runId = await startRun(page, appUrl, { baseUrl: endpointUrl, model: 'slow:40', ids: '0-59', concurrency: 2 });
  await waitForStatus(page, 'running');
  await expect.poll(() => doneCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(8);

  await page.reload();
  await page.goto(`${appUrl}/#/runs`);
  const row = page.locator(`tr[data-run-id="${runId}"]`);
  await expect.poll(() => row.locator('td.status').textContent()).toBe('interrupted');
  const stored = Number(/^(\d+)/.exec((await row.locator('td').nth(5).textContent()) ?? '')?.[1]);
  expect(stored).toBeGreaterThanOrEqual(8);
  expect(stored).toBeLessThan(60);

  await row.getByRole('button', { name: /Open/ }).click();
  await waitForStatus(page, 'interrupted');
  expect(await doneCount(page)).toBe(stored);
  await page.getByRole('button', { name: 'Resume' }).click();
  await waitForStatus(page, 'done');
  expect(await doneCount(page)).toBe(60);
  await expect.poll(() => page.getByTestId('results').textContent()).toContain('60');

  const exported = await exportJsonl(page);
  const lines = exported.trim().split('\n');
  expect(lines).toHaveLength(60);
  expect(new Set(lines.map((l) => JSON.parse(l).task_id)).size).toBe(60);

  const out = join(mkdtempSync(join(tmpdir(), 'arbiter-')), 'cli.jsonl');
  const cli = await runCli([
    'eval',
    '--endpoint',
    endpointUrl,
    '--model',
    'slow:40',
    '--env',
    'sat',
    '--ids',
    '0-59',
    '--concurrency',
    '8',
    '--out',
    out,
  ]);
  expect(cli.code, cli.stderr).toBe(0);
  expect(normaliseJsonl(exported)).toEqual(normaliseJsonl(readFileSync(out, 'utf8')));
  // The solver endpoint satisfies every formula: all 60 samples score 1.
  expect(normaliseJsonl(exported).every((s) => s.score === 1)).toBe(true);
});
