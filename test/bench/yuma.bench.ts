// bench:yuma — Yuma epochs per second, the WGSL kernel (Chromium's WebGPU, SwiftShader here) against the float64
// CPU reference (simulateCpu) in the same Chromium page, one after the other on the same scenarios. Default: 1,024
// random scenarios of 256 uids with 64 validator rows, 4 epochs each, a quarter of the rows re-set before every
// epoch (so consensus and bonds keep moving). GPU: one simulateGpu call for the whole batch (upload, all epochs,
// readback, unpacking into YumaOutputs); CPU: simulateCpu per scenario. Median of BENCH_RUNS (≥ 3) after a warm-up
// whose first BENCH_CHECK scenarios are compared with the CPU (within 10⁻⁴). Target (issue 7): GPU ≥ 2× the CPU.
// Knobs: BENCH_SCENARIOS, BENCH_N, BENCH_ROWS, BENCH_EPOCHS, BENCH_RUNS, BENCH_CHECK, BENCH_WG (workgroup size),
// BENCH_CHANGE_RATE (share of rows re-set per epoch).
import { pathToFileURL } from 'node:url';
import { withTestPage } from './test-page.ts';

const TARGET = 2;
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<boolean> {
  const count = env('BENCH_SCENARIOS', 1024);
  const shape = { n: env('BENCH_N', 256), rows: env('BENCH_ROWS', 64), epochs: env('BENCH_EPOCHS', 4) };
  const runs = Math.max(3, env('BENCH_RUNS', 3));
  const options: { workgroupSize?: number; changeRate: number; check: number } = {
    changeRate: env('BENCH_CHANGE_RATE', 0.25),
    check: env('BENCH_CHECK', 32),
  };
  if (process.env.BENCH_WG) options.workgroupSize = env('BENCH_WG', 64);
  const r = await withTestPage(
    'yuma',
    (page) =>
      page.evaluate(([c, s, n, o]) => window.yuma.yumaBench(c, s, n, o), [count, shape, runs, options] as const),
    { echoErrors: true },
  );
  if (r.mismatches.length) throw new Error(`GPU disagrees with the CPU reference:\n${r.mismatches.join('\n')}`);
  const epochs = count * shape.epochs;
  const eps = (ms: number) => (epochs / ms) * 1000;
  const m = r.median;
  console.log(
    `\nYuma epochs: ${count} scenarios × ${shape.epochs} epochs, n = ${shape.n}, ${shape.rows} validator rows, ` +
      `${options.changeRate} of the rows re-set per epoch; median of ${runs} runs`,
  );
  console.log(`adapter ${r.adapter}, options ${JSON.stringify(options)}; both in the same Chromium page`);
  console.log(`| ${'path'.padEnd(46)} | ${'ms'.padStart(8)} | ${'epochs/s'.padStart(9)} | GPU / CPU |`);
  console.log(`|${'-'.repeat(48)}|${'-'.repeat(10)}|${'-'.repeat(11)}|-----------|`);
  const row = (name: string, ms: number, ratio: string) =>
    console.log(
      `| ${name.padEnd(46)} | ${ms.toFixed(0).padStart(8)} | ${eps(ms).toFixed(0).padStart(9)} | ${ratio.padStart(9)} |`,
    );
  row('CPU reference (float64, simulateCpu)', m.cpu, '1.00x');
  row('GPU total (simulateGpu, as a caller sees it)', m.gpu, `${(m.cpu / m.gpu).toFixed(2)}x`);
  row('  of which: pack + upload', m.upload, '');
  row('  of which: GPU work + readback', m.gpuWork, '');
  row('  of which: unpack into YumaOutputs', m.unpack, '');
  console.log(
    `runs (ms): cpu ${r.cpuMs.map((x) => x.toFixed(0)).join(' ')}; gpu ${r.gpuMs.map((x) => x.toFixed(0)).join(' ')}`,
  );
  console.log(
    `checked ${r.checked} scenarios against the CPU: max error ${r.maxErr.toExponential(1)}, ` +
      `bonds within ${r.maxBondUnits} u16 units`,
  );
  const ratio = m.cpu / m.gpu;
  console.log(`\nGPU / CPU = ${ratio.toFixed(2)}x (target ≥ ${TARGET}x): ${ratio >= TARGET ? 'met' : 'MISSED'}`);
  return ratio >= TARGET;
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
