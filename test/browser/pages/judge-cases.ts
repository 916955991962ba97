/// <reference types="@webgpu/types" />
// The Judge kernels' test and bench cases, run inside the kernel test page (UI realm; spread into
// `window.kernels` by kernels.ts): seeded inputs made in the page, GPU and CPU run side by side, and lists of
// mismatches (the results must be identical, not merely close).
import { bootstrapGpu, type BootstrapGpuOptions } from '../../../src/shared/gpu/kernels/bootstrap.ts';
import { dominanceGpu, type DominanceGpuOptions } from '../../../src/shared/gpu/kernels/dominance.ts';
import { bootstrapCpu, type BootstrapInput, type BootstrapResult } from '../../../src/shared/judge/bootstrap-cpu.ts';
import { dominanceCpu, type DominanceInput, type DominanceResult } from '../../../src/shared/judge/dominance-cpu.ts';
import { ScoringClient } from '../../../src/judge/worker-client.ts';
import { context, gpuErrors, rng } from './context.ts';

export interface DominanceCaseOptions extends DominanceGpuOptions {
  /** Values on a grid of this step (coarse: many lo == hi ties); 0 for continuous values. Default 0.25. */
  grid?: number;
  /** Probability that a (model, env) result is invalid; default 0.2. Invalid entries hold NaN, to be ignored. */
  invalid?: number;
}

/** N models × E envs: lo on a coarse grid, hi = lo + 0..2 grid steps (lo == hi a third of the time). */
export function makeDominanceInput(seed: number, n: number, e: number, o: DominanceCaseOptions = {}): DominanceInput {
  const rand = rng(seed);
  const grid = o.grid ?? 0.25;
  const invalid = o.invalid ?? 0.2;
  const lo = new Float32Array(n * e);
  const hi = new Float32Array(n * e);
  const validMask = new Uint32Array(n);
  for (let m = 0; m < n; m++) {
    for (let k = 0; k < e; k++) {
      const x = grid ? Math.floor(rand() * 5) * grid : rand();
      lo[m * e + k] = x;
      hi[m * e + k] = x + (grid ? Math.floor(rand() * 3) * grid : rand() * 0.1);
      if (rand() >= invalid) validMask[m]! |= 1 << k;
      else lo[m * e + k] = hi[m * e + k] = NaN;
    }
  }
  return { models: n, envs: e, lo, hi, validMask };
}

function diffDominance(g: DominanceResult, c: DominanceResult): string[] {
  const out: string[] = [];
  if (g.subsets !== c.subsets) out.push(`subsets: gpu ${g.subsets} cpu ${c.subsets}`);
  for (const key of ['dominates', 'dominatedBy'] as const) {
    for (let i = 0; i < c[key].length && out.length < 20; i++) {
      if (g[key][i] !== c[key][i]) {
        out.push(`${key}[m=${Math.floor(i / c.subsets)}, s=${(i % c.subsets) + 1}]: gpu ${g[key][i]} cpu ${c[key][i]}`);
      }
    }
    if (g[key].length !== c[key].length) out.push(`${key}: gpu ${g[key].length} values, cpu ${c[key].length}`);
  }
  return out;
}

export interface JudgeCaseResult {
  mismatches: string[];
  gpuErrors: string[];
  /** Sum of the CPU's counts (dominance) or number of finite bounds (bootstrap): the case was not trivial. */
  checksum: number;
}

/** One dominance case end to end in the page: generate, run GPU and CPU, list the differences. */
export async function dominanceCase(seed: number, n: number, e: number, o: DominanceCaseOptions = {}) {
  const { device } = await context();
  const input = makeDominanceInput(seed, n, e, o);
  const g = await dominanceGpu(device, input, o);
  const c = dominanceCpu(input);
  const checksum = c.dominates.reduce((a, x) => a + x, 0) + c.dominatedBy.reduce((a, x) => a + x, 0);
  return { mismatches: diffDominance(g, c), gpuErrors: [...gpuErrors], checksum } satisfies JudgeCaseResult;
}

export type ScoreKind = 'uniform' | 'binary' | 'grid' | 'wide' | 'constant';
const SCORE_KINDS: ScoreKind[] = ['uniform', 'binary', 'grid', 'wide', 'constant'];

/** Cells of sizes `ns` (cycled over `cells`), each with scores of one kind: in [0, 1], 0/1, tenths, ±1000. */
export function makeBootstrapInput(
  seed: number,
  cells: number,
  ns: number[],
  resamples: number,
  level = 0.95,
  kinds: ScoreKind[] = SCORE_KINDS,
): BootstrapInput {
  const rand = rng(seed);
  const offsets = new Uint32Array(cells + 1);
  for (let c = 0; c < cells; c++) offsets[c + 1] = offsets[c]! + ns[c % ns.length]!;
  const values = new Float32Array(offsets[cells]!);
  for (let c = 0; c < cells; c++) {
    const kind = kinds[Math.floor(rand() * kinds.length)]!;
    const constant = rand();
    for (let i = offsets[c]!; i < offsets[c + 1]!; i++) {
      const u = rand();
      values[i] =
        kind === 'uniform'
          ? u
          : kind === 'binary'
            ? u < 0.6
              ? 1
              : 0
            : kind === 'grid'
              ? Math.floor(u * 11) / 10
              : kind === 'wide'
                ? (u * 2 - 1) * 1000
                : constant;
    }
  }
  return { values, offsets, resamples, seed: Math.floor(rand() * 2 ** 32), level };
}

