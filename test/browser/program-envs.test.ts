// The program environments end to end in Chromium: ABD, DED, PRINT and HVM through the UI against the test
// endpoint, with the offline generator and with an imported dataset file; the CLI's tasks and score through the
// same sandbox.
import { join } from 'node:path';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { ROOT, runCli } from '../support/cli.ts';
import { doneCount, waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
const endpointUrl = inject('endpointUrl');
const FIXTURE = join(ROOT, 'test/fixtures/rl-python-mini.jsonl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function chooseEnvs(ids: string[]) {
  for (const id of ['sat', 'abd', 'ded', 'print', 'hvm'])
    await page.locator(`input[name="env-${id}"]`).setChecked(ids.includes(id));
}

test('ABD, DED, PRINT and HVM run in the UI on generated programs and store every sample', async () => {
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByLabel('Base URL').fill(endpointUrl);
  await page.getByLabel('Model name').fill('echo');
  await chooseEnvs(['abd', 'ded', 'print', 'hvm']);
  await page.getByRole('radio', { name: /Offline generator/ }).check();
  await page.getByRole('textbox', { name: 'Ids' }).fill('0-2');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/#\/run\//);
  await waitForStatus(page, 'done', 120_000);
  expect(await doneCount(page)).toBe(12);
  const rows = page.getByTestId('results').locator('tbody tr');
  expect(await rows.count()).toBe(4);
  // echo answers with the prompt itself: wrong everywhere, but every sample is scored, none failed to run.
  for (let i = 0; i < 4; i++) expect(await rows.nth(i).locator('td').nth(3).textContent()).toBe('0');
  await page.getByTestId('samples').getByRole('button').first().click();
  expect(await page.getByTestId('viewer-prompt').textContent()).toMatch(/Program|program|Holes/);
  await page.keyboard.press('Escape');
});

test('an imported JSONL dataset drives ABD, and a bad file is refused with the line at fault', async () => {
  await page.goto(`${appUrl}/#/evaluate`);
  await chooseEnvs(['abd']);
  const bad = join(mkdtempSync(join(tmpdir(), 'arbiter-ds-')), 'bad.jsonl');
  writeFileSync(bad, '{"program": "print(1)", "inputs": ""}\n{"program": 5}\n');
  await page.locator('input[name="datasetFile"]').setInputFiles(bad);
  await expect
    .poll(() => page.getByTestId('dataset-message').textContent())
    .toMatch(/Could not import bad\.jsonl: .*2.*Nothing was stored/);
  await page.locator('input[name="datasetFile"]').setInputFiles(FIXTURE);
  await expect
    .poll(() => page.getByTestId('dataset-message').textContent())
    .toMatch(/Imported 12 rows from rl-python-mini\.jsonl/);
  await page.getByLabel('Base URL').fill(endpointUrl);
  await page.getByLabel('Model name').fill('echo');
  await page.getByRole('textbox', { name: 'Ids' }).fill('0-3');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/#\/run\//);
  await waitForStatus(page, 'done', 120_000);
  expect(await doneCount(page)).toBe(4);
});

test('CLI: tasks and score for ABD run through the browser sandbox', async () => {
  const tasks = await runCli(['tasks', '--env', 'abd', '--ids', '0', '--dataset', FIXTURE, '--json']);
  expect(tasks.code, tasks.stderr).toBe(0);
  const [t] = JSON.parse(tasks.stdout) as { env: string; task_id: number; prompt: string }[];
  expect(t!.env).toBe('affine:abd-v2');
  expect(t!.prompt).toContain('n = int(input())');
  expect(t!.prompt).toContain('Expected Output:\n```\n6\n\n```');
  const reply = join(mkdtempSync(join(tmpdir(), 'arbiter-reply-')), 'reply.txt');
  writeFileSync(reply, 'Let me think.\n<INPUT>\n3\n1 2 3\n</INPUT>');
  const good = await runCli([
    'score',
    '--env',
    'abd',
    '--task-id',
    '0',
    '--dataset',
    FIXTURE,
    '--reply-file',
    reply,
    '--json',
  ]);
  expect(good.code, good.stderr).toBe(0);
  expect(JSON.parse(good.stdout).score).toBe(1);
  writeFileSync(reply, '<INPUT>\n2\n1 2\n</INPUT>');
  const wrong = await runCli([
    'score',
    '--env',
    'abd',
    '--task-id',
    '0',
    '--dataset',
    FIXTURE,
    '--reply-file',
    reply,
    '--json',
  ]);
  expect(JSON.parse(wrong.stdout).score).toBe(0);
  const missing = await runCli(['tasks', '--env', 'ded', '--ids', '0']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/ded need a program dataset: --dataset FILE .* or --generated SEED/);
});
