/// <reference types="@webgpu/types" />
// Page side of the kernel tests and benches (UI realm): exposes `window.kernels` with the GPU kernels, their CPU
// references, a seeded input generator and a GPU-vs-CPU comparator (the Judge kernels' cases: judge-cases.ts). Inputs are made in the page, so that only
// seeds and small results cross the Playwright boundary.
import { acquireGpu } from '../../../src/shared/gpu/device.ts';
import {
  logprobsGpu,
  type LogprobsGpuOptions,
  type LogprobsTimings,
} from '../../../src/shared/gpu/kernels/logprobs.ts';
import { logprobsCpu, MASKED_LOGIT, type LogprobsResult } from '../../../src/shared/logprobs-cpu.ts';
import { context, gpuErrors, rng } from './context.ts';
import * as judge from './judge-cases.ts';

/**
 * |gpu − cpu| ≤ TOL · max(1, |cpu|). float32 rounds at 6e-8 relative; the GPU sums exp() in float32 over
 * vocab / WG terms per invocation plus a log2(WG) tree (≲ 600 · 6e-8 ≈ 4e-5 worst case at 150k vocab), and WGSL
 * lets exp() be off by 3 + 2|x| ulp. The relative part covers |logits| ~ 1e4, where one float32 ulp is 1e-3.
 */
export const TOL = 1e-4;

export type RowKind = 'normal' | 'ties' | 'huge' | 'masked' | 'flat' | 'spike';
const KINDS: RowKind[] = ['normal', 'ties', 'huge', 'masked', 'flat', 'spike'];

export interface Inputs {
  logits: Float32Array;
  targets: Uint32Array;
  kinds: RowKind[];
}

/** Random logits with a mix of row kinds (or only `kinds`), and random targets (a third of them the row's argmax). */
export function makeInputs(seed: number, positions: number, vocab: number, kinds: RowKind[] = KINDS): Inputs {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const logits = new Float32Array(positions * vocab);
  const targets = new Uint32Array(positions);
  const rowKinds: RowKind[] = [];
  for (let p = 0; p < positions; p++) {
    const kind = kinds[Math.floor(rand() * kinds.length)]!;
    rowKinds.push(kind);
    const row = logits.subarray(p * vocab, (p + 1) * vocab);
    const flat = gauss() * 10;
    for (let i = 0; i < vocab; i++) {
      if (kind === 'ties')
        row[i] = Math.round(gauss() * 2); // a dozen distinct values: ties everywhere
      else if (kind === 'huge') row[i] = (rand() * 2 - 1) * 1e4;
      else if (kind === 'flat') row[i] = flat;
      else row[i] = gauss() * 4;
      if (kind === 'masked' && i > 0 && rand() < 0.5) row[i] = rand() < 0.5 ? -Infinity : MASKED_LOGIT;
    }
    // One logit far above the rest: exercises the kernel's re-sum when the max lies outside its prefix sample.
    if (kind === 'spike') row[Math.floor(rand() * vocab)] = 200;
    let best = 0;
    for (let i = 1; i < vocab; i++) if (row[i]! > row[best]!) best = i;
    targets[p] = rand() < 0.33 ? best : Math.floor(rand() * vocab);
  }
  return { logits, targets, kinds: rowKinds };
}

function close(g: number, c: number): boolean {
  return g === c || Math.abs(g - c) <= TOL * Math.max(1, Math.abs(c));
}

export interface Comparison {
  mismatches: string[];
  /** Top-k slots whose ids differ but whose logits agree within TOL (allowed). */
  tieSwaps: number;
  /** Largest |gpu − cpu| / max(1, |cpu|): the quantity held under TOL. */
  maxErr: number;
  nonFinite: number;
  /** The GPU wrote only zeros where the reference has something else (a silent-failure symptom). */
  allZero: boolean;
}

