// The in-browser model worker in Chromium, on WASM and on WebGPU (SwiftShader): same greedy tokens on both devices,
// batched equals unbatched, cancel then generate again, log-probs on the GPU kernel equal the CPU path, and a full
// SAT run with the bundled tiny model through the UI.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { ROOT } from '../support/cli.ts';
import { writeExternalDataCopy } from '../support/external-data.ts';
import { doneCount, waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${appUrl}/#/evaluate`);
  await page.waitForFunction(() => '__arbiter' in window);
});
afterAll(async () => {
  await browser?.close();
});

// Short prompts: SwiftShader runs WebGPU on the CPU at about 0.4 GFLOP/s.
const PROMPTS = ['x1 ∨ x2', 'Find a satisfying assignment for x3', 'True False UNSAT x7=True,'];

/** Runs `fn` in the page with a fresh LlmClient holding the bundled model on `device`. */
function withModel<T>(device: 'wasm' | 'webgpu', fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    async ({ device, fn, arg }) => {
      const { LlmClient } = (window as any).__arbiter;
      const client = new LlmClient();
      try {
        const info = await client.load({
          source: { kind: 'bundled', id: 'arbiter/tiny-llama' },
          device,
          dtype: 'fp32',
        });
        return await new Function('client', 'info', 'arg', `return (${fn})(client, info, arg)`)(client, info, arg);
      } finally {
        client.dispose();
      }
    },
    { device, fn, arg },
  );
}

const greedy = `async (client, info, prompts) => {
  const r = await client.generate(prompts, { maxNewTokens: 6 });
  return { device: info.device, tokens: r.tokens, texts: r.texts };
}`;

test('WebGPU and WASM give the same greedy tokens', async () => {
  const wasm = await withModel<{ device: string; tokens: number[][] }>('wasm', greedy, PROMPTS);
  const gpu = await withModel<{ device: string; tokens: number[][] }>('webgpu', greedy, PROMPTS);
  expect(wasm.device).toBe('wasm');
  expect(gpu.device).toBe('webgpu');
  expect(wasm.tokens.every((t) => t.length > 0)).toBe(true);
  expect(gpu.tokens).toEqual(wasm.tokens);
});

test('a left-padded batch gives each prompt the tokens it gets alone', async () => {
  const r = await withModel<{ batched: number[][]; alone: number[][] }>(
    'wasm',
    `async (client, info, prompts) => {
      const batched = (await client.generate(prompts, { maxNewTokens: 8 })).tokens;
      const alone = [];
      for (const p of prompts) alone.push((await client.generate([p], { maxNewTokens: 8 })).tokens[0]);
      return { batched, alone };
    }`,
    PROMPTS,
  );
  expect(r.batched).toEqual(r.alone);
});

test('cancel stops a generation at once, and the next generation works', async () => {
  const r = await withModel<{ cancelled: string; ms: number; after: number }>(
    'wasm',
    `async (client, info, prompts) => {
      const long = client.generate([prompts[1]], { maxNewTokens: 4000 });
      await new Promise((r) => setTimeout(r, 300));
      const t0 = performance.now();
      client.cancel();
      const cancelled = await long.then(() => 'finished', (e) => e.code);
      const ms = performance.now() - t0;
      const again = await client.generate([prompts[0]], { maxNewTokens: 4 });
      return { cancelled, ms, after: again.tokens[0].length };
    }`,
    PROMPTS,
  );
  expect(r.cancelled).toBe('cancelled');
  expect(r.ms).toBeLessThan(1000);
  expect(r.after).toBeGreaterThan(0);
});

test('log-probs from the WGSL kernel (WebGPU) equal the CPU path (WASM)', async () => {
  const fn = `async (client, info) => client.logprobs('Find a satisfying assignment', 'x1=True, x2=False, UNSAT', 5)`;
  type R = { path: string; tokens: number[]; logprobs: number[]; topIds: number[][]; sum: number };
  const gpu = await withModel<R>('webgpu', fn);
  const cpu = await withModel<R>('wasm', fn);
  expect(gpu.path).toBe('gpu');
  expect(cpu.path).toBe('cpu');
  expect(gpu.tokens).toEqual(cpu.tokens);
  gpu.logprobs.forEach((v, i) => expect(v).toBeCloseTo(cpu.logprobs[i]!, 3));
  expect(gpu.topIds).toEqual(cpu.topIds);
  expect(gpu.logprobs.every((v) => v < 0 && Number.isFinite(v))).toBe(true);
});

