// Changing one validator's weights in a Yuma scenario: the "what if I set these weights" of the simulator. The row
// is replaced (or added, kept in uid order) with exactly the listed entries, and the validator counts as having just
// set them (lastUpdate one block before the epoch), as a `set_weights` or a reveal would. UI realm, pure.
import type { YumaScenario, YumaState } from '../../shared/yuma/types.ts';

/** `weights`: miner uid → u16 value; only these entries are listed in the new row. */
export function withValidatorWeights(state: YumaState, uid: number, weights: ReadonlyMap<number, number>): YumaState {
  const { n } = state;
  if (!Number.isInteger(uid) || uid < 0 || uid >= n) throw new RangeError(`Validator UID ${uid} is not in 0…${n - 1}.`);
  for (const [j, v] of weights) {
    if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`Miner UID ${j} is not in 0…${n - 1}.`);
    if (!Number.isInteger(v) || v < 0 || v > 65535)
      throw new RangeError(`The weight on UID ${j} must be a u16, got ${v}.`);
  }
  const rows = [...state.rows];
  let r = rows.indexOf(uid);
  const grow = r < 0;
  if (grow) {
    r = rows.filter((x) => x < uid).length;
    rows.splice(r, 0, uid);
  }
  const copyRows = (src: Uint16Array | Uint8Array, Out: typeof Uint16Array | typeof Uint8Array) => {
    const out = new Out(rows.length * n);
    rows.forEach((u, i) => {
      const old = state.rows.indexOf(u);
      if (old >= 0 && u !== uid) out.set(src.subarray(old * n, old * n + n), i * n);
    });
    return out;
  };
  const w = copyRows(state.weights, Uint16Array) as Uint16Array;
  const mask = copyRows(state.weightMask, Uint8Array) as Uint8Array;
  const bonds = copyRows(state.bonds, Uint16Array) as Uint16Array;
  // The validator's bonds stay: only its weights change.
  if (!grow) bonds.set(state.bonds.subarray(state.rows.indexOf(uid) * n, state.rows.indexOf(uid) * n + n), r * n);
  for (const [j, v] of weights) {
    w[r * n + j] = v;
    mask[r * n + j] = 1;
  }
  const lastUpdate = Float64Array.from(state.lastUpdate);
  lastUpdate[uid] = state.block - 1;
  return { ...state, rows: Int32Array.from(rows), weights: w, weightMask: mask, bonds, lastUpdate };
}

/** The same scenario with `state` replaced. */
export const withState = (s: YumaScenario, state: YumaState): YumaScenario => ({ ...s, state });

/**
 * Parses "uid: value, uid: value" (values as u16, or as shares that are scaled so the largest is 65535, like the
 * SDK's max-upscale) into miner uid → u16.
 */
export function parseWeightsText(text: string): Map<number, number> {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(\d+)\s*[:=]\s*([0-9.eE+-]+)$/.exec(part);
      if (!m) throw new Error(`"${part}" is not "uid: weight".`);
      const value = Number(m[2]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`"${part}": the weight must be a number ≥ 0.`);
      return [Number(m[1]), value] as const;
    });
  if (!entries.length) throw new Error('No weights: write them as "uid: weight, uid: weight".');
  const uids = entries.map(([u]) => u);
  const dup = uids.find((u, i) => uids.indexOf(u) !== i);
  if (dup !== undefined) throw new Error(`UID ${dup} is listed twice.`);
  const max = Math.max(...entries.map(([, v]) => v));
  // Integers up to 65535 are taken as u16 values; anything else as shares, max-upscaled.
  const asU16 = entries.every(([, v]) => Number.isInteger(v) && v <= 65535) && max > 1;
  return new Map(entries.map(([u, v]) => [u, asU16 ? v : max > 0 ? Math.round((v / max) * 65535) : 0]));
}
