// bench:kernels — the WGSL kernels against their CPU references in one Chromium (SwiftShader WebGPU here).
// Log-probs: 256 positions × 150,000 vocab (153 MB of logits), k = 5. Median of BENCH_RUNS (≥ 5) runs after a
// warm-up; GPU total (upload + compute + readback, as callers see it) and, from separate runs with queue waits,
// each phase. Judge kernels (judge-kernels.ts): subset dominance at N = 256, E = 8 and the bootstrap at
// B = 10,000 over 256 × 8 cells. Target (issues 3 and 5): GPU total at least 2× faster than the CPU reference.
// Knobs: BENCH_ONLY=logprobs|dominance|bootstrap, BENCH_POSITIONS, BENCH_VOCAB, BENCH_K, BENCH_RUNS, BENCH_WG
// (log-prob workgroup size), BENCH_CHUNK_MB, BENCH_KINDS (row kinds from test/browser/pages/kernels.ts, e.g.
// 'spike,ties'; default 'normal'), and the Judge knobs listed in judge-kernels.ts.
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright';
import { withTestPage } from './test-page.ts';
import { benchJudgeKernels, JUDGE_BENCHES, type JudgeBench } from './judge-kernels.ts';
import type { LogprobsGpuOptions } from '../../src/shared/gpu/kernels/logprobs.ts';
import type { RowKind } from '../browser/pages/kernels.ts';

const TARGET = 2;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const POSITIONS = env('BENCH_POSITIONS', 256);
const VOCAB = env('BENCH_VOCAB', 150_000);
const K = env('BENCH_K', 5);
const RUNS = Math.max(5, env('BENCH_RUNS', 5));

/**
 * Runs the log-prob bench and prints its table (in `page`, or a fresh one); resolves to whether the target was
 * met. Also used by bench:model.
 */
export async function benchLogprobsKernel(page?: Page): Promise<boolean> {
  if (!page) return withTestPage('kernels', (p) => benchLogprobsKernel(p));
  const options: LogprobsGpuOptions & { kinds?: RowKind[] } = {};
  if (process.env.BENCH_WG) options.workgroupSize = env('BENCH_WG', 64);
  if (process.env.BENCH_CHUNK_MB) options.maxChunkBytes = env('BENCH_CHUNK_MB', 64) * 2 ** 20;
  if (process.env.BENCH_KINDS) options.kinds = process.env.BENCH_KINDS.split(',') as RowKind[];
  const r = await page.evaluate(([p, v, k, runs, o]) => window.kernels.logprobsBench(p, v, k, runs, o), [
    POSITIONS,
    VOCAB,
    K,
    RUNS,
    options,
  ] as const);
  if (r.mismatches.length) throw new Error(`GPU disagrees with the CPU reference:\n${r.mismatches.join('\n')}`);
  const mb = (POSITIONS * VOCAB * 4) / 1e6;
  const m = r.median;
  const rows: [string, number][] = [
    ['CPU reference (float64)', m.cpu],
    ['GPU total (upload + compute + readback)', m.gpuTotal],
    ['GPU, timed run: upload', m.upload],
    ['GPU, timed run: compute (kernel only)', m.compute],
    ['GPU, timed run: readback', m.readback],
    ['GPU, timed run: total', m.timedTotal],
  ];
  console.log(`\nlogprobs ${POSITIONS} × ${VOCAB} (${mb.toFixed(0)} MB), k=${K}, median of ${RUNS} runs`);
  console.log(
    `adapter ${r.adapter}, options ${JSON.stringify(options)}, max scaled error ${r.maxErr.toExponential(1)}`,
  );
  console.log(`| ${'path'.padEnd(40)} | ${'ms'.padStart(8)} | CPU / this |`);
  console.log(`|${'-'.repeat(42)}|${'-'.repeat(10)}|------------|`);
  for (const [name, ms] of rows) {
    console.log(`| ${name.padEnd(40)} | ${ms.toFixed(1).padStart(8)} | ${(m.cpu / ms).toFixed(2).padStart(9)}x |`);
  }
  console.log(`runs (ms): cpu ${fmt(r.cpuMs)}; gpu total ${fmt(r.gpuTotalMs)}`);
  const ratio = m.cpu / m.gpuTotal;
  console.log(`\nCPU / GPU total = ${ratio.toFixed(2)}x (target ≥ ${TARGET}x): ${ratio >= TARGET ? 'met' : 'MISSED'}`);
  return ratio >= TARGET;
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');

/** All benches (or BENCH_ONLY's) in one Chromium; resolves to whether every target was met. */
async function main(): Promise<boolean> {
  const only = process.env.BENCH_ONLY;
  const known = ['logprobs', ...JUDGE_BENCHES];
  if (only && !known.includes(only)) throw new Error(`BENCH_ONLY must be one of ${known.join(', ')}`);
  return withTestPage('kernels', async (page) => {
    let met = true;
    if (!only || only === 'logprobs') met = (await benchLogprobsKernel(page)) && met;
    const judge = JUDGE_BENCHES.filter((b) => !only || b === only) as JudgeBench[];
    if (judge.length) met = (await benchJudgeKernels(page, judge)) && met;
    return met;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    (met) => (process.exitCode = met ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
