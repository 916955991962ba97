// Buffer layouts of the Yuma WGSL passes (shaders/yuma_common.wgsl): struct sizes, binding indices and the packers
// that turn a batch of YumaScenarios into the GPU's initial buffers (fixed-point stake, weights with −1 for "not
// listed", packed u16 bonds, per-epoch weight-change records). Rows are padded to `pad = 4 · nq` columns (the
// shaders work on column quads). Both realms, no I/O.
import { applyWeightChanges } from '../../../yuma/simulate.ts';
import type { YumaScenario, YumaState } from '../../../yuma/types.ts';

/** Bytes of the WGSL structs (keep in step with yuma_common.wgsl). */
export const DIMS_BYTES = 32;
export const EPOCH_BYTES = 16;
export const SCEN_BYTES = 96;
export const UID_BYTES = 36;
export const ROW_BYTES = 32;
/** One `Cols` struct: four columns' c, iRaw, f, bmax (vec4<f32>) and bar (vec4<i32>). */
export const COLS_BYTES = 80;
/** Output fields per uid and epoch, in this order (the WGSL's OUT_* constants). */
export const OUT_FIELDS = [
  'stake',
  'activeStake',
  'consensus',
  'incentive',
  'dividends',
  'validatorTrust',
  'emission',
  'validatorPermit',
] as const;
/** Group 0 binding indices (group 1 binding 0 is the per-epoch uniform, bound with a dynamic offset). */
export const YUMA_BINDING = {
  dims: 0,
  scen: 1,
  uids: 2,
  rows: 3,
  cols: 4,
  mats: 5,
  bonds: 6,
  outs: 7,
  changes: 8,
} as const;
/** The fixed-point unit: each scenario's stakes are scaled to sum to 2⁴⁷ (see yuma_setup.wgsl). */
const STAKE_TOTAL = 2 ** 47;
/** Blocks are i32 on the GPU, with room for block + cutoff and block + epochs · (tempo + 1). */
export const MAX_BLOCK = 2 ** 30;
const FLAG_YUMA3 = 1;
const FLAG_LIQUID = 2;

/** Sizes shared by every scenario of a batch. */
export interface BatchShape {
  n: number;
  rows: number;
  /** Column quads per row: ceil(n / 4). */
  nq: number;
  /** Padded row length, 4 · nq. */
  pad: number;
  /** Epochs run on the GPU: the largest `epochs` of the batch. */
  epochs: number;
}

/** One weight change: row `row` of scenario `scenario` (within its chunk) gets `values` before epoch `epoch`. */
export interface ChangeRecord {
  scenario: number;
  row: number;
  lastUpdate: number;
  values: Float32Array;
}

/** Per-scenario words of each buffer, for chunking under the device's limits. */
export function bytesPerScenario(shape: BatchShape) {
  const { n, rows, nq, pad, epochs } = shape;
  return {
    scen: SCEN_BYTES,
    uids: UID_BYTES * n,
    rows: ROW_BYTES * rows,
    cols: COLS_BYTES * nq,
    mats: 3 * rows * pad * 4,
    bonds: (epochs + 1) * rows * pad * 2,
    outs: epochs * OUT_FIELDS.length * pad * 4,
  };
}

export function packDims(shape: BatchShape, scenarios: number): ArrayBuffer {
  const { n, rows, nq, epochs } = shape;
  const quads = scenarios * rows * nq;
  return new Uint32Array([scenarios, n, rows, nq, epochs, quads, 2 * quads, 0]).buffer;
}

/** A float64 stake (or threshold) in the fixed-point unit, as [low word, high word]. */
function fixed(x: number, scale: number, positive: boolean): [number, number] {
  let q = Math.min(Math.round(x * scale), 2 ** 62);
  if (positive && q === 0 && x > 0) q = 1; // keep a tiny stake non-zero, as float64 does
  const hi = Math.floor(q / 2 ** 32);
  return [q - hi * 2 ** 32, hi];
}

