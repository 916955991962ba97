// Changing one validator's weights in a Yuma scenario: the "what if I set these weights" of the simulator. The row
// is replaced (or added, kept in uid order) with exactly the listed entries, and the validator counts as having just
// set them (lastUpdate one block before the epoch), as a `set_weights` or a reveal would. UI realm, pure.
import { applyWeightChanges } from '../../shared/yuma/simulate.ts';
import type { YumaScenario, YumaState } from '../../shared/yuma/types.ts';

/** `state` with an empty weights and bonds row for `uid` inserted in uid order (a copy; `state` is kept). */
function withRow(state: YumaState, uid: number): YumaState {
  const { n } = state;
  const rows = [...state.rows];
  if (!rows.includes(uid)) rows.splice(rows.filter((x) => x < uid).length, 0, uid);
  const move = <T extends Uint16Array | Uint8Array>(src: T, out: T): T => {
    state.rows.forEach((u, old) => out.set(src.subarray(old * n, old * n + n), rows.indexOf(u) * n));
    return out;
  };
  return {
    ...state,
    rows: Int32Array.from(rows),
    weights: move(state.weights, new Uint16Array(rows.length * n)),
    weightMask: move(state.weightMask, new Uint8Array(rows.length * n)),
    bonds: move(state.bonds, new Uint16Array(rows.length * n)),
    lastUpdate: Float64Array.from(state.lastUpdate),
  };
}

/**
 * `weights`: miner uid → u16 value; only these entries are listed in the new row. Checked here so the message speaks
 * of validators and miners; written by the simulator's own `applyWeightChanges` (as a `set_weights` would). The
 * validator's bonds stay: only its weights change.
 */
export function withValidatorWeights(state: YumaState, uid: number, weights: ReadonlyMap<number, number>): YumaState {
  const { n } = state;
  if (!Number.isInteger(uid) || uid < 0 || uid >= n) throw new RangeError(`Validator UID ${uid} is not in 0…${n - 1}.`);
  for (const [j, v] of weights) {
    if (!Number.isInteger(j) || j < 0 || j >= n) throw new RangeError(`Miner UID ${j} is not in 0…${n - 1}.`);
    if (!Number.isInteger(v) || v < 0 || v > 65535)
      throw new RangeError(`The weight on UID ${j} must be a u16, got ${v}.`);
  }
  const next = withRow(state, uid);
  applyWeightChanges(next, { [uid]: Object.fromEntries(weights) }, 0);
  return next;
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
