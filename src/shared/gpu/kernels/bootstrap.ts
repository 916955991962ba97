/// <reference types="@webgpu/types" />
// Host side of shaders/bootstrap.wgsl: the one source of truth for its buffer layouts; uploads, dispatches in cell
// chunks that keep the resample scratch within the device's limits, readback, and the float64 division by n.
// Both realms (no DOM). CPU reference: src/shared/judge/bootstrap-cpu.ts, which the GPU reproduces bit for bit.
import shaderCode from '../../../../shaders/bootstrap.wgsl?raw';
import {
  bootstrapRanks,
  cellMeans,
  checkBootstrapInput,
  type BootstrapInput,
  type BootstrapResult,
} from '../../judge/bootstrap-cpu.ts';
import { GpuError, maxBindingBytes } from '../device.ts';
import { cacheFor, type KernelCache, type KernelSpec } from './cache.ts';

/** Byte size of the WGSL `Params` uniform: cellBase, resamples, seed, lower, upper, 3 words of padding. */
export const BOOTSTRAP_PARAMS_BYTES = 32;
/** Binding indices of the kernel's only bind group (must match the `@binding`s in the WGSL). */
export const BOOTSTRAP_BINDING = { params: 0, values: 1, offsets: 2, scratch: 3, out: 4 } as const;
/** Scratch (B u32 keys per cell of a dispatch) is capped at 64 MiB, and by the device's limits. */
const DEFAULT_MAX_SCRATCH_BYTES = 64 << 20;
// 4 (one SwiftShader SIMD group: barriers cost nothing) measured fastest: 8 was 1.9x and 64 3x slower.
const DEFAULT_WORKGROUP_SIZE = 4;
/** Size of the kernel's workgroup key array (LOCAL_N in the WGSL). */
export const BOOTSTRAP_MAX_CANDIDATES = 2048;

const SPEC: KernelSpec = {
  owner: 'BootstrapKernel',
  file: 'bootstrap.wgsl',
  code: shaderCode,
  bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'storage', 'storage'],
};
const caches = new WeakMap<GPUDevice, KernelCache>();

export interface BootstrapGpuOptions {
  /** Invocations per workgroup, a power of two from 1 to the device's limit; default 4. */
  workgroupSize?: number;
  /** Upper bound on the resample scratch of one dispatch; default 64 MiB, capped by the device's limits. */
  maxScratchBytes?: number;
  /**
   * Most keys copied to workgroup memory after the first selection round, 0 to BOOTSTRAP_MAX_CANDIDATES (the
   * default). Results do not depend on it; tests lower it to take the path that keeps scanning the scratch.
   */
  candidateCap?: number;
}

export type BootstrapGpuResult = BootstrapResult & { timings: { totalMs: number; dispatches: number } };

/** The float32 value whose order-preserving key (see orderKey in the WGSL) is `key`. */
export function fromOrderKey(key: number): number {
  const bits = key & 0x80000000 ? (key ^ 0x80000000) >>> 0 : ~key >>> 0;
  return new Float32Array(new Uint32Array([bits]).buffer)[0]!;
}

/**
 * GPU version of `bootstrapCpu`, bit-identical to it for the same seed. Calls on one device are serialized.
 * @throws RangeError for bad inputs; GpuError for device limits, loss and WebGPU errors.
 */
