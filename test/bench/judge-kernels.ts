// The Judge kernels' part of bench:kernels (run from kernels.bench.ts, in its Chromium page): subset dominance at
// N = 256 models × E = 8 envs, and the bootstrap at B = 10,000 resamples over 256 × 8 cells of n scores. Each is
// timed as a caller sees it (GPU: upload, dispatch, readback) against its CPU reference, interleaved in one run,
// median of BENCH_JUDGE_RUNS (≥ 3) after a warm-up that also checks the results are identical.
// Knobs: BENCH_JUDGE_RUNS, BENCH_N (models), BENCH_E (envs), BENCH_CELLS, BENCH_SAMPLES (n per cell),
// BENCH_RESAMPLES (B), BENCH_JUDGE_WG (workgroup size of both kernels).
import type { Page } from 'playwright';
import type { JudgeBenchResult } from '../browser/pages/judge-cases.ts';

export const JUDGE_BENCHES = ['dominance', 'bootstrap'] as const;
export type JudgeBench = (typeof JUDGE_BENCHES)[number];

const TARGET = 2;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RUNS = Math.max(3, env('BENCH_JUDGE_RUNS', 3));
const N = env('BENCH_N', 256);
const E = env('BENCH_E', 8);
const CELLS = env('BENCH_CELLS', 256 * 8);
// 100 scored tasks per model and env: the order of Affine's per-env samples for one miner.
const SAMPLES = env('BENCH_SAMPLES', 100);
const RESAMPLES = env('BENCH_RESAMPLES', 10_000);

/** Runs the chosen Judge benches in `page`, prints one table; resolves to whether every target was met. */
export async function benchJudgeKernels(page: Page, which: readonly JudgeBench[] = JUDGE_BENCHES): Promise<boolean> {
  const o = process.env.BENCH_JUDGE_WG ? { workgroupSize: env('BENCH_JUDGE_WG', 64) } : {};
  const rows: { name: string; r: JudgeBenchResult }[] = [];
  if (which.includes('dominance')) {
    const r = await page.evaluate(([n, e, runs, oo]) => window.kernels.dominanceBench(n, e, runs, oo), [
      N,
      E,
      RUNS,
      o,
    ] as const);
    rows.push({ name: `dominance N=${N}, E=${E} (${2 ** E - 1} subsets)`, r });
  }
  if (which.includes('bootstrap')) {
    const r = await page.evaluate(([c, n, b, runs, oo]) => window.kernels.bootstrapBench(c, n, b, runs, oo), [
      CELLS,
      SAMPLES,
      RESAMPLES,
      RUNS,
      o,
    ] as const);
    rows.push({ name: `bootstrap ${CELLS} cells, n=${SAMPLES}, B=${RESAMPLES}`, r });
  }
  for (const { name, r } of rows) {
    if (r.mismatches.length)
      throw new Error(`${name}: GPU disagrees with the CPU reference:\n${r.mismatches.join('\n')}`);
  }
  console.log(
    `\nJudge kernels, median of ${RUNS} runs after a warm-up; adapter ${rows[0]?.r.adapter}, options ${JSON.stringify(o)}`,
  );
  console.log(
    `| ${'kernel'.padEnd(44)} | ${'CPU ms'.padStart(9)} | ${'GPU ms'.padStart(9)} | CPU / GPU | target ≥ ${TARGET}x |`,
  );
  console.log(`|${'-'.repeat(46)}|${'-'.repeat(11)}|${'-'.repeat(11)}|-----------|---------------|`);
  let met = true;
  for (const { name, r } of rows) {
    const ratio = r.median.cpu / r.median.gpu;
    met &&= ratio >= TARGET;
    console.log(
      `| ${name.padEnd(44)} | ${r.median.cpu.toFixed(1).padStart(9)} | ${r.median.gpu.toFixed(1).padStart(9)} | ` +
        `${ratio.toFixed(2).padStart(8)}x | ${(ratio >= TARGET ? 'met' : 'MISSED').padEnd(13)} |`,
    );
  }
  for (const { name, r } of rows) {
    console.log(`runs (ms) ${name}: cpu ${fmt(r.cpuMs)}; gpu ${fmt(r.gpuMs)}`);
  }
  console.log('Results identical on GPU and CPU (checked on the warm-up run).');
  return met;
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
