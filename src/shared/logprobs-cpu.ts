// CPU reference for the log-probability kernel (shaders/logprobs.wgsl): log-softmax of target tokens, per-row
// logsumexp and top-k, accumulated in float64. Pure; both realms. The GPU path is checked against this.

/** Largest k the kernel supports (its private top-k lists have this many slots). */
export const LOGPROBS_MAX_K = 16;
/** Id reported in top-k slots that no token fills (k larger than the number of unmasked tokens in the row). */
export const NO_TOKEN = 0xffffffff;
/** float32's lowest finite value: logits at or below it (−FLT_MAX, −Infinity) count as masked tokens. */
export const MASKED_LOGIT = -3.4028234663852886e38;

export interface LogprobsResult {
  /** [positions]: log-softmax of the target token, `logit[t] − logsumexp(row)`. */
  targetLogprobs: Float32Array;
  /** [positions]: logsumexp of the row. */
  lse: Float32Array;
  /** [positions, k]: ids of the k largest logits, descending, ties broken by lower id; NO_TOKEN pads. */
  topIds: Uint32Array;
  /** [positions, k]: their log-probs; −Infinity where the id is NO_TOKEN. */
  topLogprobs: Float32Array;
}

/**
 * Checks shapes and target ids; shared by the CPU and GPU paths so both refuse the same inputs.
 * @throws RangeError naming the first bad argument.
 */
export function checkLogprobsArgs(
  logits: Float32Array,
  positions: number,
  vocab: number,
  targets: Uint32Array,
  k: number,
): void {
  if (!Number.isInteger(positions) || positions < 0) throw new RangeError(`positions must be a whole number ≥ 0`);
  if (!Number.isInteger(vocab) || vocab < 1) throw new RangeError(`vocab must be a whole number ≥ 1, got ${vocab}`);
  if (!Number.isInteger(k) || k < 1 || k > LOGPROBS_MAX_K) {
    throw new RangeError(`k must be a whole number from 1 to ${LOGPROBS_MAX_K}, got ${k}`);
  }
  if (logits.length !== positions * vocab) {
    throw new RangeError(`logits has ${logits.length} values; positions × vocab = ${positions * vocab}`);
  }
  if (targets.length !== positions) throw new RangeError(`targets has ${targets.length} ids; expected ${positions}`);
  for (let p = 0; p < positions; p++) {
    if (targets[p]! >= vocab) throw new RangeError(`targets[${p}] = ${targets[p]} is outside the vocab (${vocab})`);
  }
}

/**
 * Log-probabilities of `targets` under `logits` ([positions, vocab], row-major), plus each row's logsumexp and
 * top-k. Rows need at least one logit above −FLT_MAX; masked tokens (−FLT_MAX or −Infinity) get log-prob
 * −Infinity (or about −3.4e38) and never appear in the top-k.
 */
export function logprobsCpu(
  logits: Float32Array,
  positions: number,
  vocab: number,
  targets: Uint32Array,
  k: number,
): LogprobsResult {
  checkLogprobsArgs(logits, positions, vocab, targets, k);
  const out: LogprobsResult = {
    targetLogprobs: new Float32Array(positions),
    lse: new Float32Array(positions),
    topIds: new Uint32Array(positions * k).fill(NO_TOKEN),
    topLogprobs: new Float32Array(positions * k).fill(-Infinity),
  };
  const vals = new Float64Array(k);
  const ids = new Uint32Array(k);
  for (let p = 0; p < positions; p++) {
    const base = p * vocab;
    // Pass 1: max, so that exp() never overflows (the stable form of logsumexp).
    let m = -Infinity;
    for (let i = 0; i < vocab; i++) if (logits[base + i]! > m) m = logits[base + i]!;
    // Pass 2: sum of exp in float64, and the top-k by insertion into a sorted list. Ids arrive in increasing
    // order, so a strict `>` against the current k-th value keeps the lower id on ties.
    let s = 0;
    let filled = 0;
    vals.fill(-Infinity);
    ids.fill(NO_TOKEN);
    for (let i = 0; i < vocab; i++) {
      const x = logits[base + i]!;
      s += Math.exp(x - m);
      if (x <= MASKED_LOGIT || (filled === k && x <= vals[k - 1]!)) continue;
      let j = filled < k ? filled++ : k - 1;
      while (j > 0 && vals[j - 1]! < x) {
        vals[j] = vals[j - 1]!;
        ids[j] = ids[j - 1]!;
        j--;
      }
      vals[j] = x;
      ids[j] = i;
    }
    const logS = Math.log(s);
    out.lse[p] = m + logS;
    // (x − m) − log s rather than x − lse: exact for the row's max even when |logits| ~ 1e4.
    out.targetLogprobs[p] = logits[base + targets[p]!]! - m - logS;
    for (let j = 0; j < filled; j++) {
      out.topIds[p * k + j] = ids[j]!;
      out.topLogprobs[p * k + j] = vals[j]! - m - logS;
    }
  }
  return out;
}
