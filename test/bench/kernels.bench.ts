// bench:kernels — the log-probability kernel against its CPU reference in Chromium (SwiftShader WebGPU here):
// 256 positions × 150,000 vocab (153 MB of logits), k = 5. Median of BENCH_RUNS (≥ 5) runs after a warm-up; GPU
// total (upload + compute + readback, as callers see it) and, from separate runs with queue waits, each phase.
// Target (issue 3): GPU total at least 2× faster than the CPU reference, even on SwiftShader.
// Knobs: BENCH_POSITIONS, BENCH_VOCAB, BENCH_K, BENCH_RUNS, BENCH_WG (workgroup size), BENCH_CHUNK_MB, BENCH_KINDS
// (row kinds from test/browser/pages/kernels.ts, e.g. 'spike,ties'; default 'normal').
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'vite';
import { launchChromium } from '../support/chromium.ts';
import type { LogprobsGpuOptions } from '../../src/shared/gpu/kernels/logprobs.ts';
import type { RowKind } from '../browser/pages/kernels.ts';

const TARGET = 2;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const POSITIONS = env('BENCH_POSITIONS', 256);
const VOCAB = env('BENCH_VOCAB', 150_000);
const K = env('BENCH_K', 5);
const RUNS = Math.max(5, env('BENCH_RUNS', 5));

/** Runs the bench and prints its table; resolves to whether the target was met. Also used by bench:model. */
export async function benchLogprobsKernel(): Promise<boolean> {
  const options: LogprobsGpuOptions & { kinds?: RowKind[] } = {};
  if (process.env.BENCH_WG) options.workgroupSize = env('BENCH_WG', 64);
  if (process.env.BENCH_CHUNK_MB) options.maxChunkBytes = env('BENCH_CHUNK_MB', 64) * 2 ** 20;
  if (process.env.BENCH_KINDS) options.kinds = process.env.BENCH_KINDS.split(',') as RowKind[];
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    appType: 'mpa',
    server: { port: 0, host: 'localhost', hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.resolvedUrls!.local[0]}test/browser/pages/kernels.html`);
    await page.waitForFunction(() => 'kernels' in window);
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
    console.log(
      `\nCPU / GPU total = ${ratio.toFixed(2)}x (target ≥ ${TARGET}x): ${ratio >= TARGET ? 'met' : 'MISSED'}`,
    );
    return ratio >= TARGET;
  } finally {
    await browser.close();
    await server.close();
  }
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchLogprobsKernel().then(
    (met) => (process.exitCode = met ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
