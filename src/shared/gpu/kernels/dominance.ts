/// <reference types="@webgpu/types" />
// Host side of shaders/dominance.wgsl: the one source of truth for its buffer layouts; uploads (envs padded to 8),
// one dispatch of one invocation per model, readback. Both realms (no DOM). CPU reference:
// src/shared/judge/dominance-cpu.ts, whose counts the GPU reproduces exactly.
import shaderCode from '../../../../shaders/dominance.wgsl?raw';
import { checkDominanceInput, type DominanceInput, type DominanceResult } from '../../judge/dominance-cpu.ts';
import { cacheFor, type KernelCache, type KernelSpec } from './cache.ts';

/** Byte size of the WGSL `Params` uniform: models, envs, subsets, padding (u32 each). */
export const DOMINANCE_PARAMS_BYTES = 16;
/** Binding indices of the kernel's only bind group (must match the `@binding`s in the WGSL). */
export const DOMINANCE_BINDING = { params: 0, lo: 1, hi: 2, valid: 3, out: 4 } as const;
// One invocation per model; 4 (one SIMD group on SwiftShader) measured fastest at N = 256.
const DEFAULT_WORKGROUP_SIZE = 4;

const SPEC: KernelSpec = {
  owner: 'DominanceKernel',
  file: 'dominance.wgsl',
  code: shaderCode,
  bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
};
const caches = new WeakMap<GPUDevice, KernelCache>();

export interface DominanceGpuOptions {
  /** Invocations per workgroup, a power of two from 1 to the device's limit; default 4. */
  workgroupSize?: number;
}

/** [N·E] values as [N·8] (2 vec4 per model, the WGSL layout); envs ≥ E get 0, which validity masks out. */
export function padEnvs(values: Float32Array, n: number, e: number): Float32Array<ArrayBuffer> {
  const out = new Float32Array(n * 8);
  for (let m = 0; m < n; m++) out.set(values.subarray(m * e, (m + 1) * e), m * 8);
  return out;
}

export type DominanceGpuResult = DominanceResult & { timings: { totalMs: number } };

/**
 * GPU version of `dominanceCpu`, with identical counts. Calls on one device are serialized.
 * @throws RangeError for bad inputs; GpuError for device loss and WebGPU errors.
 */
export function dominanceGpu(
  device: GPUDevice,
  input: DominanceInput,
  options: DominanceGpuOptions = {},
): Promise<DominanceGpuResult> {
  checkDominanceInput(input);
  const wg = options.workgroupSize ?? DEFAULT_WORKGROUP_SIZE;
  if (!(wg >= 1 && (wg & (wg - 1)) === 0 && wg <= device.limits.maxComputeInvocationsPerWorkgroup)) {
    throw new RangeError(
      `workgroupSize must be a power of two up to ${device.limits.maxComputeInvocationsPerWorkgroup}`,
    );
  }
  const cache = cacheFor(device, SPEC, caches);
  return cache.run(async () => {
    const t0 = performance.now();
    const { models: n, envs: e } = input;
    const subsets = (1 << e) - 1;
    const pipeline = await cache.pipeline({ WG: wg });
    const U = GPUBufferUsage;
    const outBytes = 2 * n * subsets * 4;
    const buffers = [
      cache.buffer('params', DOMINANCE_PARAMS_BYTES, U.UNIFORM | U.COPY_DST),
      cache.buffer('lo', n * 32, U.STORAGE | U.COPY_DST),
      cache.buffer('hi', n * 32, U.STORAGE | U.COPY_DST),
      cache.buffer('valid', n * 4, U.STORAGE | U.COPY_DST),
      cache.buffer('out', outBytes, U.STORAGE | U.COPY_SRC),
    ];
    const { queue } = device;
    const B = DOMINANCE_BINDING;
    queue.writeBuffer(buffers[B.params]!, 0, new Uint32Array([n, e, subsets, 0]));
    queue.writeBuffer(buffers[B.lo]!, 0, padEnvs(input.lo, n, e));
    queue.writeBuffer(buffers[B.hi]!, 0, padEnvs(input.hi, n, e));
    queue.writeBuffer(buffers[B.valid]!, 0, input.validMask as Uint32Array<ArrayBuffer>);
    const encoder = device.createCommandEncoder({ label: 'DominanceKernel.encoder' });
    const pass = encoder.beginComputePass({ label: 'DominanceKernel.pass' });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, cache.bindGroup(buffers));
    pass.dispatchWorkgroups(Math.ceil(n / wg));
    pass.end();
    queue.submit([encoder.finish()]);
    const words = new Uint32Array(await cache.read(buffers[B.out]!, outBytes));
    return {
      subsets,
      dominates: words.slice(0, n * subsets),
      dominatedBy: words.slice(n * subsets),
      timings: { totalMs: performance.now() - t0 },
    };
  });
}
