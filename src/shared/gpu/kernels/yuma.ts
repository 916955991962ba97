/// <reference types="@webgpu/types" />
// Host side of the Yuma epoch kernel (shaders/yuma_*.wgsl): `simulateGpu` runs a batch of scenarios (same n, same
// number of weight rows) for all their epochs in one chain of passes per chunk of scenarios: one command encoder,
// one submit, state kept on the GPU between epochs, every epoch's outputs read back once at the end. Scenarios are
// split into chunks that fit the device's buffer limits. Both realms (no DOM). CPU reference: simulateCpu
// (src/shared/yuma/simulate.ts); they agree within 10⁻⁴ (float32 here, float64 there; bonds within a few u16 units).
import { checkState } from '../../yuma/epoch-cpu.ts';
import { ScenarioError } from '../../yuma/errors.ts';
import type { YumaOutputs, YumaScenario } from '../../yuma/types.ts';
import { GpuError, maxBindingBytes } from '../device.ts';
import {
  bytesPerScenario,
  changeRecords,
  EPOCH_BYTES,
  MAX_BLOCK,
  OUT_FIELDS,
  packBonds,
  packChanges,
  packCols,
  packDims,
  packRows,
  packScenarios,
  packUids,
  packWeights,
  type BatchShape,
  type ChangeRecord,
} from './yuma/layout.ts';
import { yumaState, type YumaPass } from './yuma/pipelines.ts';

// On SwiftShader 16 and 64 measured alike and 256 about 2x slower (test/bench/yuma.bench.ts, BENCH_WG).
const DEFAULT_WORKGROUP_SIZE = 64;
// Default cap on one chunk's buffers. bench:yuma's 1,024 scenarios (~450 KB each) in one chunk took 8.3 s on
// SwiftShader, in chunks of 64, 128 or 256 scenarios (25 to 100 MB) 7.2–7.3 s: the GPU time then grows linearly.
const DEFAULT_CHUNK_BYTES = 64 << 20;

export interface YumaGpuOptions {
  /** Invocations per workgroup, a power of two up to the device's limit; default 64. */
  workgroupSize?: number;
  /**
   * At most this many scenarios per chain of passes. Default: as many as fit 64 MiB of buffers (and the device's
   * limits), at least one.
   */
  maxChunkScenarios?: number;
  /** Filled in with where the time went (milliseconds), if given. */
  timings?: YumaGpuTimings;
  /** Time every pass kind on its own (one submit per dispatch; slower overall), into `timings.passMs`. */
  profile?: boolean;
}

export interface YumaGpuTimings {
  /** Packing and uploading the inputs. */
  uploadMs: number;
  /** From submit until the readback buffer is mapped (the GPU's work plus the copy). */
  gpuMs: number;
  /** Turning the mapped bytes into YumaOutputs. */
  unpackMs: number;
  totalMs: number;
  chunks: number;
  /** Only with `profile`: milliseconds per pass kind, each dispatch submitted and awaited on its own. */
  passMs?: Record<string, number>;
}

/** Throws RangeError for a batch the kernel cannot run together, ScenarioError for an invalid scenario. */
function checkBatch(scenarios: readonly YumaScenario[]): BatchShape {
  const first = scenarios[0]!.state;
  const n = first.n;
  const rows = first.rows.length;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`state.n = ${n}: the GPU needs at least one uid.`);
  let epochs = 0;
  scenarios.forEach((sc, s) => {
    const { state, params: p } = sc;
    const where = `scenarios[${s}]`;
    if (state.n !== n || state.rows.length !== rows) {
      throw new RangeError(
        `${where} has n = ${state.n} and ${state.rows.length} weight rows; a GPU batch needs every scenario to ` +
          `have the first one's n = ${n} and ${rows} rows. Run it in another batch.`,
      );
    }
    checkState(state);
    if (!Number.isInteger(sc.epochs) || sc.epochs < 0)
      throw new ScenarioError(`${where}.epochs: ${sc.epochs} is not a whole number ≥ 0.`);
    epochs = Math.max(epochs, sc.epochs);
    const whole = (name: string, x: number, lo: number, hi: number) => {
      if (!Number.isInteger(x) || x < lo || x > hi)
        throw new RangeError(`${where}.${name} = ${x}: the GPU kernel needs a whole number in [${lo}, ${hi}].`);
    };
    whole('params.kappa', p.kappa, 0, 65535);
    whole('params.tempo', p.tempo, 0, 65535);
    whole('params.activityCutoff', p.activityCutoff, 0, MAX_BLOCK);
    whole('params.maxAllowedValidators', p.maxAllowedValidators, 0, 2 ** 31);
    whole('state.block', state.block, 0, MAX_BLOCK);
    whole('last epoch block', state.block + sc.epochs * (p.tempo + 1), 0, MAX_BLOCK);
    for (const [name, a] of [
      ['lastUpdate', state.lastUpdate],
      ['blockAtRegistration', state.blockAtRegistration],
    ] as const) {
      for (let u = 0; u < n; u++) whole(`state.${name}[${u}]`, a[u]!, 0, MAX_BLOCK);
    }
    for (let u = 0; u < n; u++) {
      const x = state.stake[u]!;
      if (!(x >= 0 && Number.isFinite(x)))
        throw new RangeError(`${where}.state.stake[${u}] = ${x}: stakes must be finite and ≥ 0.`);
    }
  });
  const nq = Math.ceil(n / 4);
  return { n, rows, nq, pad: 4 * nq, epochs };
}

