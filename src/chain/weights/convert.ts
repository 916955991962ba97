// Float weights → the u16 values a weights extrinsic carries (the Python SDK's rule, chain.md §2.2), and a preview of
// what the chain stores after its own max-upscale (`vec_u16_max_upscale_to_u16`, I32F32). Both realms, pure.

export const U16_MAX = 65535;

/** Weights that cannot be sent; the message says which input is wrong. */
export class WeightsConvertError extends Error {
  override name = 'WeightsConvertError';
  constructor(
    readonly code: 'empty' | 'negative-weight' | 'negative-uid' | 'length-mismatch' | 'not-finite' | 'not-u16',
    message: string,
  ) {
    super(message);
  }
}

export interface EmitOptions {
  /**
   * 'float32' (default): round each weight to float32 first, as the SDK does when `set_weights` gets Python lists
   * (`convert_uids_and_weights` builds `np.array(weights, dtype=np.float32)`); 'float64' for a float64 array.
   */
  precision?: 'float32' | 'float64';
}

/**
 * Python 3's `round(x)` for a float: nearest integer, exact halves to the even neighbour (banker's rounding).
 * `x − floor(x)` is exact for |x| < 2^52, so the half test is exact too.
 */
export function pyRound(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * `bittensor.utils.weight_utils.convert_weights_and_uids_for_emit` @ bb526e6d: same checks in the same order, `[]`
 * when the weights sum to 0, else `round(w / max · 65535)` per entry, dropping the entries that round to 0.
 * @throws WeightsConvertError for empty input (Python's `min()` fails there), a negative weight or uid, different
 *   lengths, or a weight that is NaN or infinite (numpy would carry it into `round()` and fail).
 */
export function convertWeightsForEmit(
  uids: readonly number[],
  weights: readonly number[],
  options: EmitOptions = {},
): { uids: number[]; values: number[] } {
  const cast = (options.precision ?? 'float32') === 'float32' ? Math.fround : (x: number) => x;
  if (weights.length === 0 || uids.length === 0)
    throw new WeightsConvertError('empty', 'No weights given: pass at least one uid and one weight.');
  const w = weights.map(cast);
  if (w.some((x) => !Number.isFinite(x)))
    throw new WeightsConvertError('not-finite', `Weights must be finite numbers, got [${weights.join(', ')}].`);
  if (Math.min(...w) < 0)
    throw new WeightsConvertError(
      'negative-weight',
      `Passed weight is negative and cannot exist on chain: [${weights.join(', ')}].`,
    );
  if (Math.min(...uids) < 0)
    throw new WeightsConvertError('negative-uid', `Passed uid is negative and cannot exist on chain: [${uids}].`);
  if (uids.length !== weights.length)
    throw new WeightsConvertError(
      'length-mismatch',
      `Passed weights and uids must have the same length, got ${uids.length} uids and ${weights.length} weights.`,
    );
  // Not in the SDK (scalecodec fails later, at encoding): a uid must fit the extrinsic's u16.
  if (uids.some((u) => !Number.isInteger(u) || u > U16_MAX))
    throw new WeightsConvertError('not-u16', `UIDs must be integers in 0…65535, got [${uids.join(', ')}].`);
  // Python sums the float list left to right in doubles; only "is it zero" matters and all terms are ≥ 0.
  if (w.reduce((s, x) => s + x, 0) === 0) return { uids: [], values: [] };
  const max = Math.max(...w);
  const out = { uids: [] as number[], values: [] as number[] };
  w.forEach((x, i) => {
    const v = pyRound((x / max) * U16_MAX);
    if (v !== 0) {
      out.uids.push(uids[i]!);
      out.values.push(v);
    }
  });
  return out;
}

const FRAC = 32n;
const ONE = 1n << FRAC;
const HALF = 1n << (FRAC - 1n);

/** An I32F32 raw value (non-negative) rounded to an integer, ties away from zero, as `fixed`'s `round()`. */
const roundAway = (raw: bigint) => (raw >> FRAC) + ((raw & (ONE - 1n)) >= HALF ? 1n : 0n);

/**
 * The chain's `vec_u16_max_upscale_to_u16` (subtensor `epoch/math.rs`): what `Weights` will hold for these values.
 * In I32F32, division truncates and `round()` sends ties away from zero. For a max above 32768 the chain first
 * computes the ratio 65535 / max (truncated to 2^-32) and multiplies, else it multiplies by 65535 and divides.
 */
export function maxUpscaleU16(values: readonly number[]): number[] {
  for (const v of values)
    if (!Number.isInteger(v) || v < 0 || v > U16_MAX)
      throw new WeightsConvertError('not-u16', `Values must be u16 integers, got ${v}.`);
  if (values.length === 0) return [];
  const max = BigInt(Math.max(...values));
  if (max === 0n) return values.map(() => 0);
  const u16Max = BigInt(U16_MAX);
  const sat = (x: bigint) => Number(x > u16Max ? u16Max : x);
  if (max > 32768n) {
    // u16_max.safe_div(max): (65535·2^32 · 2^32) / (max·2^32), truncated; e (an integer) × ratio is then exact.
    const ratio = (u16Max * ONE) / max;
    return values.map((e) => sat(roundAway(BigInt(e) * ratio)));
  }
  // e·65535 fits I32F32 here (≤ 32768·65535 < 2^31); the quotient keeps 32 fraction bits, truncated.
  return values.map((e) => sat(roundAway((BigInt(e) * u16Max * ONE) / max)));
}
