// The log-probability WGSL kernel in real Chromium WebGPU (SwiftShader here) against its CPU reference, on fresh
// random inputs every run: shapes off the workgroup multiple, ties, huge magnitudes, masked tokens, chunked uploads.
// Reproduce a failure with KERNEL_SEED=<seed printed in the message>.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import type { CaseResult, RowKind } from './pages/kernels.ts';
import type { LogprobsGpuOptions } from '../../src/shared/gpu/kernels/logprobs.ts';

const PAGE = 'test/browser/pages/kernels.html';
const SEED = Number(process.env.KERNEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Built beside the app by the browser-test setup (test/browser/setup/global.ts).
  const url = `${inject('appUrl')}/${PAGE}`;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => 'kernels' in window);
});
afterAll(async () => {
  await browser?.close();
});

type CaseOptions = LogprobsGpuOptions & { kinds?: RowKind[] };
let caseNo = 0;

async function runCase(positions: number, vocab: number, k: number, options: CaseOptions = {}): Promise<CaseResult> {
  const n = caseNo++;
  const seed = SEED + n;
  const r = await page.evaluate(([s, p, v, kk, o]) => window.kernels.logprobsCase(s, p, v, kk, o), [
    seed,
    positions,
    vocab,
    k,
    options,
  ] as const);
  const what = `KERNEL_SEED=${SEED}, case ${n}: ${positions}×${vocab} k=${k} ${JSON.stringify(options)}`;
  expect(r.gpuErrors, what).toEqual([]);
  expect(r.mismatches, what).toEqual([]);
  expect(r.nonFinite, what).toBe(0);
  expect(r.allZero, what).toBe(false);
  return r;
}

test('matches the CPU reference over positions × vocab × k, on mixed rows', async () => {
  let tieSwaps = 0;
  let maxErr = 0;
  for (const positions of [1, 7, 64])
    for (const vocab of [1, 17, 1000, 32768 + 5])
      for (const k of [1, 5, 16]) {
        const r = await runCase(positions, vocab, k);
        tieSwaps += r.tieSwaps;
        maxErr = Math.max(maxErr, r.maxErr);
      }
  // Ties are compared on exact float32 logits on both sides, so the lower-id rule should give identical ids.
  expect(tieSwaps).toBe(0);
  console.info(`logprobs kernel: seed ${SEED}, max |gpu − cpu| / max(1, |cpu|) ${maxErr.toExponential(2)}`);
});

test('ties: rows of a dozen distinct values and constant rows keep the lower id first', async () => {
  for (const vocab of [17, 1000, 4099]) {
    expect((await runCase(16, vocab, 16, { kinds: ['ties', 'flat'] })).tieSwaps).toBe(0);
  }
});

test('huge magnitudes (±1e4) and masked tokens (−Infinity, −FLT_MAX) stay finite and exact at the max', async () => {
  await runCase(32, 5003, 5, { kinds: ['huge'] });
  // vocab 17 with half the tokens masked: top-16 slots beyond the unmasked ones are padded with NO_TOKEN.
  await runCase(32, 17, 16, { kinds: ['masked'] });
  await runCase(8, 20000, 16, { kinds: ['masked', 'huge'] });
  // A logit 200 above the rest, mostly outside the kernel's prefix sample: its sum must be redone, not overflow.
  await runCase(16, 5003, 5, { kinds: ['spike'] });
});

test('workgroup sizes and chunked uploads give the same results', async () => {
  for (const workgroupSize of [16, 32, 128, 256]) await runCase(9, 3001, 5, { workgroupSize });
  // 3 rows per 64 KiB chunk: 7 positions need 3 uploads, the last one partial.
  const r = await runCase(7, 5000, 5, { maxChunkBytes: 64 * 1024 });
  expect(r.timings.chunks).toBe(3);
  const timed = await runCase(7, 5000, 5, { maxChunkBytes: 64 * 1024, timing: true });
  for (const ms of [timed.timings.uploadMs, timed.timings.computeMs, timed.timings.readbackMs]) {
    expect(ms).toBeGreaterThanOrEqual(0);
  }
});

test('refuses bad inputs with a RangeError, and workgroup memory over 16 KiB', async () => {
  const errors = await page.evaluate(async () => {
    const { device } = await window.kernels.context();
    const logits = new Float32Array(6);
    const attempt = (f: () => Promise<unknown>) =>
      f().then(
        () => 'resolved',
        (e: Error) => `${e.name}: ${e.message}`,
      );
    return [
      await attempt(async () => window.kernels.logprobsGpu(device, logits, 2, 3, new Uint32Array([0, 3]), 1)),
      await attempt(async () => window.kernels.logprobsGpu(device, logits, 2, 3, new Uint32Array([0, 1]), 17)),
      await attempt(async () => window.kernels.logprobsGpu(device, logits, 3, 3, new Uint32Array([0, 1]), 1)),
      await attempt(() =>
        window.kernels.logprobsGpu(device, logits, 2, 3, new Uint32Array([0, 1]), 16, { workgroupSize: 256 }),
      ),
    ];
  });
  expect(errors[0]).toMatch(/RangeError: targets\[1\] = 3 is outside the vocab/);
  expect(errors[1]).toMatch(/RangeError: k must be/);
  expect(errors[2]).toMatch(/RangeError: logits has 6 values/);
  expect(errors[3]).toMatch(/RangeError: .*16 KiB/);
});

test('a lost device rejects with GpuError "device-lost"', async () => {
  const error = await page.evaluate(async () => {
    const { device, lost } = await window.kernels.acquireGpu({ label: 'LostTest.device' });
    const one = () => window.kernels.logprobsGpu(device, new Float32Array([1, 2]), 1, 2, new Uint32Array([0]), 1);
    await one(); // kernel state (pipelines, buffers) now exists for this device
    device.destroy();
    await lost;
    return one().then(
      () => 'resolved',
      (e: Error & { code?: string }) => `${e.name} ${e.code}: ${e.message}`,
    );
  });
  expect(error).toMatch(/^GpuError device-lost: /);
});