/** Scenarios per chunk: as many as fit every binding and the readback buffer, and `cap` (default: 64 MiB). */
function chunkSize(device: GPUDevice, shape: BatchShape, total: number, cap?: number): number {
  const per = bytesPerScenario(shape);
  const perScenario = Object.values(per).reduce((a, b) => a + b, 0);
  cap ??= Math.max(1, Math.floor(DEFAULT_CHUNK_BYTES / perScenario));
  const binding = maxBindingBytes(device.limits);
  const readback = per.outs + (per.bonds * shape.epochs) / (shape.epochs + 1);
  let fit = Math.min(total, cap, Math.floor(device.limits.maxBufferSize / readback));
  for (const bytes of Object.values(per)) fit = Math.min(fit, Math.floor(binding / bytes));
  if (fit < 1) {
    throw new GpuError(
      'too-large',
      `YumaKernel: one scenario of n = ${shape.n}, ${shape.rows} rows and ${shape.epochs} epochs exceeds this ` +
        "device's buffer limits; run fewer epochs at a time.",
    );
  }
  return fit;
}

/**
 * Runs every scenario for its own `epochs` on the GPU and returns the outputs per scenario, per epoch, like
 * `simulateCpu` for each. Calls on one device are serialized.
 * @throws RangeError for a batch it cannot run together (different n or row counts, blocks beyond 2³⁰, …),
 *   ScenarioError for an invalid scenario (as the CPU reference), GpuError for device limits, loss and errors.
 */
export function simulateGpu(
  device: GPUDevice,
  scenarios: YumaScenario[],
  options: YumaGpuOptions = {},
): Promise<YumaOutputs[][]> {
  if (scenarios.length === 0) return Promise.resolve([]);
  const shape = checkBatch(scenarios);
  const wg = options.workgroupSize ?? DEFAULT_WORKGROUP_SIZE;
  const maxWg = device.limits.maxComputeInvocationsPerWorkgroup;
  if (!(wg >= 1 && (wg & (wg - 1)) === 0 && wg <= maxWg))
    throw new RangeError(`workgroupSize must be a power of two up to ${maxWg}`);
  const size = chunkSize(device, shape, scenarios.length, options.maxChunkScenarios);
  // Weight changes are checked (ScenarioError) before any GPU work.
  const chunks: { batch: YumaScenario[]; changes: ChangeRecord[][] }[] = [];
  for (let at = 0; at < scenarios.length; at += size) {
    const batch = scenarios.slice(at, at + size);
    chunks.push({ batch, changes: changeRecords(batch, shape) });
  }
  const state = yumaState(device);
  return state.run(async () => {
    const t: YumaGpuTimings = { uploadMs: 0, gpuMs: 0, unpackMs: 0, totalMs: 0, chunks: chunks.length };
    if (options.profile) t.passMs = {};
    const t0 = performance.now();
    const pipelines = await state.all(wg);
    const out: YumaOutputs[][] = [];
    for (const chunk of chunks) out.push(...(await runChunk(device, state, pipelines, shape, chunk, wg, t)));
    t.totalMs = performance.now() - t0;
    if (options.timings) Object.assign(options.timings, t);
    return out;
  });
}

