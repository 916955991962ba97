// The Judge's WGSL kernels (subset dominance, bootstrap) in real Chromium WebGPU (SwiftShader here) against their
// CPU references on fresh random inputs every run; the results must be identical. Also the scoring worker: same
// results on its GPU and forced onto the CPU. Reproduce a failure with KERNEL_SEED=<seed printed in the message>.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import type { DominanceCaseOptions, JudgeCaseResult } from './pages/judge-cases.ts';

const PAGE = 'test/browser/pages/kernels.html';
const SEED = Number(process.env.KERNEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Built beside the app by the browser-test setup (test/browser/setup/global.ts).
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${inject('appUrl')}/${PAGE}`);
  await page.waitForFunction(() => 'kernels' in window);
});
afterAll(async () => {
  await browser?.close();
});

let caseNo = 0;
function expectIdentical(r: JudgeCaseResult, what: string) {
  expect(r.gpuErrors, what).toEqual([]);
  expect(r.mismatches, what).toEqual([]);
}

async function dominance(n: number, e: number, o: DominanceCaseOptions = {}) {
  const c = caseNo++;
  const r = await page.evaluate(([s, nn, ee, oo]) => window.kernels.dominanceCase(s, nn, ee, oo), [
    SEED + c,
    n,
    e,
    o,
  ] as const);
  expectIdentical(r, `KERNEL_SEED=${SEED}, case ${c}: dominance N=${n} E=${e} ${JSON.stringify(o)}`);
  return r;
}

async function bootstrap(
  cells: number,
  ns: number[],
  resamples: number,
  o: { level?: number; maxScratchBytes?: number; workgroupSize?: number; candidateCap?: number } = {},
) {
  const c = caseNo++;
  const r = await page.evaluate(([s, cc, nn, b, oo]) => window.kernels.bootstrapCase(s, cc, nn, b, oo), [
    SEED + c,
    cells,
    ns,
    resamples,
    o,
  ] as const);
  expectIdentical(
    r,
    `KERNEL_SEED=${SEED}, case ${c}: bootstrap ${cells} cells n=${ns} B=${resamples} ${JSON.stringify(o)}`,
  );
  return r;
}

test('dominance: identical counts over N × E, with grid ties and invalid results', async () => {
  let checksum = 0;
  for (const n of [1, 2, 7, 64, 256]) for (const e of [1, 3, 8]) checksum += (await dominance(n, e)).checksum;
  expect(checksum).toBeGreaterThan(0);
});

test('dominance: all ties, continuous values, no valid results, every result valid', async () => {
  await dominance(50, 4, { grid: 1e9 }); // every lo and hi equal: the earlier model wins every duel
  await dominance(100, 6, { grid: 0 });
  await dominance(20, 3, { invalid: 1 }); // nothing valid: all counts 0
  await dominance(129, 8, { invalid: 0 });
  for (const workgroupSize of [1, 32, 256]) await dominance(97, 5, { workgroupSize });
});

test('bootstrap: identical intervals for n in {0, 1, 2, 50, 300} and B in {1, 100}', async () => {
  for (const resamples of [1, 100]) {
    const r = await bootstrap(40, [0, 1, 2, 50, 300], resamples);
    expect(r.checksum).toBeGreaterThan(0);
  }
  await bootstrap(10, [7, 50], 100, { level: 0.5 });
  await bootstrap(10, [7, 50], 37, { level: 0.999 });
  for (const workgroupSize of [1, 16, 64]) await bootstrap(12, [0, 5, 77], 203, { workgroupSize });
});

test('bootstrap: B = 10,000 on a few cells, and cells split over several dispatches', async () => {
  await bootstrap(5, [0, 1, 2, 50, 300], 10_000);
  // Cells above LOCAL_N = 2048 values gather from the storage buffer, the others from workgroup memory; 65,536 is
  // the largest n, where the float32 index is coarsest.
  await bootstrap(4, [2048, 2049, 5000, 65536], 50);
  // After the first selection round the keys left are copied to workgroup memory when at most candidateCap; a cap
  // of 0 or 3 keeps some or all cells scanning the scratch, 2048 (the default) copies them at this B.
  for (const candidateCap of [0, 3, 2048]) await bootstrap(6, [2, 9, 100], 3000, { candidateCap });
  // 3 cells × 100 resamples × 4 B per 1200-byte dispatch: 10 cells need 4 dispatches.
  const r = await bootstrap(10, [3, 20], 100, { maxScratchBytes: 1200 });
  expect(r.dispatches).toBe(4);
});

test('the scoring worker reports the GPU here, and gives the same results on the GPU and forced onto the CPU', async () => {
  const r = await page.evaluate((s) => window.kernels.workerCase(s), SEED);
  expect(r.backends[0]!.kind).toBe('gpu');
  expect(r.backends[0]!.adapter).toMatch(/swiftshader|google/i);
  expect(r.backends[1]).toMatchObject({ kind: 'cpu' });
  expect(r.used).toEqual(['gpu', 'cpu', 'gpu', 'cpu']);
  expect(r.mismatches, `KERNEL_SEED=${SEED}`).toEqual([]);
});

test('bad inputs are refused with the same RangeError on both paths', async () => {
  const errors = await page.evaluate(async () => {
    const { device } = await window.kernels.context();
    const k = window.kernels;
    const attempt = (f: () => unknown) =>
      Promise.resolve()
        .then(f)
        .then(
          () => 'resolved',
          (e: Error) => `${e.name}: ${e.message}`,
        );
    const dom = k.makeDominanceInput(1, 3, 2);
    const badDom = { ...dom, validMask: new Uint32Array([7, 0, 0]) };
    const boot = k.makeBootstrapInput(1, 2, [3], 10);
    const badBoot = { ...boot, level: 1 };
    return [
      await attempt(() => k.dominanceGpu(device, badDom)),
      await attempt(() => k.dominanceCpu(badDom)),
      await attempt(() => k.bootstrapGpu(device, badBoot)),
      await attempt(() => k.bootstrapCpu(badBoot)),
    ];
  });
  expect(errors[0]).toMatch(/RangeError: validMask\[0\] has bits at or above envs/);
  expect(errors[1]).toBe(errors[0]);
  expect(errors[2]).toMatch(/RangeError: level must be in \(0, 1\)/);
  expect(errors[3]).toBe(errors[2]);
});
