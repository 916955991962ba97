// CPU reference for the bootstrap kernel (shaders/bootstrap.wgsl): per cell (one model on one environment), the
// sample mean and a percentile bootstrap interval of the mean. Resamples come from the counter-based hash in
// counter-rng.ts, so the GPU draws the same ones; each resample is summed in float32 in draw order (as the GPU
// does) and the interval bounds are exact order statistics of those sums, divided by n in float64. With the same
// seed the GPU result is bit-identical. Pure; both realms.
import { drawHash, indexScale, scaledIndex, streamKey } from './counter-rng.ts';

/** Largest sample per cell: it keeps indexOf's bias below n / 2^24 ≤ 0.4% (Affine's envs hold far fewer tasks). */
export const BOOTSTRAP_MAX_N = 65536;
/** Largest number of resamples per cell (the GPU keeps B float32 sums per cell in scratch memory). */
export const BOOTSTRAP_MAX_RESAMPLES = 1_000_000;

export interface BootstrapInput {
  /** Every cell's scores, concatenated: cell c holds values[offsets[c] .. offsets[c + 1]). Finite. */
  values: Float32Array;
  /** C + 1 non-decreasing offsets into `values`: offsets[0] = 0, offsets[C] = values.length. n = 0 is allowed. */
  offsets: Uint32Array;
  /** B, resamples per cell: a whole number from 1 to BOOTSTRAP_MAX_RESAMPLES (10,000 is typical). */
  resamples: number;
  /** Any u32; the same seed gives the same intervals, on the CPU and on the GPU. */
  seed: number;
  /** Confidence level in (0, 1), e.g. 0.95. */
  level: number;
}

export interface BootstrapResult {
  /** [C]: mean of each cell's sample (float64); NaN for an empty cell. */
  mean: Float64Array;
  /** [C]: lower bound of the interval of the mean; NaN for an empty cell. */
  lo: Float64Array;
  /** [C]: upper bound; NaN for an empty cell. */
  hi: Float64Array;
}

/**
 * The 0-based ranks of the bounds among the B sorted resample sums, with α = 1 − level:
 * lower = floor(α/2 · B), upper = ceil((1 − α/2) · B) − 1 = B − 1 − lower (the same identity, exactly). The
 * 1e-9 absorbs float64 error in α/2 · B (0.1/2 · 100 = 4.999999999999999). B = 1 gives [0, 0].
 */
export function bootstrapRanks(resamples: number, level: number): { lower: number; upper: number } {
  const lower = Math.min(resamples - 1, Math.floor(((1 - level) / 2) * resamples + 1e-9));
  return { lower, upper: resamples - 1 - lower };
}

/**
 * Checks shapes and ranges; shared by the CPU and GPU paths so both refuse the same inputs.
 * @throws RangeError naming the first bad argument.
 */
export function checkBootstrapInput(input: BootstrapInput): void {
  const { values, offsets, resamples, seed, level } = input;
  if (!(values instanceof Float32Array)) throw new RangeError('values must be a Float32Array');
  if (!(offsets instanceof Uint32Array) || offsets.length < 1) {
    throw new RangeError('offsets must be a Uint32Array of C + 1 entries');
  }
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > BOOTSTRAP_MAX_RESAMPLES) {
    throw new RangeError(`resamples must be a whole number from 1 to ${BOOTSTRAP_MAX_RESAMPLES}, got ${resamples}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError(`seed must be a u32, got ${seed}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== values.length) {
    throw new RangeError(`offsets must start at 0 and end at values.length (${values.length})`);
  }
  for (let c = 0; c + 1 < offsets.length; c++) {
    const n = offsets[c + 1]! - offsets[c]!;
    if (n < 0) throw new RangeError(`offsets must not decrease (offsets[${c + 1}] < offsets[${c}])`);
    if (n > BOOTSTRAP_MAX_N) throw new RangeError(`cell ${c} has ${n} values; at most ${BOOTSTRAP_MAX_N} per cell`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new RangeError(`values[${i}] = ${values[i]} is not finite`);
  }
}

/** Sample means (float64) of every cell; NaN for empty cells. */
export function cellMeans(values: Float32Array, offsets: Uint32Array): Float64Array {
  const mean = new Float64Array(offsets.length - 1);
  for (let c = 0; c < mean.length; c++) {
    let s = 0;
    for (let i = offsets[c]!; i < offsets[c + 1]!; i++) s += values[i]!;
    mean[c] = s / (offsets[c + 1]! - offsets[c]!); // 0 / 0 = NaN for an empty cell
  }
  return mean;
}

/**
 * Percentile bootstrap of each cell's mean: B resamples of n draws with replacement, summed in float32 in draw
 * order; the bounds are the sums at `bootstrapRanks` in ascending order, divided by n. Deterministic in `seed`.
 * @throws RangeError for bad inputs (see checkBootstrapInput).
 */
export function bootstrapCpu(input: BootstrapInput): BootstrapResult {
  checkBootstrapInput(input);
  const { values, offsets, resamples, seed, level } = input;
  const cells = offsets.length - 1;
  const { lower, upper } = bootstrapRanks(resamples, level);
  const result: BootstrapResult = {
    mean: cellMeans(values, offsets),
    lo: new Float64Array(cells).fill(NaN),
    hi: new Float64Array(cells).fill(NaN),
  };
  const sums = new Float32Array(resamples);
  for (let c = 0; c < cells; c++) {
    const start = offsets[c]!;
    const n = offsets[c + 1]! - start;
    if (n === 0) continue;
    const scale = indexScale(n);
    for (let b = 0; b < resamples; b++) {
      const key = streamKey(seed, c, b);
      let s = 0;
      // Math.fround after each add: the float32 sum the GPU computes, rounding for rounding.
      for (let k = 0; k < n; k++) s = Math.fround(s + values[start + scaledIndex(drawHash(key, k), scale)]!);
      sums[b] = s;
    }
    sums.sort(); // a Float32Array sorts numerically
    result.lo[c] = sums[lower]! / n;
    result.hi[c] = sums[upper]! / n;
  }
  return result;
}