async function runChunk(
  device: GPUDevice,
  state: ReturnType<typeof yumaState>,
  pipelines: Record<YumaPass, GPUComputePipeline>,
  shape: BatchShape,
  chunk: { batch: YumaScenario[]; changes: ChangeRecord[][] },
  wg: number,
  t: YumaGpuTimings,
): Promise<YumaOutputs[][]> {
  const t0 = performance.now();
  const { batch, changes } = chunk;
  const S = batch.length;
  const { n, rows: R, nq, pad, epochs: K } = shape;
  const per = bytesPerScenario(shape);
  const U = GPUBufferUsage;
  const created: GPUBuffer[] = [];
  const buffer = (name: string, size: number, usage: number, data?: ArrayBuffer | ArrayBufferView) => {
    const b = device.createBuffer({
      label: `YumaKernel.${name}`,
      size: Math.max(16, Math.ceil(size / 16) * 16),
      usage,
      mappedAtCreation: !!data,
    });
    if (data) {
      const bytes = ArrayBuffer.isView(data)
        ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
        : new Uint8Array(data);
      new Uint8Array(b.getMappedRange(0, Math.ceil(bytes.byteLength / 4) * 4)).set(bytes);
      b.unmap();
    }
    created.push(b);
    return b;
  };
  try {
    const storage = U.STORAGE | U.COPY_SRC;
    const dims = buffer('dims', 32, U.UNIFORM, packDims(shape, S));
    const scen = buffer('scen', per.scen * S, storage, packScenarios(batch));
    const uids = buffer('uids', per.uids * S, storage, packUids(batch));
    const rowsBuf = buffer('rows', per.rows * S, storage, packRows(batch));
    const cols = buffer('cols', per.cols * S, storage, packCols(batch, shape));
    // Raw weights fill the first third of `mats`, the stored bonds region 0 of `bonds`; the GPU writes the rest.
    // Only those parts cross to the GPU process (about 100 MB/s on Chromium's SwiftShader): no mapping of the rest.
    const mats = buffer('mats', per.mats * S, storage | U.COPY_DST);
    device.queue.writeBuffer(mats, 0, packWeights(batch, shape));
    const bonds = buffer('bonds', per.bonds * S, storage | U.COPY_DST);
    device.queue.writeBuffer(bonds, 0, packBonds(batch, shape));
    const outs = buffer('outs', per.outs * S, storage);
    const changeWords = packChanges(changes, pad);
    const changeBuf = buffer('changes', changeWords.byteLength, U.STORAGE, changeWords);
    // Wn depends on the weights, P_old and lastUpdate only, and P_old settles to P_new after epoch 0: from epoch 2
    // on only the rows a change record rewrote (weights and lastUpdate) need normalising again.
    const changedRowsOnly = (e: number) => e >= 2;
    // One 256-byte-aligned slot per epoch: [e, first change record, change count, changed rows only].
    const slot = Math.max(EPOCH_BYTES, device.limits.minUniformBufferOffsetAlignment);
    const epochWords = new Uint32Array((slot / 4) * Math.max(1, K));
    let base = 0;
    for (let e = 0; e < K; e++) {
      epochWords.set([e, base, changes[e]!.length, changedRowsOnly(e) ? 1 : 0], (e * slot) / 4);
      base += changes[e]!.length;
    }
    const epochBuf = buffer('epochs', epochWords.byteLength, U.UNIFORM, epochWords);
    const group0 = device.createBindGroup({
      label: 'YumaKernel.group0',
      layout: state.group0,
      entries: [dims, scen, uids, rowsBuf, cols, mats, bonds, outs, changeBuf].map((b, binding) => ({
        binding,
        resource: { buffer: b },
      })),
    });
    const group1 = device.createBindGroup({
      label: 'YumaKernel.group1',
      layout: state.group1,
      entries: [{ binding: 0, resource: { buffer: epochBuf, size: EPOCH_BYTES } }],
    });

    // The chain of dispatches: setup once, then each epoch's passes.
    const steps: { name: YumaPass; invocations: number; offset: number }[] = [
      { name: 'setupThreshold', invocations: S * n, offset: 0 },
      { name: 'setupStake', invocations: S * n, offset: 0 },
    ];
    for (let e = 0; e < K; e++) {
      const offset = e * slot;
      const changed = changes[e]!.length;
      steps.push(
        { name: 'applyChanges', invocations: changed * nq, offset },
        { name: 'activeStake', invocations: S, offset },
      );
      steps.push({ name: 'normalizeRows', invocations: changedRowsOnly(e) ? changed : S * R, offset });
      steps.push(
        { name: 'consensus', invocations: S * nq, offset },
        { name: 'bondsEma', invocations: S * nq, offset },
        { name: 'rowSums', invocations: S * R, offset },
        { name: 'finish', invocations: S, offset },
      );
    }
    const maxX = device.limits.maxComputeWorkgroupsPerDimension;
    const encode = (encoder: GPUCommandEncoder, list: typeof steps) => {
      const pass = encoder.beginComputePass({ label: 'YumaKernel.pass' });
      pass.setBindGroup(0, group0);
      for (const { name, invocations, offset } of list) {
        if (invocations === 0) continue;
        const groups = Math.ceil(invocations / wg);
        const x = Math.min(groups, maxX);
        pass.setBindGroup(1, group1, [offset]);
        pass.setPipeline(pipelines[name]);
        pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      }
      pass.end();
    };
    const profile = t.passMs;
    if (profile) {
      // Profiling: one submit per dispatch, timed to the queue's completion (slower overall).
      for (const step of steps) {
        const enc = device.createCommandEncoder({ label: 'YumaKernel.profileEncoder' });
        encode(enc, [step]);
        const p0 = performance.now();
        device.queue.submit([enc.finish()]);
        await device.queue.onSubmittedWorkDone();
        profile[step.name] = (profile[step.name] ?? 0) + performance.now() - p0;
      }
    }
    const encoder = device.createCommandEncoder({ label: 'YumaKernel.encoder' });
    if (!profile) encode(encoder, steps);
    const outBytes = per.outs * S;
    const bondRegion = per.bonds / (K + 1);
    const bondBytes = bondRegion * K * S;
    const readBuf = buffer('readback', outBytes + bondBytes, U.MAP_READ | U.COPY_DST);
    if (K > 0) {
      encoder.copyBufferToBuffer(outs, 0, readBuf, 0, outBytes);
      encoder.copyBufferToBuffer(bonds, bondRegion * S, readBuf, outBytes, bondBytes);
    }
    const t1 = performance.now();
    t.uploadMs += t1 - t0;
    device.queue.submit([encoder.finish()]);
    await readBuf.mapAsync(GPUMapMode.READ);
    const bytes = readBuf.getMappedRange().slice(0, outBytes + bondBytes);
    readBuf.unmap();
    const t2 = performance.now();
    t.gpuMs += t2 - t1;
    const result = unpack(bytes, batch, shape, outBytes);
    t.unpackMs += performance.now() - t2;
    return result;
  } finally {
    for (const b of created) b.destroy();
  }
}