/** GPU result against the CPU reference: values within TOL, same top-k ids unless their logits tie within TOL. */
export function compare(gpu: LogprobsResult, cpu: LogprobsResult, inputs: Inputs, vocab: number, k: number) {
  const c: Comparison = { mismatches: [], tieSwaps: 0, maxErr: 0, nonFinite: 0, allZero: true };
  // A 1-token vocab (or a flat row of zeros) legitimately gives all zeros: only flag zeros the reference lacks.
  let referenceNonZero = false;
  const note = (msg: string) => c.mismatches.length < 20 && c.mismatches.push(msg);
  const check = (what: string, p: number, g: number, r: number) => {
    if (Number.isFinite(r) && !Number.isFinite(g)) c.nonFinite++;
    if (g !== 0) c.allZero = false;
    if (r !== 0) referenceNonZero = true;
    if (!close(g, r)) note(`${what} row ${p} (${inputs.kinds[p]}): gpu ${g} cpu ${r}`);
    else if (Number.isFinite(r)) c.maxErr = Math.max(c.maxErr, Math.abs(g - r) / Math.max(1, Math.abs(r)));
  };
  const positions = cpu.lse.length;
  for (let p = 0; p < positions; p++) {
    check('lse', p, gpu.lse[p]!, cpu.lse[p]!);
    check('target', p, gpu.targetLogprobs[p]!, cpu.targetLogprobs[p]!);
    for (let j = 0; j < k; j++) {
      const gi = gpu.topIds[p * k + j]!;
      const ci = cpu.topIds[p * k + j]!;
      check(`top[${j}]`, p, gpu.topLogprobs[p * k + j]!, cpu.topLogprobs[p * k + j]!);
      if (gi === ci) continue;
      const gx = gi < vocab ? inputs.logits[p * vocab + gi]! : NaN;
      const cx = ci < vocab ? inputs.logits[p * vocab + ci]! : NaN;
      if (close(gx, cx)) c.tieSwaps++;
      else note(`top id [${j}] row ${p} (${inputs.kinds[p]}): gpu ${gi} (${gx}) cpu ${ci} (${cx})`);
    }
  }
  c.allZero &&= referenceNonZero;
  return c;
}

export interface CaseResult extends Comparison {
  timings: LogprobsTimings;
  gpuErrors: string[];
}

/** One test case, end to end in the page: generate, run GPU and CPU, compare. */
async function logprobsCase(
  seed: number,
  positions: number,
  vocab: number,
  k: number,
  options: LogprobsGpuOptions & { kinds?: RowKind[] } = {},
): Promise<CaseResult> {
  const { device } = await context();
  const inputs = makeInputs(seed, positions, vocab, options.kinds);
  const g = await logprobsGpu(device, inputs.logits, positions, vocab, inputs.targets, k, options);
  const r = logprobsCpu(inputs.logits, positions, vocab, inputs.targets, k);
  return { ...compare(g, r, inputs, vocab, k), timings: g.timings, gpuErrors: [...gpuErrors] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface BenchResult {
  cpuMs: number[];
  gpuTotalMs: number[];
  gpuTimed: LogprobsTimings[];
  median: { cpu: number; gpuTotal: number; upload: number; compute: number; readback: number; timedTotal: number };
  adapter: string;
  maxErr: number;
  mismatches: string[];
}

/** CPU vs GPU timings on normal rows: one warm-up each, then `runs` timed runs (GPU twice: plain and `timing`). */
async function logprobsBench(
  positions: number,
  vocab: number,
  k: number,
  runs: number,
  options: LogprobsGpuOptions & { kinds?: RowKind[] } = {},
): Promise<BenchResult> {
  const { device, info } = await context();
  const inputs = makeInputs(1, positions, vocab, options.kinds ?? ['normal']);
  const cpuRun = () => logprobsCpu(inputs.logits, positions, vocab, inputs.targets, k);
  const gpuRun = (timing: boolean) =>
    logprobsGpu(device, inputs.logits, positions, vocab, inputs.targets, k, { ...options, timing });
  const ref = cpuRun();
  const check = compare(await gpuRun(false), ref, inputs, vocab, k);
  const cpuMs: number[] = [];
  const gpuTotalMs: number[] = [];
  const gpuTimed: LogprobsTimings[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    cpuRun();
    cpuMs.push(performance.now() - t);
    gpuTotalMs.push((await gpuRun(false)).timings.totalMs);
    gpuTimed.push((await gpuRun(true)).timings);
  }
  return {
    cpuMs,
    gpuTotalMs,
    gpuTimed,
    median: {
      cpu: median(cpuMs),
      gpuTotal: median(gpuTotalMs),
      upload: median(gpuTimed.map((t) => t.uploadMs)),
      compute: median(gpuTimed.map((t) => t.computeMs)),
      readback: median(gpuTimed.map((t) => t.readbackMs)),
      timedTotal: median(gpuTimed.map((t) => t.totalMs)),
    },
    adapter: `${info.vendor}/${info.architecture}${info.isFallbackAdapter ? ' (fallback)' : ''}`,
    maxErr: check.maxErr,
    mismatches: check.mismatches,
  };
}

const kernels = {
  acquireGpu,
  logprobsGpu,
  logprobsCpu,
  makeInputs,
  compare,
  context,
  logprobsCase,
  logprobsBench,
  ...judge,
};
export type Kernels = typeof kernels;

declare global {
  interface Window {
    kernels: Kernels;
  }
}

window.kernels = kernels;
