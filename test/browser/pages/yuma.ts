/// <reference types="@webgpu/types" />
// Page side of the Yuma kernel test and bench (UI realm): exposes `window.yuma` with seeded scenario batches run on
// the GPU (simulateGpu) and on the float64 CPU reference (simulateCpu) in this page, compared epoch by epoch, and
// a bench of both. Scenarios are made in the page, so only seeds and small results cross the Playwright boundary.
import { simulateGpu, type YumaGpuOptions, type YumaGpuTimings } from '../../../src/shared/gpu/kernels/yuma.ts';
import { simulateCpu } from '../../../src/shared/yuma/simulate.ts';
import type { YumaScenario } from '../../../src/shared/yuma/types.ts';
import { checkYuma3, YUMA3_CASES, yuma3Scenario, type Yuma3Check } from '../../support/yuma-chain-cases.ts';
import { context, gpuErrors } from './context.ts';
import {
  compareOutputs,
  emptyComparison,
  emptyCoverage,
  randomScenario,
  type Comparison,
  type Coverage,
  type ScenarioShape,
} from './yuma.scenarios.ts';

export interface YumaCaseOptions extends Omit<YumaGpuOptions, 'timings'> {
  /** Share of weight rows re-set before each epoch; default 0.15. */
  changeRate?: number;
}

export interface YumaCaseResult extends Comparison {
  coverage: Coverage;
  gpuErrors: string[];
  timings: YumaGpuTimings;
}

