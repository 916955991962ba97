// Epoch step §5.5 of chain.md in float64: the stored weights as the epoch sees them after the masks, in the chain's
// order, then row-normalised. Explicit zeros stay present (§5.14). Both realms, no I/O.
import { emptySparse, rowNormalize, set, type Sparse } from './sparse.ts';
import type { YumaState } from './types.ts';

/**
 * W after the masks, row-normalised:
 * 1. rows of uids without P_old are dropped;
 * 2. the diagonal is dropped, except the owner's self-weight;
 * 3. W_ij is dropped if `LastUpdate_i ≤ BlockAtRegistration_j` (set before miner j registered);
 * 4. the commit-reveal mask (earliest live commit block < BlockAtRegistration_j) is not modelled: the state carries
 *    no commits, so this is the chain's epoch with commit-reveal off;
 * 5. each row with a positive sum is divided by it.
 */
export function maskedWeights(state: YumaState, permitOld: Uint8Array, ownerUid: number | null): Sparse {
  const { n, rows } = state;
  const w = emptySparse(rows.length, n);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r];
    if (!permitOld[i]) continue;
    const updated = state.lastUpdate[i];
    for (let j = 0, k = r * n; j < n; j++, k++) {
      if (!state.weightMask[k]) continue;
      if (i === j && i !== ownerUid) continue;
      if (updated <= state.blockAtRegistration[j]) continue;
      set(w, k, state.weights[k]);
    }
  }
  rowNormalize(w);
  return w;
}
