// Epoch step §5.6 of chain.md in float64: consensus as the κ stake-weighted median per miner, found with the chain's
// deterministic mid-pivot partition search (`weighted_median`, `weighted_median_col_sparse`) so that the value picked
// among ties and near-ties is the one the chain picks. Both realms, no I/O.
import type { Sparse } from './sparse.ts';

/**
 * `weighted_median` over `idx` (indices into `stake`/`score`): the largest score s with at least κ of the stake at
 * or above it, searched as the chain does; `minority = Σstake − κ`, [lo, hi] the stake segment of the partition.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  idx: readonly number[],
  minority: number,
  lo: number,
  hi: number,
): number {
  let part = idx;
  // The chain gives up (returns 0) after |idx| + 1 rounds; each round strictly shrinks the partition, so this only
  // guards against a bug, but it is the chain's behaviour and costs nothing.
  for (let round = 0; round <= idx.length; round++) {
    if (part.length === 0) return 0;
    if (part.length === 1) return score[part[0]];
    const pivot = score[part[Math.floor(part.length / 2)]];
    const lower: number[] = [];
    const upper: number[] = [];
    let loStake = 0;
    let hiStake = 0;
    for (const i of part) {
      const s = score[i];
      if (s === pivot) continue;
      if (s < pivot) {
        loStake += stake[i];
        lower.push(i);
      } else {
        hiStake += stake[i];
        upper.push(i);
      }
    }
    if (minority < lo + loStake && lower.length > 0) {
      part = lower;
      hi = lo + loStake;
    } else if (hi - hiStake <= minority && upper.length > 0) {
      part = upper;
      lo = hi - hiStake;
    } else {
      return pivot;
    }
  }
  return 0;
}

/**
 * `weighted_median_col_sparse`: C_j over the uids with A_i > 0 (in uid order, stakes re-normalised), a missing
 * entry scoring 0. `rowOf[uid]` is the uid's row in `w`, or −1 (no weights at all: scores 0 everywhere).
 */
export function consensus(activeStake: Float64Array, w: Sparse, rowOf: Int32Array, kappa: number): Float64Array {
  const voters: number[] = [];
  for (let i = 0; i < activeStake.length; i++) if (activeStake[i] > 0) voters.push(i);
  let total = 0;
  for (const i of voters) total += activeStake[i];
  const stake = voters.map((i) => activeStake[i] / total);
  let stakeSum = 0;
  for (const s of stake) stakeSum += s;
  const minority = stakeSum - kappa;
  const idx = voters.map((_, v) => v);
  const score = new Float64Array(voters.length);
  const out = new Float64Array(w.n);
  for (let j = 0; j < w.n; j++) {
    for (let v = 0; v < voters.length; v++) {
      const r = rowOf[voters[v]];
      score[v] = r >= 0 ? w.val[r * w.n + j] : 0;
    }
    out[j] = weightedMedian(stake, score, idx, minority, 0, stakeSum);
  }
  return out;
}