const seedOf = (seed: number, i: number) => (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0;

function batch(seed: number, count: number, shape: ScenarioShape, changeRate?: number) {
  const coverage = emptyCoverage();
  const scenarios = Array.from({ length: count }, (_, i) =>
    randomScenario(seedOf(seed, i), shape, coverage, changeRate),
  );
  return { scenarios, coverage };
}

/** `count` random scenarios of one shape on the GPU and the CPU, compared. */
async function yumaCase(
  seed: number,
  count: number,
  shape: ScenarioShape,
  options: YumaCaseOptions = {},
): Promise<YumaCaseResult> {
  const { device } = await context();
  const { scenarios, coverage } = batch(seed, count, shape, options.changeRate);
  const timings = {} as YumaGpuTimings;
  const gpu = await simulateGpu(device, scenarios, { ...options, timings });
  const c = emptyComparison();
  scenarios.forEach((sc, i) =>
    compareOutputs(`scenario ${i} (seed ${seedOf(seed, i)})`, sc, gpu[i]!, simulateCpu(sc), c),
  );
  return { ...c, coverage, gpuErrors: [...gpuErrors], timings };
}

/** Runs `f`, resolving to 'resolved' or `${name}: ${message}`. */
const attempt = (f: () => unknown) =>
  Promise.resolve()
    .then(f)
    .then(
      () => 'resolved',
      (e: Error) => `${e.name}: ${e.message}`,
    );

/** Inputs the kernel refuses: each attempt's outcome. */
async function refusals(): Promise<string[]> {
  const { device } = await context();
  const a = randomScenario(1, { n: 8, rows: 3, epochs: 1 });
  const b = randomScenario(2, { n: 9, rows: 3, epochs: 1 });
  const late: YumaScenario = { ...a, state: { ...a.state, block: 2 ** 31 } };
  const badChange: YumaScenario = { ...a, weightChanges: { 0: { 999: { 1: 5 } } } };
  return [
    await attempt(() => simulateGpu(device, [a, b])),
    await attempt(() => simulateGpu(device, [late])),
    await attempt(() => simulateGpu(device, [badChange])),
    await attempt(() => simulateCpu(badChange)),
    await attempt(() => simulateGpu(device, [a], { workgroupSize: 3 })),
  ];
}

/**
 * Stake sums landing exactly near κ: four voters of equal stake, two rating miner 1 high and two low, so
 * stake(W ≥ high) = 0.5 is within float32 noise of κ = 32767/65535 (and of 32768/65535): the exact fixed-point
 * path decides. Returns the comparison and both runs' consensus for miner 1.
 */
async function nearTieCase(): Promise<Comparison & { consensus: number[][] }> {
  const { device } = await context();
  const c = emptyComparison();
  const consensus: number[][] = [];
  for (const kappa of [32767, 32768]) {
    const base = randomScenario(7, { n: 6, rows: 4, epochs: 2 });
    const n = 6;
    const weights = new Uint16Array(4 * n);
    const weightMask = new Uint8Array(4 * n).fill(1);
    for (let r = 0; r < 4; r++) {
      weights[r * n + 4] = 1000;
      weights[r * n + 5] = r < 2 ? 3000 : 1000;
    }
    const sc: YumaScenario = {
      params: {
        ...base.params,
        kappa,
        ownerUid: null,
        stakeThreshold: 0,
        maxAllowedValidators: 64,
        activityCutoff: 5000,
      },
      state: {
        ...base.state,
        stake: Float64Array.from([5, 5, 5, 5, 0, 0]),
        lastUpdate: new Float64Array(n).fill(base.state.block - 1),
        blockAtRegistration: new Float64Array(n),
        validatorPermit: Uint8Array.from([1, 1, 1, 1, 0, 0]),
        rows: Int32Array.from([0, 1, 2, 3]),
        weights,
        weightMask,
        bonds: new Uint16Array(4 * n),
      },
      epochs: 2,
      weightChanges: {},
    };
    const [g] = await simulateGpu(device, [sc]);
    const r = simulateCpu(sc);
    compareOutputs(`near tie, kappa ${kappa}`, sc, g!, r, c);
    consensus.push([g![0]!.consensus[5]!, r[0]!.consensus[5]!]);
  }
  return { ...c, consensus };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

export interface YumaBenchResult {
  adapter: string;
  cpuMs: number[];
  gpuMs: number[];
  timings: YumaGpuTimings[];
  median: { cpu: number; gpu: number; upload: number; gpuWork: number; unpack: number };
  /** Checked on the warm-up run: the first `checked` scenarios against the CPU. */
  checked: number;
  maxErr: number;
  maxBondUnits: number;
  mismatches: string[];
}

/** GPU (whole batch, one call) against the CPU (scenario after scenario), interleaved, after a checked warm-up. */
async function yumaBench(
  scenarioCount: number,
  shape: ScenarioShape,
  runs: number,
  options: YumaCaseOptions & { check?: number } = {},
): Promise<YumaBenchResult> {
  const { device, info } = await context();
  const { scenarios } = batch(12345, scenarioCount, shape, options.changeRate ?? 0.25);
  const warm = await simulateGpu(device, scenarios, options);
  const c = emptyComparison();
  const checked = Math.min(scenarios.length, options.check ?? 32);
  for (let i = 0; i < checked; i++)
    compareOutputs(`scenario ${i}`, scenarios[i]!, warm[i]!, simulateCpu(scenarios[i]!), c);
  const cpuMs: number[] = [];
  const gpuMs: number[] = [];
  const timings: YumaGpuTimings[] = [];
  for (let run = 0; run < runs; run++) {
    const t = {} as YumaGpuTimings;
    const t0 = performance.now();
    await simulateGpu(device, scenarios, { ...options, timings: t });
    gpuMs.push(performance.now() - t0);
    timings.push(t);
    const t1 = performance.now();
    for (const sc of scenarios) simulateCpu(sc);
    cpuMs.push(performance.now() - t1);
  }
  return {
    adapter: `${info.vendor}/${info.architecture}${info.isFallbackAdapter ? ' (fallback)' : ''}`,
    cpuMs,
    gpuMs,
    timings,
    median: {
      cpu: median(cpuMs),
      gpu: median(gpuMs),
      upload: median(timings.map((t) => t.uploadMs)),
      gpuWork: median(timings.map((t) => t.gpuMs)),
      unpack: median(timings.map((t) => t.unpackMs)),
    },
    checked,
    maxErr: c.maxErr,
    maxBondUnits: c.maxBondUnits,
    mismatches: c.mismatches,
  };
}

/** Subtensor's own `test_yuma_3_*` scenarios on the GPU, each checked against the chain's targets (1e-3). */
async function chainCases(): Promise<(Yuma3Check & { name: string })[]> {
  const { device } = await context();
  const out: (Yuma3Check & { name: string })[] = [];
  // One batch per case: the cases differ in n, and a batch shares its shape.
  for (const c of YUMA3_CASES) {
    const [epochs] = await simulateGpu(device, [yuma3Scenario(c)]);
    out.push({ name: c.name, ...checkYuma3(c, epochs!) });
  }
  return out;
}

const yuma = {
  context,
  simulateGpu,
  simulateCpu,
  randomScenario,
  yumaCase,
  refusals,
  nearTieCase,
  yumaBench,
  chainCases,
};
export type YumaPage = typeof yuma;

declare global {
  interface Window {
    yuma: YumaPage;
  }
}

window.yuma = yuma;