test('a SAT run with the bundled tiny model through the UI stores its samples', async () => {
  const p = await browser.newPage();
  await p.goto(`${appUrl}/#/evaluate`);
  await p.getByRole('radio', { name: /In this browser/ }).check();
  await p.getByRole('radio', { name: /Tiny test model/ }).check();
  await p.getByLabel('Device', { exact: true }).selectOption('wasm');
  await p.getByRole('textbox', { name: 'Ids' }).fill('0-3');
  await p.getByLabel('Batch size').fill('2');
  await p.getByLabel('Max new tokens').fill('8');
  await p.getByRole('button', { name: 'Start' }).click();
  await p.waitForURL(/#\/run\//);
  await waitForStatus(p, 'done', 120_000);
  expect(await doneCount(p)).toBe(4);
  expect(await p.getByTestId('model-info').textContent()).toMatch(/arbiter\/tiny-llama.*wasm.*fp32/);
  // Stored: the Runs page reads them back from IndexedDB.
  await p.goto(`${appUrl}/#/runs`);
  await expect
    .poll(() => p.getByTestId('runs').locator('tbody tr').first().locator('td').nth(5).textContent())
    .toBe('4 / 4');
  await p.close();
});

test('tokens stream into the run page, and Stop ends a long generation at once', async () => {
  const p = await browser.newPage();
  await p.goto(`${appUrl}/#/evaluate`);
  await p.getByRole('radio', { name: /In this browser/ }).check();
  await p.getByRole('radio', { name: /Tiny test model/ }).check();
  await p.getByLabel('Device', { exact: true }).selectOption('wasm');
  await p.getByRole('textbox', { name: 'Ids' }).fill('0-1');
  await p.getByLabel('Batch size').fill('2');
  await p.getByLabel('Max new tokens').fill('3000');
  await p.getByRole('button', { name: 'Start' }).click();
  await waitForStatus(p, 'running');
  // The tiny model writes assignment-like words; two rows stream side by side.
  await expect.poll(() => p.getByTestId('live-output').locator('pre').count(), { timeout: 60_000 }).toBe(2);
  await expect.poll(() => p.getByTestId('live-output').textContent(), { timeout: 60_000 }).toMatch(/x\d+=(True|False)/);
  const t0 = Date.now();
  await p.getByRole('button', { name: 'Stop' }).click();
  await waitForStatus(p, 'stopped', 10_000);
  expect(Date.now() - t0).toBeLessThan(3000);
  expect(await doneCount(p)).toBe(0);
  await p.close();
});

test('a model folder in the external-data layout, picked from disk, gives the bundled model’s tokens', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'arbiter-ext-')), 'tiny-external');
  writeExternalDataCopy(join(ROOT, 'public/models/arbiter/tiny-llama'), dir);
  expect(statSync(join(dir, 'onnx/model.onnx')).size).toBeLessThan(40_000); // the weights really moved out
  const p = await browser.newPage();
  await p.goto(`${appUrl}/#/evaluate`);
  await p.waitForFunction(() => '__arbiter' in window);
  // The folder input hands the page real File objects, exactly as a user's folder pick does.
  await p.setContent('<input type="file" webkitdirectory>');
  await p.locator('input').setInputFiles(dir);
  const r = await p.evaluate(async (prompts) => {
    const input = document.querySelector('input')!;
    const files: Record<string, Blob> = {};
    for (const f of Array.from(input.files!)) files[f.webkitRelativePath.split('/').slice(1).join('/')] = f;
    const { LlmClient } = (window as any).__arbiter;
    const run = async (source: unknown) => {
      const c = new LlmClient();
      try {
        await c.load({ source, device: 'wasm', dtype: 'fp32' });
        return (await c.generate(prompts, { maxNewTokens: 6 })).tokens;
      } finally {
        c.dispose();
      }
    };
    return {
      external: await run({ kind: 'folder', name: 'tiny-external', files }),
      bundled: await run({ kind: 'bundled', id: 'arbiter/tiny-llama' }),
    };
  }, PROMPTS);
  expect(r.external).toEqual(r.bundled);
  rmSync(join(dir, '..'), { recursive: true, force: true });
  await p.close();
});
