// bench:model — the bundled tiny model in Chromium on WASM and on WebGPU (SwiftShader here, a real GPU elsewhere):
// load time, prefill and decode tokens/s, samples/s at batch 1 and batch 8 (target: batch 8 ≥ 3x batch 1) for two
// workloads, SAT prompts (~1,300 tokens: prefill-bound) and short prompts with 64 new tokens (decode-bound); then
// the log-prob kernel against its CPU reference (kernels.bench.ts; target ≥ 2x).
import { sat } from '../../envs/sat/index.ts';
import { startAppServer } from '../support/app-server.ts';
import { launchChromium } from '../support/chromium.ts';
import { benchLogprobsKernel } from './kernels.bench.ts';

/** Samples per (device, batch) row: SwiftShader runs WebGPU on the CPU, so it gets fewer. */
const N: Record<string, number> = {
  wasm: Number(process.env.BENCH_N_WASM ?? 16),
  webgpu: Number(process.env.BENCH_N_WEBGPU ?? 8),
};

interface Workload {
  name: string;
  prompts: string[];
  maxNew: number;
}

interface DeviceRun {
  workload: string;
  device: string;
  loadMs: number;
  batch: number;
  samples: number;
  seconds: number;
  promptTokens: number;
  prefillMs: number;
  newTokens: number;
  decodeMs: number;
}

async function main() {
  const count = Math.max(...Object.values(N));
  const workloads: Workload[] = [
    {
      name: 'SAT prompts, 32 new tokens',
      prompts: await Promise.all(Array.from({ length: count }, async (_, i) => (await sat.task(BigInt(i))).prompt)),
      maxNew: 32,
    },
    {
      name: 'short prompts, 64 new tokens',
      prompts: Array.from(
        { length: count },
        (_, i) => `Find a satisfying assignment for x${(i % 14) + 1} and x${(i % 14) + 2}`,
      ),
      maxNew: 64,
    },
  ];
  const app = await startAppServer('dist-bench');
  const browser = await launchChromium();
  const rows: DeviceRun[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#/evaluate`);
    await page.waitForFunction(() => '__arbiter' in window);
    for (const w of workloads)
      for (const device of ['wasm', 'webgpu'] as const) {
        for (const batch of [1, 8]) {
          const n = N[device]!;
          const r = await page.evaluate(
            async ({ device, batch, prompts, maxNew }) => {
              const client = new (window as any).__arbiter.LlmClient();
              const t0 = performance.now();
              const info = await client.load({
                source: { kind: 'bundled', id: 'arbiter/tiny-llama' },
                device,
                dtype: 'fp32',
              });
              const loadMs = performance.now() - t0;
              let promptTokens = 0,
                prefillMs = 0,
                newTokens = 0,
                decodeMs = 0;
              const t1 = performance.now();
              for (let i = 0; i < prompts.length; i += batch) {
                const g = await client.generate(prompts.slice(i, i + batch), { maxNewTokens: maxNew });
                promptTokens += g.promptTokens.reduce((a: number, b: number) => a + b, 0);
                prefillMs += g.prefillMs;
                newTokens += g.tokens.reduce((a: number, t: number[]) => a + t.length, 0);
                decodeMs += g.totalMs - g.prefillMs;
              }
              const seconds = (performance.now() - t1) / 1000;
              client.dispose();
              return { device: info.device, loadMs, seconds, promptTokens, prefillMs, newTokens, decodeMs };
            },
            { device, batch, prompts: w.prompts.slice(0, n), maxNew: w.maxNew },
          );
          rows.push({ ...r, workload: w.name, batch, samples: n });
          process.stderr.write(`${w.name}, ${device}, batch ${batch}: ${n} samples in ${r.seconds.toFixed(1)} s\n`);
        }
      }
  } finally {
    await browser.close();
    await app.close();
  }
  console.log('bench:model — bundled tiny Llama (2 layers, hidden 32, fp32), greedy, in headless Chromium');
  console.table(
    rows.map((r) => ({
      workload: r.workload,
      device: r.device,
      batch: r.batch,
      'load s': (r.loadMs / 1000).toFixed(2),
      'prefill tok/s': ((r.promptTokens / r.prefillMs) * 1000).toFixed(0),
      'decode tok/s': ((r.newTokens / r.decodeMs) * 1000).toFixed(1),
      'samples/s': (r.samples / r.seconds).toFixed(2),
    })),
  );
  for (const w of workloads)
    for (const device of ['wasm', 'webgpu']) {
      const [b1, b8] = [1, 8].map((b) =>
        rows.find((r) => r.workload === w.name && r.device === device && r.batch === b)!,
      );
      const ratio = b8!.samples / b8!.seconds / (b1!.samples / b1!.seconds);
      console.log(`${w.name}, ${device}: batch 8 / batch 1 samples/s = ${ratio.toFixed(2)}x (target ≥ 3x)`);
    }
  await benchLogprobsKernel();
}

await main();
