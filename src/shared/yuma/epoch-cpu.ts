// The float64 reference of one subtensor epoch (chain.md §5.1–5.14, the sparse `epoch_mechanism` production path):
// `runEpochCpu(params, state)` returns the epoch's outputs and the state the next epoch reads. It is the CPU fallback
// and the reference the WGSL kernel is checked against. Both realms, no I/O.
import { originalBonds, penalisedWeights, quantiseBonds, storedBonds, yuma3Dividends, yuma3Ema } from './bonds.ts';
import { ScenarioError } from './errors.ts';
import { emptySparse, colWeightedSum, rowSums, set, type Sparse } from './sparse.ts';
import { activeStake, activity, newPermits, normalize, normalizedStake, oldPermits } from './stake-permits.ts';
import type { YumaOutputs, YumaParams, YumaState } from './types.ts';
import { consensus } from './weighted-median.ts';
import { maskedWeights } from './weights-masks.ts';

const U16 = 65535;

/** Throws a ScenarioError if the state's arrays do not have the lengths `n` and `rows` imply. */
export function checkState(state: YumaState): void {
  const { n, rows } = state;
  const perUid = { stake: state.stake, lastUpdate: state.lastUpdate, blockAtRegistration: state.blockAtRegistration };
  for (const [name, a] of Object.entries({ ...perUid, validatorPermit: state.validatorPermit })) {
    if (a.length !== n) throw new ScenarioError(`state.${name} has length ${a.length}, not n = ${n}.`);
  }
  for (const [name, a] of Object.entries({
    weights: state.weights,
    weightMask: state.weightMask,
    bonds: state.bonds,
  })) {
    if (a.length !== rows.length * n)
      throw new ScenarioError(`state.${name} has length ${a.length}, not rows.length × n = ${rows.length * n}.`);
  }
  for (let r = 0; r < rows.length; r++) {
    if (!(rows[r] >= 0 && rows[r] < n) || (r > 0 && rows[r] <= rows[r - 1]))
      throw new ScenarioError(`state.rows[${r}] = ${rows[r]}: rows must be ascending uids below n = ${n}.`);
  }
}

/** §5.7 `col_clip_sparse`: min(W_ij, C_j); an entry above C_j = 0 is removed, not set to 0. */
function clip(w: Sparse, c: Float64Array): Sparse {
  const out = emptySparse(w.nRows, w.n);
  for (let k = 0; k < w.val.length; k++) {
    if (!w.has[k]) continue;
    const th = c[k % w.n];
    const v = w.val[k];
    if (th < v) {
      if (th > 0) set(out, k, th);
    } else set(out, k, v);
  }
  return out;
}

/**
 * §5.12: emission = normalize(I + D) · E, or A · E (S · E if A is all zero) when I + D sums to 0. The chain floors
 * each share to whole rao; we keep the float, since `E` here is in alpha (1 gives the shares themselves).
 */
function emissionSplit(inc: Float64Array, div: Float64Array, a: Float64Array, s: Float64Array, e: number) {
  const combined = inc.map((x, i) => x + div[i]);
  let sum = 0;
  for (const x of combined) sum += x;
  if (sum !== 0) return combined.map((x) => (x / sum) * e);
  const fallback = a.some((x) => x !== 0) ? a : s;
  return fallback.map((x) => x * e);
}

/** One epoch: the outputs it reports and the state the following epoch reads (block + tempo + 1). */
export function runEpochCpu(params: YumaParams, state: YumaState): { outputs: YumaOutputs; next: YumaState } {
  checkState(state);
  const { n, rows } = state;
  const owner = params.ownerUid !== null && params.ownerUid < n ? params.ownerUid : null;
  const rowOf = new Int32Array(n).fill(-1);
  rows.forEach((uid, r) => (rowOf[uid] = r));

  // §5.1–5.4
  const active = activity(state.lastUpdate, state.block, params.activityCutoff);
  const stake = normalizedStake(state.stake, params.stakeThreshold, owner);
  const permitOld = oldPermits(state.validatorPermit, owner);
  const permitNew = newPermits(stake, params.maxAllowedValidators, owner);
  const aStake = activeStake(stake, active, permitOld);

  // §5.5–5.8
  const w = maskedWeights(state, permitOld, owner);
  const c = consensus(aStake, w, rowOf, params.kappa / U16);
  const clipped = clip(w, c);
  const trustRows = rowSums(clipped);
  const validatorTrust = new Float64Array(n);
  rows.forEach((uid, r) => (validatorTrust[uid] = trustRows[r]));
  const incentive = normalize(colWeightedSum(clipped, rows, aStake));

  // §5.9–5.11
  const wt = penalisedWeights(w, clipped, params.bondsPenalty / U16);
  let ema: Sparse;
  let dividends: Float64Array;
  if (params.yuma3) {
    ema = yuma3Ema(params, wt, storedBonds(state, params.tempo, U16), c);
    dividends = yuma3Dividends(ema, rows, aStake, incentive);
  } else {
    ({ ema, dividends } = originalBonds(params, wt, storedBonds(state, params.tempo, 1), rows, aStake, incentive));
  }

  // §5.12–5.13
  const emission = emissionSplit(incentive, dividends, aStake, stake, params.emission);
  const bonds = quantiseBonds(ema, rows, permitNew, params.yuma3);
  const outputs: YumaOutputs = {
    stake,
    activeStake: aStake,
    consensus: c,
    incentive,
    dividends,
    validatorTrust,
    emission,
    validatorPermit: permitNew,
    bonds,
  };
  const next: YumaState = {
    n,
    block: state.block + params.tempo + 1,
    stake: state.stake.slice(),
    lastUpdate: state.lastUpdate.slice(),
    blockAtRegistration: state.blockAtRegistration.slice(),
    validatorPermit: permitNew.slice(),
    rows: rows.slice(),
    weights: state.weights.slice(),
    weightMask: state.weightMask.slice(),
    bonds: bonds.slice(),
  };
  return { outputs, next };
}
