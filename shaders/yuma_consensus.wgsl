// Yuma §5.6–5.8 per miner column (prepended with yuma_common.wgsl and yuma_epoch.wgsl): consensus C_j, the clipped
// weights' stake-weighted column sum (incentive before normalisation), and the "some C ≠ 0" flag. One invocation
// per (scenario, column quad): the four columns are searched side by side in the lanes of vec4s.
//
// C_j is "the largest attained value s with stake(W_·j ≥ s) ≥ κ" over the voters (A_i > 0; a missing entry, or a
// voter without a weight row, scores 0). It equals the chain's partition search except at exact ties. Found by
// shrinking [lo, hi], which always holds C_j: a pass with pivot t sums the stake at or above t and finds the
// nearest attained values on both sides (minHi ≥ t > maxLo); if that stake reaches κ then lo = minHi, else
// hi = maxLo; done when lo = hi. The first pivot is last epoch's C_j and the second probes its neighbour, so an
// unchanged consensus costs two passes; the first pass also finds the column's largest value (the first hi), then
// the pivot halves the bracket.
//
// Decisions use the float32 stake sum unless it lies within MARGIN of κ (its worst-case rounding error over a few
// hundred voters is below 10⁻⁵); then the exact 64-bit fixed-point sum decides, as float64 would.

const MARGIN: f32 = 3e-5;
const BIG: f32 = 3.0; // above every normalised weight

// stake(W_·j ≥ t) ≥ κ for column lane k of quad row base `wb`, exactly: Σ u_i · 65535 ≥ Kappa · Σ u (fixed-point
// stakes, no rounding).
fn exactAtOrAbove(s: u32, wb: u32, k: u32, t: f32) -> bool {
  let rb = s * dims.rows;
  var acc = select(vec2<u32>(0u), scen[s].zeroU, t <= 0.0);
  for (var r = 0u; r < dims.rows; r++) {
    let v = max(mats[wb + r * dims.nq][k], 0.0);
    if (v >= t) { acc = add64(acc, vec2<u32>(rowsBuf[rb + r].uLo, rowsBuf[rb + r].uHi)); }
  }
  return ge64(mul64x16(acc, 65535u), scen[s].kappaT);
}

fn nextUp(x: vec4<f32>) -> vec4<f32> {
  return bitcast<vec4<f32>>(bitcast<vec4<u32>>(max(x, vec4<f32>(0.0))) + 1u);
}

@compute @workgroup_size(WG)
fn consensus(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let id = flatIndex(g, nw);
  let nq = dims.nq;
  if (id >= dims.scenarios * nq) { return; }
  let s = id / nq;
  let q = id % nq;
  let rb = s * dims.rows;
  let wb = quadRow(dims.wnBase, rb) + q;
  let zero4 = vec4<f32>(0.0);
  var c = zero4;
  if (!isZero64(scen[s].sumU)) {
    let kappa = scen[s].kappa;
    let z = scen[s].zeroA;
    let prior = cols[id].c;
    let hasPrior = prior >= zero4;
    var lo = zero4;
    var hi = vec4<f32>(BIG);
    var done = vec4<bool>(false);
    var t = select(vec4<f32>(BIG), prior, hasPrior);
    for (var step = 0u; step < 100u; step++) {
      let atZero = t <= zero4;
      var ge = select(zero4, vec4<f32>(z), atZero);
      var minHi = select(vec4<f32>(BIG), zero4, atZero & vec4<bool>(z > 0.0));
      var maxLo = select(vec4<f32>(-BIG), zero4, !atZero & vec4<bool>(z > 0.0));
      var top = select(vec4<f32>(-BIG), zero4, vec4<bool>(z > 0.0));
      for (var r = 0u; r < dims.rows; r++) {
        let a = rowsBuf[rb + r].a;
        // Non-voters get −BIG: below every pivot (t ≥ 0), and below every real value for maxLo.
        let v = select(maxF(mats[wb + r * nq], zero4), vec4<f32>(-BIG), a <= 0.0);
        let up = v >= t;
        ge += select(zero4, vec4<f32>(a), up);
        minHi = select(minHi, v, up & (v < minHi));
        maxLo = select(maxLo, v, !up & (v > maxLo));
        top = select(top, v, v > top);
      }
      var high = ge >= vec4<f32>(kappa);
      let near = (abs(ge - vec4<f32>(kappa)) < vec4<f32>(MARGIN)) & !done;
      if (any(near)) {
        for (var k = 0u; k < 4u; k++) {
          if (near[k]) { high[k] = exactAtOrAbove(s, wb, k, t[k]); }
        }
      }
      // C_j is attained: no value at or above t means it lies below (κ = 0 would say otherwise), and vice versa.
      high = (high | (maxLo <= vec4<f32>(-BIG))) & (minHi < vec4<f32>(BIG));
      if (step == 0u) { hi = top; }
      lo = select(lo, minHi, high & !done);
      hi = select(hi, maxLo, !high & !done);
      done = done | (lo >= hi);
      if (all(done)) { break; }
      let mid = lo + 0.5 * (hi - lo);
      t = select(mid, hi, mid <= lo);
      if (step == 0u) {
        // Probe the neighbour of last epoch's value: one more pass settles an unchanged consensus.
        t = select(t, select(hi, nextUp(lo), high), hasPrior);
      }
    }
    c = lo;
  }
  var iRaw = zero4;
  for (var r = 0u; r < dims.rows; r++) {
    iRaw += rowsBuf[rb + r].a * clippedValue(mats[wb + r * nq], c);
  }
  cols[id].c = c;
  cols[id].iRaw = iRaw;
  for (var k = 0u; k < 4u; k++) {
    let j = 4u * q + k;
    if (j < dims.n) { outs[outIndex(s, OUT_CONSENSUS, j)] = c[k]; }
  }
  if (any(c != zero4)) { atomicOr(&scen[s].anyC, 1u); }
}