export function bootstrapGpu(
  device: GPUDevice,
  input: BootstrapInput,
  options: BootstrapGpuOptions = {},
): Promise<BootstrapGpuResult> {
  checkBootstrapInput(input);
  const wg = options.workgroupSize ?? DEFAULT_WORKGROUP_SIZE;
  const { limits } = device;
  if (!(wg >= 1 && (wg & (wg - 1)) === 0 && wg <= limits.maxComputeInvocationsPerWorkgroup)) {
    throw new RangeError(`workgroupSize must be a power of two up to ${limits.maxComputeInvocationsPerWorkgroup}`);
  }
  const cap = options.candidateCap ?? BOOTSTRAP_MAX_CANDIDATES;
  if (!(Number.isInteger(cap) && cap >= 0 && cap <= BOOTSTRAP_MAX_CANDIDATES)) {
    throw new RangeError(`candidateCap must be a whole number from 0 to ${BOOTSTRAP_MAX_CANDIDATES}, got ${cap}`);
  }
  const cache = cacheFor(device, SPEC, caches);
  return cache.run(async () => {
    const t0 = performance.now();
    const { values, offsets, resamples, seed, level } = input;
    const cells = offsets.length - 1;
    const { lower, upper } = bootstrapRanks(resamples, level);
    const mean = cellMeans(values, offsets);
    const lo = new Float64Array(cells).fill(NaN);
    const hi = new Float64Array(cells).fill(NaN);
    const timings = { totalMs: 0, dispatches: 0 };
    if (cells === 0) return { mean, lo, hi, timings };
    const scratchLimit = maxBindingBytes(limits, options.maxScratchBytes ?? DEFAULT_MAX_SCRATCH_BYTES);
    const perDispatch = Math.min(
      cells,
      limits.maxComputeWorkgroupsPerDimension,
      Math.floor(scratchLimit / (resamples * 4)),
    );
    if (perDispatch < 1) {
      throw new GpuError(
        'too-large',
        `BootstrapKernel: ${resamples} resamples of one cell exceed this device's buffer limits`,
      );
    }
    if (values.byteLength > maxBindingBytes(limits)) {
      throw new GpuError('too-large', `BootstrapKernel: ${values.length} values exceed this device's buffer limits`);
    }
    const pipeline = await cache.pipeline({ WG: wg, CAND_CAP: cap });
    const U = GPUBufferUsage;
    const outBytes = cells * 2 * 4;
    const buffers = [
      cache.buffer('params', BOOTSTRAP_PARAMS_BYTES, U.UNIFORM | U.COPY_DST),
      cache.buffer('values', values.byteLength, U.STORAGE | U.COPY_DST),
      cache.buffer('offsets', offsets.byteLength, U.STORAGE | U.COPY_DST),
      cache.buffer('scratch', perDispatch * resamples * 4, U.STORAGE),
      cache.buffer('out', outBytes, U.STORAGE | U.COPY_SRC),
    ];
    const B = BOOTSTRAP_BINDING;
    const { queue } = device;
    if (values.length) queue.writeBuffer(buffers[B.values]!, 0, values as Float32Array<ArrayBuffer>);
    queue.writeBuffer(buffers[B.offsets]!, 0, offsets as Uint32Array<ArrayBuffer>);
    const bindGroup = cache.bindGroup(buffers);
    // One submit per chunk, right after its params: writeBuffer lands before the next submit, so each chunk sees
    // its own cellBase; the scratch is reused because the queue runs the dispatches in order.
    for (let cellBase = 0; cellBase < cells; cellBase += perDispatch) {
      const count = Math.min(perDispatch, cells - cellBase);
      queue.writeBuffer(
        buffers[B.params]!,
        0,
        new Uint32Array([cellBase, resamples, seed >>> 0, lower, upper, 0, 0, 0]),
      );
      const encoder = device.createCommandEncoder({ label: 'BootstrapKernel.encoder' });
      const pass = encoder.beginComputePass({ label: 'BootstrapKernel.pass' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(count);
      pass.end();
      queue.submit([encoder.finish()]);
      timings.dispatches++;
    }
    const keys = new Uint32Array(await cache.read(buffers[B.out]!, outBytes));
    for (let c = 0; c < cells; c++) {
      const n = offsets[c + 1]! - offsets[c]!;
      if (n === 0) continue;
      lo[c] = fromOrderKey(keys[2 * c]!) / n;
      hi[c] = fromOrderKey(keys[2 * c + 1]!) / n;
    }
    timings.totalMs = performance.now() - t0;
    return { mean, lo, hi, timings };
  });
}