export function packScenarios(batch: readonly YumaScenario[]): ArrayBuffer {
  const buf = new ArrayBuffer(SCEN_BYTES * batch.length);
  const v = new DataView(buf);
  batch.forEach(({ params: p, state }, s) => {
    const o = s * SCEN_BYTES;
    let total = 0;
    for (const x of state.stake) total += x;
    const scale = total > 0 ? STAKE_TOTAL / total : 1;
    const [thLo, thHi] = fixed(Math.max(0, p.stakeThreshold), scale, false);
    const owner = p.ownerUid !== null && p.ownerUid < state.n ? p.ownerUid : -1;
    v.setFloat32(o, p.kappa / 65535, true);
    v.setUint32(o + 4, p.kappa, true);
    v.setFloat32(o + 8, p.bondsPenalty / 65535, true);
    v.setFloat32(o + 12, 1 - p.bondsMovingAverage / 1e6, true);
    v.setFloat32(o + 16, p.alphaLow / 65535, true);
    v.setFloat32(o + 20, p.alphaHigh / 65535, true);
    v.setFloat32(o + 24, p.alphaSigmoidSteepness / 100, true);
    v.setFloat32(o + 28, p.emission, true);
    v.setUint32(o + 32, (p.yuma3 ? FLAG_YUMA3 : 0) | (p.liquidAlpha ? FLAG_LIQUID : 0), true);
    v.setUint32(o + 36, p.maxAllowedValidators, true);
    v.setInt32(o + 40, owner, true);
    v.setInt32(o + 44, p.activityCutoff, true);
    v.setInt32(o + 48, state.block, true);
    v.setInt32(o + 52, p.tempo, true);
    v.setUint32(o + 56, thLo, true);
    v.setUint32(o + 60, thHi, true);
    // sumU … anyC (64 … 95) are written by the GPU every epoch.
  });
  return buf;
}

export function packUids(batch: readonly YumaScenario[]): ArrayBuffer {
  const n = batch[0]!.state.n;
  const buf = new ArrayBuffer(UID_BYTES * n * batch.length);
  const v = new DataView(buf);
  batch.forEach(({ state }, s) => {
    let total = 0;
    for (const x of state.stake) total += x;
    const scale = total > 0 ? STAKE_TOTAL / total : 1;
    const rowOf = new Int32Array(n).fill(-1);
    state.rows.forEach((uid, r) => (rowOf[uid] = r));
    for (let u = 0; u < n; u++) {
      const o = (s * n + u) * UID_BYTES;
      const [lo, hi] = fixed(state.stake[u]!, scale, true);
      v.setUint32(o, lo, true);
      v.setUint32(o + 4, hi, true);
      v.setInt32(o + 8, state.blockAtRegistration[u]!, true);
      v.setInt32(o + 12, rowOf[u]!, true);
      v.setUint32(o + 16, state.validatorPermit[u] ? 1 : 0, true);
      v.setInt32(o + 20, state.lastUpdate[u]!, true);
      // s, pnew (setup) and a (every epoch) are written by the GPU.
    }
  });
  return buf;
}

export function packRows(batch: readonly YumaScenario[]): ArrayBuffer {
  const rows = batch[0]!.state.rows.length;
  const buf = new ArrayBuffer(ROW_BYTES * rows * batch.length);
  const v = new DataView(buf);
  batch.forEach(({ state }, s) => state.rows.forEach((uid, r) => v.setUint32((s * rows + r) * ROW_BYTES, uid, true)));
  return buf;
}

/** Cols with no prior consensus (c = −1: the first epoch's search starts without a guess) and the miners' bars. */
export function packCols(batch: readonly YumaScenario[], shape: BatchShape): ArrayBuffer {
  const { n, nq } = shape;
  const buf = new ArrayBuffer(COLS_BYTES * nq * batch.length);
  const f = new Float32Array(buf);
  const bar = new Int32Array(buf);
  batch.forEach(({ state }, s) => {
    for (let j = 0; j < 4 * nq; j++) {
      const o = ((s * nq + (j >> 2)) * COLS_BYTES) / 4 + (j & 3);
      f[o] = -1;
      // A padding column counts as registered after every weight: never listed anyway.
      bar[o + 16] = j < n ? state.blockAtRegistration[j]! : 2 ** 31 - 1;
    }
  });
  return buf;
}

