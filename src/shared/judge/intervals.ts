// Confidence intervals for a mean score: Wilson and Jeffreys for 0/1 scores, a bootstrap percentile interval for
// anything else, and `intervalFor` that picks one. Both realms.
import erfcinv from '@stdlib/math-base-special-erfcinv';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { bootstrapCpu, type BootstrapInput, type BootstrapResult } from './bootstrap-cpu.ts';
import type { EnvScores } from './types.ts';
// Wilson lives with the results table (summary.ts), which must not pull in the Beta quantile or the bootstrap.
import { wilson, Z95 } from '../eval/summary.ts';

export { wilson, Z95 };

export type IntervalMethod = 'wilson' | 'jeffreys' | 'bootstrap';

export interface Interval {
  lo: number;
  hi: number;
  method: IntervalMethod;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

/** Standard normal quantile, from the inverse complementary error function: Φ⁻¹(p) = −√2 · erfc⁻¹(2p). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), not ${p}.`);
  return -Math.SQRT2 * erfcinv(2 * p);
}

/** z for a two-sided interval at `level` (0.95 → 1.95996…). */
export function zFor(level: number): number {
  return level === 0.95 ? Z95 : normalQuantile((1 + level) / 2);
}

/**
 * Jeffreys interval: the equal-tailed quantiles of Beta(k + ½, n − k + ½), as Affine's era-C sampler computed them
 * (§6.3). `k` is clamped to [0, n]; n = 0 gives [0, 0] as Affine does.
 */
export function jeffreys(k: number, n: number, level = 0.95): [number, number] {
  if (n <= 0) return [0, 0];
  const s = Math.min(Math.max(k, 0), n);
  const a = s + 0.5;
  const b = n - s + 0.5;
  return [betaQuantile((1 - level) / 2, a, b), betaQuantile((1 + level) / 2, a, b)];
}

/** A cell-based bootstrap with the CPU reference's shape (the GPU path can stand in for it). */
export type Bootstrap = (input: BootstrapInput) => BootstrapResult;

export interface BootstrapOptions {
  level?: number;
  /** Resamples (default 10,000: the 2.5% tail then rests on 250 resamples, stable to about 3 decimals). */
  resamples?: number;
  /** u32 seed; the same seed gives the same interval on the CPU and the GPU (default 0). */
  seed?: number;
  /** The resampler; defaults to the CPU reference of the GPU kernel. */
  bootstrap?: Bootstrap;
}

/**
 * Percentile bootstrap interval of the mean of `scores` (any real scores, e.g. signed DISTILL-V2 values), drawn
 * with the counter-based RNG of the GPU kernel so both give the same bounds for a seed. Empty input gives [0, 0].
 */
export function bootstrapInterval(scores: readonly number[] | Float64Array, opts: BootstrapOptions = {}): Interval {
  const level = opts.level ?? 0.95;
  if (scores.length === 0) return { lo: 0, hi: 0, method: 'bootstrap', level };
  const r = (opts.bootstrap ?? bootstrapCpu)({
    values: Float32Array.from(scores),
    offsets: Uint32Array.of(0, scores.length),
    resamples: opts.resamples ?? 10_000,
    seed: opts.seed ?? 0,
    level,
  });
  return { lo: r.lo[0]!, hi: r.hi[0]!, method: 'bootstrap', level };
}

export interface IntervalOptions extends BootstrapOptions {
  /** Method for 0/1 scores: Wilson (default, as in the results table) or Jeffreys (Affine's era C). */
  binary?: 'wilson' | 'jeffreys';
}

/** Whether every score is exactly 0 or 1 (then the mean is a proportion and a binomial interval applies). */
export function isBinary(scores: ArrayLike<number>): boolean {
  for (let i = 0; i < scores.length; i++) if (scores[i] !== 0 && scores[i] !== 1) return false;
  return true;
}

/** The interval for a set of scores: Wilson or Jeffreys when they are all 0/1, a bootstrap interval otherwise. */
export function intervalFor(scores: readonly number[] | Float64Array, opts: IntervalOptions = {}): Interval {
  const level = opts.level ?? 0.95;
  if (!isBinary(scores)) return bootstrapInterval(scores, opts);
  let k = 0;
  for (const s of scores) k += s;
  const method = opts.binary ?? 'wilson';
  const [lo, hi] = method === 'jeffreys' ? jeffreys(k, scores.length, level) : wilson(k, scores.length, zFor(level));
  return { lo, hi, method, level };
}

/**
 * The interval of one env's results. With per-task scores it is `intervalFor` them; with only a mean and a count
 * (Affine's published data) a mean in [0, 1] is read as a proportion of n; otherwise nothing can be said (null).
 */
export function intervalForEnv(e: EnvScores, opts: IntervalOptions = {}): Interval | null {
  if (e.tasks && e.tasks.size > 0) return intervalFor([...e.tasks.values()], opts);
  if (e.n <= 0 || e.mean < 0 || e.mean > 1) return null;
  const level = opts.level ?? 0.95;
  const method = opts.binary ?? 'wilson';
  const k = e.mean * e.n;
  const [lo, hi] = method === 'jeffreys' ? jeffreys(k, e.n, level) : wilson(k, e.n, zFor(level));
  return { lo, hi, method, level };
}
