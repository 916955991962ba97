/// <reference types="@webgpu/types" />
// Host side of shaders/logprobs.wgsl: the one source of truth for its buffer layouts, pipeline and buffer caches
// per device, row chunks under the device's buffer limits uploaded through a staging ring (overlapping the next
// upload with the current dispatch), and optional upload/compute/readback timings. Both realms (no DOM).
// CPU reference: src/shared/logprobs-cpu.ts.
import shaderCode from '../../../../shaders/logprobs.wgsl?raw';
import { checkLogprobsArgs, NO_TOKEN, type LogprobsResult } from '../../logprobs-cpu.ts';
import { GpuError, maxBindingBytes, StagingRing, withErrorScopes } from '../device.ts';

/** Byte size of the WGSL `Params` uniform: vocab, rowBase, rows, padding (u32 each). */
export const LOGPROBS_PARAMS_BYTES = 16;
/** The kernel's only bind group, and its binding indices (must match the `@binding`s in the WGSL). */
export const LOGPROBS_GROUP = 0;
export const LOGPROBS_BINDING = { params: 0, logits: 1, targets: 2, out: 3 } as const;
/** u32 words per row in the output buffer: target log-prob, lse, k log-probs, k ids. */
export const logprobsOutWords = (k: number): number => 2 + 2 * k;

/** Portable workgroup-memory budget: Apple GPUs report 16 KiB (SwiftShader 32 KiB). */
const PORTABLE_WORKGROUP_BYTES = 16384;
/** Workgroup memory the WGSL declares: shMax, shSum (WG f32 each), shVal, shId (WG·K each), shThr, shTop. */
export const logprobsWorkgroupBytes = (wg: number, k: number): number => 8 * wg * (k + 1) + 8;
/** Chunks of 64 MiB: large enough that per-chunk overhead vanishes, small enough to stay resident anywhere. */
const DEFAULT_MAX_CHUNK_BYTES = 64 << 20;
// 32 measured fastest on SwiftShader (16: more per-row overhead; 64: 10% slower; 128: 2x slower).
const DEFAULT_WORKGROUP_SIZE = 32;

export function packLogprobsParams(vocab: number, rowBase: number, rows: number): ArrayBuffer {
  const words = new Uint32Array(LOGPROBS_PARAMS_BYTES / 4);
  words.set([vocab, rowBase, rows, 0]);
  return words.buffer;
}

/** Splits the output words ([positions, 2 + 2k]) into the result arrays; unfilled top-k slots get −Infinity. */
export function unpackLogprobsOut(words: Uint32Array, positions: number, k: number): LogprobsResult {
  const floats = new Float32Array(words.buffer, words.byteOffset, words.length);
  const stride = logprobsOutWords(k);
  const r: LogprobsResult = {
    targetLogprobs: new Float32Array(positions),
    lse: new Float32Array(positions),
    topIds: new Uint32Array(positions * k),
    topLogprobs: new Float32Array(positions * k),
  };
  for (let p = 0; p < positions; p++) {
    const o = p * stride;
    r.targetLogprobs[p] = floats[o]!;
    r.lse[p] = floats[o + 1]!;
    for (let j = 0; j < k; j++) {
      const id = words[o + 2 + k + j]!;
      r.topIds[p * k + j] = id;
      r.topLogprobs[p * k + j] = id === NO_TOKEN ? -Infinity : floats[o + 2 + j]!;
    }
  }
  return r;
}

export interface LogprobsGpuOptions {
  /** Invocations per workgroup, a power of two ≥ 16 (the shader's T needs ≥ k invocations); default 32. */
  workgroupSize?: number;
  /** Upper bound on one logits upload; default 64 MiB, always capped by the device's binding and buffer limits. */
  maxChunkBytes?: number;
  /** Wait for the queue between upload, compute and readback so each can be timed (slower overall). */
  timing?: boolean;
}

export interface LogprobsTimings {
  /** Staging the logits (and targets) until the queue finished copying them; NaN unless `timing`. */
  uploadMs: number;
  /** The dispatches alone; NaN unless `timing`. */
  computeMs: number;
  /** Copy to the staging buffer, mapAsync and the copy out; NaN unless `timing`. */
  readbackMs: number;
  totalMs: number;
  /** Logits uploads (and dispatches) needed to stay within the buffer limits. */
  chunks: number;
}

export type LogprobsGpuResult = LogprobsResult & { timings: LogprobsTimings };

interface KernelState {
  module: GPUShaderModule;
  layout: GPUBindGroupLayout;
  pipelineLayout: GPUPipelineLayout;
  pipelines: Map<string, Promise<GPUComputePipeline>>;
  buffers: Map<string, GPUBuffer>;
  staging: StagingRing;
  /** Set once the device is lost: later calls fail fast with a GpuError instead of a WebGPU one. */
  lost: boolean;
  /** Calls on one device run one after another: they share the buffers above. */
  tail: Promise<unknown>;
}

const states = new WeakMap<GPUDevice, KernelState>();