/** One state's weight row r as the GPU holds it: the u16 value where listed, −1 elsewhere (padding included). */
function rowValues(state: YumaState, r: number, out: Float32Array, at: number, pad: number): void {
  const { n } = state;
  for (let j = 0, k = r * n; j < n; j++, k++) out[at + j] = state.weightMask[k] ? state.weights[k]! : -1;
  out.fill(-1, at + n, at + pad);
}

/** The raw weights region of `mats` ([S · R · pad]); the Wn and B' regions after it are written by the GPU. */
export function packWeights(batch: readonly YumaScenario[], shape: BatchShape): Float32Array<ArrayBuffer> {
  const { rows: R, pad } = shape;
  const out = new Float32Array(batch.length * R * pad);
  batch.forEach(({ state }, s) => {
    for (let r = 0; r < R; r++) rowValues(state, r, out, (s * R + r) * pad, pad);
  });
  return out;
}

/** Region 0 of `bonds`: the stored u16 bonds (little-endian: two per u32 word, low half first), rows padded. */
export function packBonds(batch: readonly YumaScenario[], shape: BatchShape): Uint16Array<ArrayBuffer> {
  const { n, rows, pad } = shape;
  const out = new Uint16Array(batch.length * rows * pad);
  batch.forEach(({ state }, s) => {
    for (let r = 0; r < rows; r++) out.set(state.bonds.subarray(r * n, (r + 1) * n), (s * rows + r) * pad);
  });
  return out;
}

/**
 * Each epoch's weight changes as GPU records, worked out with the CPU reference's own `applyWeightChanges` on a
 * copy of the state (same validation, same ScenarioErrors, same `lastUpdate = block − 1`).
 */
export function changeRecords(batch: readonly YumaScenario[], shape: BatchShape): ChangeRecord[][] {
  const { epochs, pad } = shape;
  const perEpoch: ChangeRecord[][] = Array.from({ length: epochs }, () => []);
  batch.forEach((scenario, s) => {
    const changes = scenario.weightChanges;
    if (!changes) return;
    const st = scenario.state;
    const scratch: YumaState = {
      ...st,
      lastUpdate: st.lastUpdate.slice(),
      weights: st.weights.slice(),
      weightMask: st.weightMask.slice(),
    };
    for (let e = 0; e < scenario.epochs; e++) {
      const c = changes[e];
      if (!c) continue;
      scratch.block = st.block + e * (scenario.params.tempo + 1);
      applyWeightChanges(scratch, c, e);
      const keys = Object.keys(c);
      // One buffer for the epoch's rows of this scenario, not one per row: fewer, larger allocations.
      const block = new Float32Array(keys.length * pad);
      keys.forEach((key, k) => {
        const uid = Number(key);
        const r = st.rows.indexOf(uid);
        const values = block.subarray(k * pad, (k + 1) * pad);
        rowValues(scratch, r, values, 0, pad);
        perEpoch[e]!.push({ scenario: s, row: r, lastUpdate: scratch.lastUpdate[uid]!, values });
      });
    }
  });
  return perEpoch;
}

/** All records, epoch after epoch, as [scenario, row, lastUpdate, 0, pad f32 values] each. */
export function packChanges(perEpoch: ChangeRecord[][], pad: number): Uint32Array {
  const count = perEpoch.reduce((k, list) => k + list.length, 0);
  const out = new Uint32Array(Math.max(1, count) * (4 + pad));
  const f = new Float32Array(out.buffer);
  let k = 0;
  for (const list of perEpoch) {
    for (const rec of list) {
      const o = k * (4 + pad);
      out[o] = rec.scenario;
      out[o + 1] = rec.row;
      out[o + 2] = rec.lastUpdate;
      f.set(rec.values, o + 4);
      k++;
    }
  }
  return out;
}
