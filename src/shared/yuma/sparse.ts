// The sparse matrices of the float64 Yuma reference (chain.md §5): subtensor's `Vec<Vec<(u16, I32F32)>>` rows held
// densely as `rows × n` values plus a presence flag, because an entry's presence matters on the chain's sparse path
// (an explicit 0 keeps a bond alive, a clipped entry is removed, §5.14). Both realms, no I/O.

/** Row r belongs to uid `rows[r]`; entry (r, j) exists iff `has[r·n + j]`; absent entries hold 0. */
export interface Sparse {
  n: number;
  nRows: number;
  val: Float64Array;
  has: Uint8Array;
}

export function emptySparse(nRows: number, n: number): Sparse {
  return { n, nRows, val: new Float64Array(nRows * n), has: new Uint8Array(nRows * n) };
}

export function copySparse(m: Sparse): Sparse {
  return { n: m.n, nRows: m.nRows, val: m.val.slice(), has: m.has.slice() };
}

export function set(m: Sparse, k: number, v: number): void {
  m.val[k] = v;
  m.has[k] = 1;
}

export function drop(m: Sparse, k: number): void {
  m.val[k] = 0;
  m.has[k] = 0;
}

/** `inplace_row_normalize_sparse`: rows with a positive sum are divided by it; others stay as they are. */
export function rowNormalize(m: Sparse): void {
  const { n } = m;
  for (let r = 0; r < m.nRows; r++) {
    let sum = 0;
    for (let k = r * n; k < (r + 1) * n; k++) if (m.has[k]) sum += m.val[k];
    if (sum > 0) for (let k = r * n; k < (r + 1) * n; k++) if (m.has[k]) m.val[k] /= sum;
  }
}

/** `inplace_col_normalize_sparse`: each column with a non-zero sum is divided by it. */
export function colNormalize(m: Sparse): void {
  const sums = new Float64Array(m.n);
  for (let k = 0; k < m.val.length; k++) if (m.has[k]) sums[k % m.n] += m.val[k];
  for (let k = 0; k < m.val.length; k++) {
    const s = sums[k % m.n];
    if (m.has[k] && s !== 0) m.val[k] /= s;
  }
}

/** `inplace_col_max_upscale_sparse`: each column is divided by its maximum (when that is non-zero). */
export function colMaxUpscale(m: Sparse): void {
  const max = new Float64Array(m.n);
  for (let k = 0; k < m.val.length; k++) if (m.has[k] && m.val[k] > max[k % m.n]) max[k % m.n] = m.val[k];
  for (let k = 0; k < m.val.length; k++) {
    const mx = max[k % m.n];
    if (m.has[k] && mx !== 0) m.val[k] /= mx;
  }
}

/** Sum over each row's present entries. */
export function rowSums(m: Sparse): Float64Array {
  const out = new Float64Array(m.nRows);
  for (let k = 0; k < m.val.length; k++) if (m.has[k]) out[Math.floor(k / m.n)] += m.val[k];
  return out;
}

/** `matmul_sparse`: out_j = Σ_r vec[rows[r]] · m_rj, per column. */
export function colWeightedSum(m: Sparse, rows: Int32Array, vec: Float64Array): Float64Array {
  const out = new Float64Array(m.n);
  for (let r = 0; r < m.nRows; r++) {
    const s = vec[rows[r]];
    for (let j = 0, k = r * m.n; j < m.n; j++, k++) if (m.has[k]) out[j] += s * m.val[k];
  }
  return out;
}

/** `matmul_transpose_sparse`: out_r = Σ_j m_rj · vec_j, per row. */
export function rowDot(m: Sparse, vec: Float64Array): Float64Array {
  const out = new Float64Array(m.nRows);
  for (let r = 0; r < m.nRows; r++) {
    let acc = 0;
    for (let j = 0, k = r * m.n; j < m.n; j++, k++) if (m.has[k]) acc += m.val[k] * vec[j];
    out[r] = acc;
  }
  return out;
}
