// Epoch steps §5.1–5.4 of chain.md in float64: activity, stake with the threshold and owner exemption, validator
// permits (top-k with the chain's stable-sort tie rule) and active stake. Both realms, no I/O.

/** `normalize`: v / Σv, or v unchanged when Σv = 0 (the chain's fixed-point division by zero gives 0). */
export function normalize(v: Float64Array): Float64Array {
  let sum = 0;
  for (const x of v) sum += x;
  return sum === 0 ? v.slice() : v.map((x) => x / sum);
}

/** §5.1: 1 where `lastUpdate + cutoff ≥ block` (not inactive). */
export function activity(lastUpdate: Float64Array, block: number, cutoff: number): Uint8Array {
  return Uint8Array.from(lastUpdate, (u) => (u + cutoff < block ? 0 : 1));
}

/**
 * §5.2: S = normalize(stake with entries below the threshold zeroed, the owner exempt). The chain compares the
 * integer part of a rao amount; our stake is in the threshold's own (possibly fractional) unit, so it compares as is.
 */
export function normalizedStake(stake: Float64Array, threshold: number, ownerUid: number | null): Float64Array {
  return normalize(stake.map((s, uid) => (uid !== ownerUid && s < threshold ? 0 : s)));
}

/**
 * `is_topk_nonzero`: 1 for non-zero entries; if n ≥ k, the n − k smallest are cleared after a stable ascending sort,
 * so at a tie on the boundary the higher uid keeps its permit (§5.3). Values are compared as the chain's I32F32 sees
 * them (truncated to 2⁻³²), so stakes that differ by less than that tie as they do on chain.
 */
export function topkNonzero(s: Float64Array, k: number): Uint8Array {
  const n = s.length;
  const key = Float64Array.from(s, (x) => Math.floor(x * 2 ** 32));
  const out = Uint8Array.from(key, (x) => (x !== 0 ? 1 : 0));
  if (n < k) return out;
  // Array.prototype.sort is stable (ES2019), as Rust's sort_by_key is.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b]);
  for (let t = 0; t < n - k; t++) out[order[t]] = 0;
  return out;
}

/** §5.3: P_new = top-k non-zero S, the owner forced true. */
export function newPermits(s: Float64Array, maxValidators: number, ownerUid: number | null): Uint8Array {
  const p = topkNonzero(s, maxValidators);
  if (ownerUid !== null && ownerUid < p.length) p[ownerUid] = 1;
  return p;
}

/** P_old as the epoch reads it: the stored permits with the owner forced true. */
export function oldPermits(stored: Uint8Array, ownerUid: number | null): Uint8Array {
  const p = stored.slice();
  if (ownerUid !== null && ownerUid < p.length) p[ownerUid] = 1;
  return p;
}

/** §5.4: A = normalize(S zeroed where inactive or without P_old). */
export function activeStake(s: Float64Array, active: Uint8Array, permitOld: Uint8Array): Float64Array {
  return normalize(s.map((x, i) => (active[i] && permitOld[i] ? x : 0)));
}