function stateFor(device: GPUDevice): KernelState {
  let state = states.get(device);
  if (state) return state;
  const storage = (type: GPUBufferBindingType, binding: number): GPUBindGroupLayoutEntry => ({
    binding,
    visibility: GPUShaderStage.COMPUTE,
    buffer: { type },
  });
  const layout = device.createBindGroupLayout({
    label: 'LogprobsKernel.bindGroupLayout',
    entries: [
      storage('uniform', LOGPROBS_BINDING.params),
      storage('read-only-storage', LOGPROBS_BINDING.logits),
      storage('read-only-storage', LOGPROBS_BINDING.targets),
      storage('storage', LOGPROBS_BINDING.out),
    ],
  });
  state = {
    module: device.createShaderModule({ label: 'LogprobsKernel.shader', code: shaderCode }),
    layout,
    pipelineLayout: device.createPipelineLayout({ label: 'LogprobsKernel.pipelineLayout', bindGroupLayouts: [layout] }),
    pipelines: new Map(),
    buffers: new Map(),
    staging: new StagingRing(device, 'LogprobsKernel'),
    lost: false,
    tail: Promise.resolve(),
  };
  const s = state;
  void device.lost.then(() => (s.lost = true));
  states.set(device, state);
  return state;
}

function pipelineFor(device: GPUDevice, state: KernelState, wg: number, k: number): Promise<GPUComputePipeline> {
  const key = `${wg}/${k}`;
  let pipeline = state.pipelines.get(key);
  if (!pipeline) {
    pipeline = device
      .createComputePipelineAsync({
        label: `LogprobsKernel.pipeline(wg=${wg},k=${k})`,
        layout: state.pipelineLayout,
        compute: { module: state.module, entryPoint: 'main', constants: { WG: wg, K: k } },
      })
      .catch(async (err: unknown) => {
        state.pipelines.delete(key); // let a later call retry
        // The pipeline error only says "invalid ShaderModule"; the WGSL compiler's messages say why.
        const info = await state.module.getCompilationInfo();
        const wgsl = info.messages
          .filter((m) => m.type === 'error')
          .map((m) => `logprobs.wgsl:${m.lineNum}:${m.linePos}: ${m.message}`);
        const why = [(err as Error).message, ...wgsl].join('\n');
        throw new GpuError('validation', `LogprobsKernel: pipeline creation failed: ${why}`);
      });
    state.pipelines.set(key, pipeline);
  }
  return pipeline;
}

/** A buffer of at least `size` bytes, reused across calls; replaced (and the old one destroyed) when too small. */
function bufferFor(device: GPUDevice, state: KernelState, name: string, size: number, usage: number): GPUBuffer {
  const old = state.buffers.get(name);
  if (old && old.size >= size) return old;
  old?.destroy();
  const buffer = device.createBuffer({ label: `LogprobsKernel.${name}`, size: Math.ceil(size / 16) * 16, usage });
  state.buffers.set(name, buffer);
  return buffer;
}

/**
 * GPU version of `logprobsCpu`: the same outputs within float32 rounding, identical top-k ids. Logits may exceed
 * one buffer binding (150k vocab × 256 positions is 153 MB): rows are uploaded in chunks of at most
 * `maxChunkBytes`, capped by the device's limits. Calls on one device are serialized.
 * @throws RangeError for bad shapes or target ids; GpuError for device limits, loss and WebGPU errors.
 */
export function logprobsGpu(
  device: GPUDevice,
  logits: Float32Array,
  positions: number,
  vocab: number,
  targets: Uint32Array,
  k: number,
  options: LogprobsGpuOptions = {},
): Promise<LogprobsGpuResult> {
  checkLogprobsArgs(logits, positions, vocab, targets, k);
  const state = stateFor(device);
  const run = state.tail
    .then(() => {
      if (state.lost) throw new Error('lost');
      return runLogprobs(device, state, logits, positions, vocab, targets, k, options);
    })
    .catch((err: unknown) => {
      // A loss mid-call surfaces as assorted WebGPU errors (mapAsync aborted, invalid buffers): name it.
      if (!state.lost || err instanceof RangeError) throw err;
      throw new GpuError('device-lost', 'LogprobsKernel: the WebGPU device was lost; acquire a new one.');
    });
  state.tail = run.catch(() => undefined);
  return run;
}