/** Splits the read-back bytes into YumaOutputs per scenario and epoch (bonds are views when n = pad). */
function unpack(bytes: ArrayBuffer, batch: YumaScenario[], shape: BatchShape, outBytes: number): YumaOutputs[][] {
  const { n, rows: R, pad } = shape;
  const S = batch.length;
  const F = OUT_FIELDS.length;
  const floats = new Float32Array(bytes, 0, outBytes / 4);
  return batch.map((scenario, s) => {
    const list: YumaOutputs[] = [];
    for (let e = 0; e < scenario.epochs; e++) {
      const at = (field: number) => ((e * S + s) * F + field) * pad;
      const f64 = (field: number) => Float64Array.from(floats.subarray(at(field), at(field) + n));
      const permit = new Uint8Array(n);
      for (let u = 0; u < n; u++) permit[u] = floats[at(7) + u]! ? 1 : 0;
      const bondAt = outBytes + (e * S + s) * R * pad * 2;
      let bonds: Uint16Array;
      if (n === pad) bonds = new Uint16Array(bytes, bondAt, R * n);
      else {
        bonds = new Uint16Array(R * n);
        const padded = new Uint16Array(bytes, bondAt, R * pad);
        for (let r = 0; r < R; r++) bonds.set(padded.subarray(r * pad, r * pad + n), r * n);
      }
      list.push({
        stake: f64(0),
        activeStake: f64(1),
        consensus: f64(2),
        incentive: f64(3),
        dividends: f64(4),
        validatorTrust: f64(5),
        emission: f64(6),
        validatorPermit: permit,
        bonds,
      });
    }
    return list;
  });
}