function diffBootstrap(g: BootstrapResult, c: BootstrapResult): string[] {
  const out: string[] = [];
  for (const key of ['mean', 'lo', 'hi'] as const) {
    for (let i = 0; i < c[key].length && out.length < 20; i++) {
      if (!Object.is(g[key][i], c[key][i])) out.push(`${key}[${i}]: gpu ${g[key][i]} cpu ${c[key][i]}`);
    }
  }
  return out;
}

/** One bootstrap case end to end in the page. */
export async function bootstrapCase(
  seed: number,
  cells: number,
  ns: number[],
  resamples: number,
  o: BootstrapGpuOptions & { level?: number } = {},
) {
  const { device } = await context();
  const input = makeBootstrapInput(seed, cells, ns, resamples, o.level);
  const g = await bootstrapGpu(device, input, o);
  const c = bootstrapCpu(input);
  const checksum = c.lo.filter(Number.isFinite).length + c.hi.filter(Number.isFinite).length;
  return {
    mismatches: diffBootstrap(g, c),
    gpuErrors: [...gpuErrors],
    checksum,
    dispatches: g.timings.dispatches,
  } satisfies JudgeCaseResult & { dispatches: number };
}

/** The scoring worker on its GPU and forced onto the CPU, same inputs: backends and differences. */
export async function workerCase(seed: number) {
  const gpuClient = new ScoringClient();
  const cpuClient = new ScoringClient({ prefer: 'cpu' });
  try {
    const dom = makeDominanceInput(seed, 33, 5);
    const boot = makeBootstrapInput(seed + 1, 24, [0, 1, 2, 50, 300], 200);
    const [gb, cb] = await Promise.all([gpuClient.backend(), cpuClient.backend()]);
    const gd = await gpuClient.dominance(dom);
    const cd = await cpuClient.dominance(dom);
    const gs = await gpuClient.bootstrap(boot);
    const cs = await cpuClient.bootstrap(boot);
    const ref = bootstrapCpu(boot);
    return {
      backends: [gb, cb],
      used: [gd.backend, cd.backend, gs.backend, cs.backend],
      mismatches: [
        ...diffDominance(gd, cd),
        ...diffDominance(cd, dominanceCpu(dom)),
        ...diffBootstrap(gs, cs),
        ...diffBootstrap(cs, ref),
      ],
    };
  } finally {
    gpuClient.dispose();
    cpuClient.dispose();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface JudgeBenchResult {
  cpuMs: number[];
  gpuMs: number[];
  median: { cpu: number; gpu: number };
  adapter: string;
  mismatches: string[];
}

/** CPU reference against GPU total (upload, dispatch, readback: what a caller sees), interleaved, after a warm-up. */
async function bench<R>(
  runs: number,
  cpu: () => R,
  gpu: (device: GPUDevice) => Promise<R>,
  diff: (g: R, c: R) => string[],
): Promise<JudgeBenchResult> {
  const { device, info } = await context();
  const mismatches = diff(await gpu(device), cpu());
  const cpuMs: number[] = [];
  const gpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    cpu();
    cpuMs.push(performance.now() - t);
    t = performance.now();
    await gpu(device);
    gpuMs.push(performance.now() - t);
  }
  return {
    cpuMs,
    gpuMs,
    median: { cpu: median(cpuMs), gpu: median(gpuMs) },
    adapter: `${info.vendor}/${info.architecture}${info.isFallbackAdapter ? ' (fallback)' : ''}`,
    mismatches,
  };
}

export function dominanceBench(n: number, e: number, runs: number, o: DominanceCaseOptions = {}) {
  const input = makeDominanceInput(1, n, e, { grid: 0, ...o });
  return bench(
    runs,
    () => dominanceCpu(input),
    (device) => dominanceGpu(device, input, o),
    diffDominance,
  );
}

export function bootstrapBench(cells: number, n: number, resamples: number, runs: number, o: BootstrapGpuOptions = {}) {
  const input = makeBootstrapInput(1, cells, [n], resamples, 0.95, ['uniform', 'binary', 'grid']);
  return bench(
    runs,
    () => bootstrapCpu(input),
    (device) => bootstrapGpu(device, input, o),
    diffBootstrap,
  );
}

export { bootstrapCpu, bootstrapGpu, dominanceCpu, dominanceGpu };
