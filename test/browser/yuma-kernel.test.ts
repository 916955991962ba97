// The Yuma epoch kernel (shaders/yuma_*.wgsl, simulateGpu) in real Chromium WebGPU (SwiftShader here) against the
// float64 CPU reference (simulateCpu) on fresh random scenarios every run: every output of every epoch within 10⁻⁴
// (bonds as u16 / 65535), permits identical; and subtensor's own test_yuma_3_* scenarios (test/support/
// yuma-chain-cases.ts) within the chain's 1e-3. Reproduce a failure with KERNEL_SEED=<seed printed in the message>.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import type { YumaCaseOptions, YumaCaseResult } from './pages/yuma.ts';
import type { ScenarioShape } from './pages/yuma.scenarios.ts';

const PAGE = 'test/browser/pages/yuma.html';
const SEED = Number(process.env.KERNEL_SEED ?? Math.floor(Math.random() * 2 ** 31));
let browser: Browser;
let page: Page;
let worst = { err: 0, bondUnits: 0 };

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${inject('appUrl')}/${PAGE}`);
  await page.waitForFunction(() => 'yuma' in window);
  console.log(`yuma-kernel: KERNEL_SEED=${SEED}`);
});
afterAll(async () => {
  console.log(
    `yuma-kernel: KERNEL_SEED=${SEED}, max |gpu − cpu| ${worst.err.toExponential(1)}, bonds within ` +
      `${worst.bondUnits} u16 units`,
  );
  await browser?.close();
});

let caseNo = 0;
async function yumaCase(count: number, shape: ScenarioShape, o: YumaCaseOptions = {}): Promise<YumaCaseResult> {
  const c = caseNo++;
  const r = await page.evaluate(([s, k, sh, oo]) => window.yuma.yumaCase(s, k, sh, oo), [
    SEED + c,
    count,
    shape,
    o,
  ] as const);
  const what = `KERNEL_SEED=${SEED}, case ${c}: ${count} scenarios ${JSON.stringify(shape)} ${JSON.stringify(o)}`;
  expect(r.gpuErrors, what).toEqual([]);
  expect(r.mismatches, what).toEqual([]);
  expect(r.nonZeroConsensus, what).toBeGreaterThan(0);
  worst = { err: Math.max(worst.err, r.maxErr), bondUnits: Math.max(worst.bondUnits, r.maxBondUnits) };
  return r;
}

test('Yuma3 with and without liquid alpha and the original bonds match the CPU over several epochs', async () => {
  const r = await yumaCase(60, { n: 24, rows: 8, epochs: 5 });
  const cov = r.coverage;
  // Each feature the scenarios can draw was drawn (60 scenarios make a miss vanishingly unlikely).
  for (const key of ['yuma3', 'liquid', 'original', 'betaZero', 'betaOne', 'betaBetween'] as const) {
    expect(cov[key], key).toBeGreaterThan(0);
  }
  for (const key of ['explicitZeros', 'inactive', 'belowThreshold', 'weightChanges', 'owners'] as const) {
    expect(cov[key], key).toBeGreaterThan(0);
  }
  expect(r.permitChanges).toBeGreaterThan(0);
});

test('shapes: n off the quad size, one row, every uid a row, and the bench size', async () => {
  await yumaCase(40, { n: 5, rows: 2, epochs: 4 });
  await yumaCase(20, { n: 33, rows: 12, epochs: 3 });
  await yumaCase(30, { n: 7, rows: 1, epochs: 3 });
  await yumaCase(20, { n: 10, rows: 10, epochs: 3 });
  await yumaCase(4, { n: 256, rows: 64, epochs: 3 }, { changeRate: 0.25 });
});

test('no weight changes, and weights changing every epoch', async () => {
  await yumaCase(20, { n: 18, rows: 6, epochs: 6 }, { changeRate: 0 });
  await yumaCase(20, { n: 18, rows: 6, epochs: 6 }, { changeRate: 1 });
});

test('stake sums within float32 noise of κ are decided exactly', async () => {
  const r = await page.evaluate(() => window.yuma.nearTieCase());
  expect(r.mismatches).toEqual([]);
  // κ = 32767/65535 < 0.5: half the stake at the high weight is enough; κ = 32768/65535 > 0.5: it is not.
  const [low, high] = r.consensus;
  expect(low![0]).toBeCloseTo(0.75, 6);
  expect(high![0]).toBeCloseTo(0.5, 6);
});

test('scenarios split over several chains of passes give the same outputs', async () => {
  const r = await yumaCase(10, { n: 12, rows: 4, epochs: 3 }, { maxChunkScenarios: 3 });
  expect(r.timings.chunks).toBe(4);
  // By default a chunk holds at most 64 MiB of buffers: ~4.3 MB per scenario at n = 1024 with 256 rows, so 15.
  const big = await yumaCase(16, { n: 1024, rows: 256, epochs: 1 });
  expect(big.timings.chunks).toBe(2);
  for (const workgroupSize of [1, 32, 256]) await yumaCase(6, { n: 12, rows: 4, epochs: 2 }, { workgroupSize });
});

test('inputs the kernel cannot run are refused with a clear error', async () => {
  const errors = await page.evaluate(() => window.yuma.refusals());
  expect(errors[0]).toMatch(/RangeError: scenarios\[1\] has n = 9 .* every scenario to have the first one's n = 8/);
  expect(errors[1]).toMatch(/RangeError: .*state\.block = 2147483648/);
  expect(errors[2]).toMatch(/ScenarioError: weightChanges\[0\]\['999'\]/);
  expect(errors[3]).toBe(errors[2]);
  expect(errors[4]).toMatch(/RangeError: workgroupSize must be a power of two/);
});

test("subtensor's own test_yuma_3_* scenarios on the GPU: bonds and dividends within the chain's 1e-3", async () => {
  const cases = await page.evaluate(() => window.yuma.chainCases());
  expect(cases.map((c) => c.name)).toEqual([
    'kappa_moves_first',
    'kappa_moves_second',
    'kappa_moves_last',
    'one_epoch_switch',
    'liquid_alpha_disabled',
    'stable_miner',
  ]);
  for (const c of cases) {
    expect(c.errors, c.name).toEqual([]);
  }
});