async function runLogprobs(
  device: GPUDevice,
  state: KernelState,
  logits: Float32Array,
  positions: number,
  vocab: number,
  targets: Uint32Array,
  k: number,
  options: LogprobsGpuOptions,
): Promise<LogprobsGpuResult> {
  const t0 = performance.now();
  const timing = options.timing ?? false;
  const timings: LogprobsTimings = { uploadMs: 0, computeMs: 0, readbackMs: 0, totalMs: 0, chunks: 0 };
  if (positions === 0) return { ...unpackLogprobsOut(new Uint32Array(0), 0, k), timings };
  const { limits, queue } = device;
  const wg = options.workgroupSize ?? DEFAULT_WORKGROUP_SIZE;
  const wgBytes = logprobsWorkgroupBytes(wg, k);
  if (!(wg >= 16 && (wg & (wg - 1)) === 0 && wg <= limits.maxComputeInvocationsPerWorkgroup)) {
    throw new RangeError(`workgroupSize must be a power of two from 16 to ${limits.maxComputeInvocationsPerWorkgroup}`);
  }
  if (wgBytes > Math.min(PORTABLE_WORKGROUP_BYTES, limits.maxComputeWorkgroupStorageSize)) {
    throw new RangeError(`workgroupSize ${wg} with k=${k} needs ${wgBytes} B of workgroup memory; over 16 KiB`);
  }
  const rowBytes = vocab * 4;
  const chunkLimit = maxBindingBytes(limits, options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES);
  // −16: the buffer is padded to whole vec4s.
  const rowsPerChunk = Math.min(
    positions,
    limits.maxComputeWorkgroupsPerDimension,
    Math.floor((chunkLimit - 16) / rowBytes),
  );
  if (rowsPerChunk < 1) {
    throw new GpuError('too-large', `LogprobsKernel: one row of ${vocab} logits exceeds this device's buffer limits`);
  }
  const pipeline = await pipelineFor(device, state, wg, k);
  const outBytes = positions * logprobsOutWords(k) * 4;
  const words = await withErrorScopes(device, 'LogprobsKernel', async () => {
    const U = GPUBufferUsage;
    const logitsBuf = bufferFor(device, state, 'logits', rowsPerChunk * rowBytes, U.STORAGE | U.COPY_DST);
    const targetsBuf = bufferFor(device, state, 'targets', positions * 4, U.STORAGE | U.COPY_DST);
    const paramsBuf = bufferFor(device, state, 'params', LOGPROBS_PARAMS_BYTES, U.UNIFORM | U.COPY_DST);
    const outBuf = bufferFor(device, state, 'out', outBytes, U.STORAGE | U.COPY_SRC);
    const readBuf = bufferFor(device, state, 'readback', outBytes, U.MAP_READ | U.COPY_DST);
    const bindGroup = device.createBindGroup({
      label: 'LogprobsKernel.bindGroup',
      layout: state.layout,
      entries: [
        { binding: LOGPROBS_BINDING.params, resource: { buffer: paramsBuf } },
        { binding: LOGPROBS_BINDING.logits, resource: { buffer: logitsBuf } },
        { binding: LOGPROBS_BINDING.targets, resource: { buffer: targetsBuf } },
        { binding: LOGPROBS_BINDING.out, resource: { buffer: outBuf } },
      ],
    });
    // One logits buffer is enough: the queue orders each chunk's copy after the previous chunk's dispatch. The
    // staging ring lets JS fill chunk i + 1 while the GPU still computes chunk i.
    for (let row0 = 0; row0 < positions; row0 += rowsPerChunk) {
      const rows = Math.min(rowsPerChunk, positions - row0);
      let t = performance.now();
      if (row0 === 0) queue.writeBuffer(targetsBuf, 0, targets as Uint32Array<ArrayBuffer>);
      queue.writeBuffer(paramsBuf, 0, packLogprobsParams(vocab, row0, rows));
      let encoder = device.createCommandEncoder({ label: 'LogprobsKernel.encoder' });
      await state.staging.stage(encoder, logits.subarray(row0 * vocab, (row0 + rows) * vocab), logitsBuf);
      if (timing) {
        queue.submit([encoder.finish()]);
        state.staging.submitted();
        await queue.onSubmittedWorkDone();
        timings.uploadMs += performance.now() - t;
        t = performance.now();
        encoder = device.createCommandEncoder({ label: 'LogprobsKernel.encoder' });
      }
      const pass = encoder.beginComputePass({ label: 'LogprobsKernel.pass' });
      pass.setPipeline(pipeline);
      pass.setBindGroup(LOGPROBS_GROUP, bindGroup);
      pass.dispatchWorkgroups(rows);
      pass.end();
      queue.submit([encoder.finish()]);
      state.staging.submitted();
      timings.chunks++;
      if (timing) {
        await queue.onSubmittedWorkDone();
        timings.computeMs += performance.now() - t;
      }
    }
    const t = performance.now();
    const encoder = device.createCommandEncoder({ label: 'LogprobsKernel.readbackEncoder' });
    encoder.copyBufferToBuffer(outBuf, 0, readBuf, 0, outBytes);
    queue.submit([encoder.finish()]);
    await readBuf.mapAsync(GPUMapMode.READ, 0, outBytes);
    const copy = new Uint32Array(readBuf.getMappedRange(0, outBytes).slice(0));
    readBuf.unmap();
    timings.readbackMs = performance.now() - t;
    return copy;
  });
  if (!timing) timings.uploadMs = timings.computeMs = timings.readbackMs = NaN;
  timings.totalMs = performance.now() - t0;
  return { ...unpackLogprobsOut(words, positions, k), timings };
}
