// Epoch steps §5.9–5.11 and §5.13–5.14 of chain.md in float64, on the chain's sparse (production) path: the bonds
// penalty, Yuma3 bonds with or without liquid alpha, the original Yuma bonds, the dividends each gives, and the u16
// bonds written back. Both realms, no I/O.
import { colMaxUpscale, colNormalize, copySparse, emptySparse, rowDot, set, type Sparse } from './sparse.ts';
import { normalize } from './stake-permits.ts';
import type { YumaParams, YumaState } from './types.ts';

const U16 = 65535;

/**
 * §5.9 `interpolate_sparse`: W̃ = W + β(W̄ − W). β = 0 and β = 1 return W and W̄ as they are (explicit zeros
 * included); in between every column is interpolated and only values > 0 are kept.
 */
export function penalisedWeights(w: Sparse, clipped: Sparse, beta: number): Sparse {
  if (beta === 0) return copySparse(w);
  if (beta === 1) return copySparse(clipped);
  const out = emptySparse(w.nRows, w.n);
  for (let k = 0; k < w.val.length; k++) {
    const v = w.val[k] + beta * (clipped.val[k] - w.val[k]);
    if (v > 0) set(out, k, v);
  }
  return out;
}

/**
 * Stored bonds as the epoch reads them, with the registration mask of §5.10.2: an entry is dropped when
 * `last ≤ BlockAtRegistration_j`, `last = block − tempo` (saturating at 0). On generation B the chain uses
 * `LastMechansimStepBlock + 1`, which is the same block when the previous epoch ran tempo + 1 blocks earlier, as it
 * does in the simulator. A stored 0 reads as no bond (it would decay to 0 or be overwritten by W̃ alike).
 * `scale` is 65535 for Yuma3 (proportions) and 1 for the original bonds (column-normalised next anyway).
 */
export function storedBonds(state: YumaState, tempo: number, scale: number): Sparse {
  const { n } = state;
  const last = Math.max(0, state.block - tempo);
  const b = emptySparse(state.rows.length, n);
  for (let k = 0; k < b.val.length; k++) {
    const v = state.bonds[k];
    if (v !== 0 && !(last <= state.blockAtRegistration[k % n])) set(b, k, v / scale);
  }
  return b;
}

/** `alpha_sigmoid` (§5.10.3): the per-entry EMA rate of liquid alpha. */
export function liquidAlpha(c: number, w: number, b: number, lo: number, hi: number, steepness: number): number {
  const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
  const d = w >= b ? clamp01(w - c) : clamp01(b - w);
  // exp_safe clamps its input to ±20.
  const x = Math.min(20, Math.max(-20, (steepness / -100) * (d - 0.5)));
  const sigmoid = 1 / (1 + Math.exp(x));
  return Math.max(lo, Math.min(hi, lo + sigmoid * (hi - lo)));
}

/**
 * §5.10.3 `compute_bonds_sparse`. With liquid alpha (and some C_j ≠ 0) an entry is emitted only for columns present
 * in the row of W̃ (`mat_ema_alpha_sparse`, §5.14): a bond whose miner left the row vanishes at once. Otherwise
 * (`mat_ema_sparse`) B' = αW̃ + (1 − α)B over the union of entries, so unlisted bonds decay. Both keep values > 0.
 */
export function yuma3Ema(params: YumaParams, wt: Sparse, b: Sparse, c: Float64Array): Sparse {
  const out = emptySparse(wt.nRows, wt.n);
  if (params.liquidAlpha && c.some((x) => x !== 0)) {
    const lo = params.alphaLow / U16;
    const hi = params.alphaHigh / U16;
    for (let k = 0; k < wt.val.length; k++) {
      if (!wt.has[k]) continue;
      const w = wt.val[k];
      const old = b.val[k];
      const a = liquidAlpha(c[k % wt.n], w, old, lo, hi, params.alphaSigmoidSteepness);
      const v = Math.min(1, (1 - a) * old + Math.max(0, a * w));
      if (v > 0) set(out, k, v);
    }
    return out;
  }
  const a = 1 - params.bondsMovingAverage / 1e6;
  for (let k = 0; k < wt.val.length; k++) {
    const v = a * wt.val[k] + (1 - a) * b.val[k];
    if (v > 0) set(out, k, v);
  }
  return out;
}

/** §5.10.4: D = normalize(A_i · Σ_j colnorm(B')_ij · I_j). */
export function yuma3Dividends(ema: Sparse, rows: Int32Array, active: Float64Array, incentive: Float64Array) {
  const bn = copySparse(ema);
  colNormalize(bn);
  const perRow = rowDot(bn, incentive);
  const d = new Float64Array(active.length);
  for (let r = 0; r < rows.length; r++) d[rows[r]] = perRow[r] * active[rows[r]];
  return normalize(d);
}

/**
 * §5.11 original Yuma bonds: B = colnorm(stored, masked), ΔB = colnorm(W̃_ij · A_i),
 * B' = colnorm(αΔB + (1 − α)B) over the union (values > 0 kept), D = normalize(Σ_j B'_ij I_j). Returns B' still
 * column-normalised; `quantiseBonds` upscales it.
 */
export function originalBonds(
  params: YumaParams,
  wt: Sparse,
  b: Sparse,
  rows: Int32Array,
  active: Float64Array,
  incentive: Float64Array,
): { ema: Sparse; dividends: Float64Array } {
  colNormalize(b);
  const delta = copySparse(wt);
  for (let k = 0; k < delta.val.length; k++) delta.val[k] *= active[rows[Math.floor(k / wt.n)]];
  colNormalize(delta);
  const a = 1 - params.bondsMovingAverage / 1e6;
  const ema = emptySparse(wt.nRows, wt.n);
  for (let k = 0; k < ema.val.length; k++) {
    const v = a * delta.val[k] + (1 - a) * b.val[k];
    if (v > 0) set(ema, k, v);
  }
  colNormalize(ema);
  const perRow = rowDot(ema, incentive);
  const d = new Float64Array(active.length);
  for (let r = 0; r < rows.length; r++) d[rows[r]] = perRow[r];
  return { ema, dividends: normalize(d) };
}

/**
 * §5.13: the u16 bonds written back. Yuma3 stores floor(B'·65535); the original bonds are column-max-upscaled
 * first. Rows whose uid has no new permit are written empty (the chain writes an empty vector for them).
 */
export function quantiseBonds(ema: Sparse, rows: Int32Array, permitNew: Uint8Array, yuma3: boolean): Uint16Array {
  const m = yuma3 ? ema : copySparse(ema);
  if (!yuma3) colMaxUpscale(m);
  const out = new Uint16Array(m.val.length);
  for (let k = 0; k < out.length; k++) {
    if (!m.has[k] || !permitNew[rows[Math.floor(k / m.n)]]) continue;
    out[k] = Math.min(U16, Math.max(0, Math.floor(m.val[k] * U16)));
  }
  return out;
}
