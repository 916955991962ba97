// The scoring worker: the Judge's WGSL kernels (subset dominance, bootstrap) and the Yuma Consensus simulator on the
// worker's own WebGPU device, or their CPU references when WebGPU is missing, when asked, or after a GPU error (the
// reason is kept and reported). Both paths give the same results (Yuma: to 1e-4). Worker realm, exposed with comlink.
import { expose, transfer } from 'comlink';
import type { JudgeApi, ScoringBackend, ScoringPreference, Scored } from '../src/shared/api/judge.ts';
import { acquireGpu, type GpuContext } from '../src/shared/gpu/device.ts';
import { bootstrapGpu } from '../src/shared/gpu/kernels/bootstrap.ts';
import { dominanceGpu } from '../src/shared/gpu/kernels/dominance.ts';
import { bootstrapCpu, checkBootstrapInput } from '../src/shared/judge/bootstrap-cpu.ts';
import { checkDominanceInput, dominanceCpu } from '../src/shared/judge/dominance-cpu.ts';
import { simulateGpu } from '../src/shared/gpu/kernels/yuma.ts';
import { simulateCpu } from '../src/shared/yuma/simulate.ts';

type Gpu = { ctx: GpuContext; adapter: string } | { reason: string };
let gpu: Promise<Gpu> | null = null;

/** The device, acquired once; a failure (or, later, a GPU error) leaves the reason in its place. */
function acquire(): Promise<Gpu> {
  gpu ??= acquireGpu({ label: 'JudgeWorker.device' }).then(
    (ctx) => {
      // A lost device (driver reset) is re-acquired by the next call.
      void ctx.lost.then(() => (gpu = null));
      const { vendor, architecture, isFallbackAdapter } = ctx.info;
      return { ctx, adapter: `${vendor}/${architecture}${isFallbackAdapter ? ' (fallback)' : ''}` };
    },
    (e: unknown) => ({ reason: (e as Error).message }),
  );
  return gpu;
}

async function backend(prefer: ScoringPreference): Promise<ScoringBackend> {
  if (prefer === 'cpu') return { kind: 'cpu', reason: 'the CPU was asked for' };
  const g = await acquire();
  return 'reason' in g ? { kind: 'cpu', reason: g.reason } : { kind: 'gpu', adapter: g.adapter };
}

/** Runs on the GPU if there is one; a GPU failure is recorded (later calls use the CPU) and the CPU answers. */
async function run<T>(
  prefer: ScoringPreference,
  onGpu: (device: GPUDevice) => Promise<T>,
  onCpu: () => T,
): Promise<Scored<T>> {
  const g = prefer === 'cpu' ? null : await acquire();
  if (g && 'ctx' in g) {
    try {
      return { ...(await onGpu(g.ctx.device)), backend: 'gpu' };
    } catch (e) {
      const reason = `the GPU failed (${(e as Error).message}); using the CPU from now on`;
      console.warn(`JudgeWorker: ${reason}`);
      gpu = Promise.resolve({ reason });
    }
  }
  return { ...onCpu(), backend: 'cpu' };
}

const api = {
  backend,
  async dominance(input, prefer) {
    checkDominanceInput(input); // bad input is the caller's error on either path: never a reason to fall back
    const r = await run(
      prefer,
      (device) => dominanceGpu(device, input),
      () => dominanceCpu(input),
    );
    const result = { subsets: r.subsets, dominates: r.dominates, dominatedBy: r.dominatedBy, backend: r.backend };
    return transfer(result, [result.dominates.buffer, result.dominatedBy.buffer]);
  },
  async bootstrap(input, prefer) {
    checkBootstrapInput(input);
    const r = await run(
      prefer,
      (device) => bootstrapGpu(device, input),
      () => bootstrapCpu(input),
    );
    const result = { mean: r.mean, lo: r.lo, hi: r.hi, backend: r.backend };
    return transfer(result, [result.mean.buffer, result.lo.buffer, result.hi.buffer]);
  },
  async yuma(scenarios, prefer) {
    // The CPU path validates every scenario first: bad input is the caller's error, never a reason to fall back.
    const r = await run(
      prefer,
      async (device) => ({ epochs: await simulateGpu(device, scenarios) }),
      () => ({ epochs: scenarios.map(simulateCpu) }),
    );
    return { epochs: r.epochs, backend: r.backend };
  },
} satisfies JudgeApi;

expose(api);
