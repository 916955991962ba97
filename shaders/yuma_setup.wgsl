// Yuma §5.2–5.3, once per batch (stake does not change between epochs, so neither do S and P_new). Prepended with
// yuma_common.wgsl. Stake arrives as 64-bit fixed point: the host scales each scenario's float64 stakes so that they
// sum to 2⁴⁷ (threshold in the same unit; resolution 7·10⁻¹⁵ of the total), so every sum of stakes is exact and
// stays below 2⁴⁸ (and times 65535 below 2⁶⁴): the top-k order and the consensus decisions match the float64
// reference except at true ties.
// One invocation per (scenario, uid); two passes because the second reads every uid's thresholded stake.

// §5.2: stake below the threshold counts as 0, except the owner's.
@compute @workgroup_size(WG)
fn setupThreshold(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = flatIndex(g, nw);
  if (i >= dims.scenarios * dims.n) { return; }
  let s = i / dims.n;
  let u = i % dims.n;
  let stake = vec2<u32>(uids[i].stakeLo, uids[i].stakeHi);
  let threshold = vec2<u32>(scen[s].thresholdLo, scen[s].thresholdHi);
  if (i32(u) != scen[s].owner && !ge64(stake, threshold)) {
    uids[i].stakeLo = 0u;
    uids[i].stakeHi = 0u;
  }
}

// S = normalize(stake); P_new = `is_topk_nonzero(S, k)` with the owner forced: uid u keeps its permit if its stake
// is non-zero and at least n − k uids sort before it in the stable ascending order (smaller stake, or equal stake
// and a lower uid), so at a tie on the boundary the higher uid wins.
@compute @workgroup_size(WG)
fn setupStake(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = flatIndex(g, nw);
  if (i >= dims.scenarios * dims.n) { return; }
  let s = i / dims.n;
  let u = i % dims.n;
  let n = dims.n;
  let base = s * n;
  let mine = vec2<u32>(uids[i].stakeLo, uids[i].stakeHi);
  var sum = vec2<u32>(0u);
  var before = 0u;
  for (var v = 0u; v < n; v++) {
    let other = vec2<u32>(uids[base + v].stakeLo, uids[base + v].stakeHi);
    sum = add64(sum, other);
    let smaller = other.y < mine.y || (other.y == mine.y && (other.x < mine.x || (other.x == mine.x && v < u)));
    before += select(0u, 1u, smaller);
  }
  let k = scen[s].maxValidators;
  let top = n < k || before >= n - k;
  let permit = (!isZero64(mine) && top) || i32(u) == scen[s].owner;
  uids[i].pnew = select(0u, 1u, permit);
  uids[i].s = select(toF32(mine) / toF32(sum), 0.0, isZero64(sum));
}
