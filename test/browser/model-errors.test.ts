// Bad models: a folder missing files, a corrupt ONNX file, an unknown architecture, a model too large for the
// device, a Hub revision that does not exist. Each gives a specific message, and the app stays usable.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { ROOT, runCli } from '../support/cli.ts';
import { startModelServer } from '../support/model-server.ts';
import { waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
const TINY = join(ROOT, 'public/models/arbiter/tiny-llama');
let browser: Browser;
let page: Page;
let models: Awaited<ReturnType<typeof startModelServer>>;
const dirs: string[] = [];

/** A copy of the tiny model folder, changed by `edit`. */
function modelCopy(edit: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'arbiter-model-')), 'my-model');
  cpSync(TINY, dir, { recursive: true });
  edit(dir);
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  models = await startModelServer();
});
afterAll(async () => {
  await browser?.close();
  await models?.close();
  for (const d of dirs) rmSync(join(d, '..'), { recursive: true, force: true });
});

async function runInBrowser(source: { folder?: string; url?: string }): Promise<string> {
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByRole('radio', { name: /In this browser/ }).check();
  await page.getByLabel('Device', { exact: true }).selectOption('wasm');
  await page.getByRole('textbox', { name: 'Ids' }).fill('0');
  await page.getByLabel('Max new tokens').fill('4');
  if (source.folder) {
    await page.getByRole('radio', { name: /Folder on this computer/ }).check();
    await page.locator('input[name="modelFolder"]').setInputFiles(source.folder);
  } else if (source.url) {
    await page.getByRole('radio', { name: /Model folder URL/ }).check();
    await page.getByRole('textbox', { name: 'Folder URL' }).fill(source.url);
  } else {
    await page.getByRole('radio', { name: /Tiny test model/ }).check();
  }
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/#\/run\//);
  await waitForStatus(page, '(done|error)', 120_000);
  return (await page.getByTestId('run-status').textContent()) === 'done'
    ? 'done'
    : ((await page.getByTestId('run-error').textContent()) ?? '');
}

test('a picked folder without its tokenizer files names what is missing', async () => {
  const dir = modelCopy((d) => {
    rmSync(join(d, 'tokenizer.json'));
    rmSync(join(d, 'tokenizer_config.json'));
  });
  expect(await runInBrowser({ folder: dir })).toMatch(/my-model is missing tokenizer\.json, tokenizer_config\.json/);
});

test('a corrupt ONNX file is reported as unreadable, not as a crash', async () => {
  const dir = modelCopy((d) => writeFileSync(join(d, 'onnx/model.onnx'), Buffer.from('this is not a protobuf')));
  expect(await runInBrowser({ folder: dir })).toMatch(/ONNX file of folder my-model could not be read/);
});

test('an unknown architecture is named', async () => {
  const dir = modelCopy((d) => {
    const p = join(d, 'config.json');
    const c = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
    writeFileSync(p, JSON.stringify({ ...c, model_type: 'frobnicator', architectures: ['FrobForCausalLM'] }));
  });
  expect(await runInBrowser({ folder: dir })).toMatch(/architecture \(frobnicator\) is not supported/);
});

test('a model larger than the device is refused before downloading', async () => {
  expect(await runInBrowser({ url: `${models.url}/huge/` })).toMatch(/20\.0 GiB .* larger than this device can hold/);
});

test('a Hub revision that does not exist is named (CLI, against a Hub-layout mirror)', async () => {
  const r = await runCli([
    'eval',
    '--model',
    'org/tiny',
    '--revision',
    'no-such-branch',
    '--hub-url',
    models.url,
    '--env',
    'sat',
    '--n',
    '1',
    '--device',
    'wasm',
  ]);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/Revision not found for org\/tiny@no-such-branch/);
});

test('after all that, the app still evaluates with the bundled model', async () => {
  expect(await runInBrowser({})).toBe('done');
});
