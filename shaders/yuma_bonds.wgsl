// Yuma §5.9–5.11 per miner column (prepended with yuma_common.wgsl, yuma_epoch.wgsl and yuma_consensus.wgsl): the
// bonds penalty W̃, the new bonds B' (Yuma3 with or without liquid alpha, or the original bonds), and the column
// factors the row pass needs for dividends and quantisation. One invocation per (scenario, column quad).
//
// Dividends need B' column-normalised times the normalised incentive; both normalisations are per column or a
// common factor, so the column stores f_j = iRaw_j / Σ_i B'_ij and rowSums takes d_i = Σ_j B'_ij f_j (the final
// normalize(d) removes Σ iRaw).

// §5.9 W̃ from Wn (−1 absent) and C: the value (0 where absent) and whether the entry is present.
struct Penalised {
  v: vec4<f32>,
  has: vec4<bool>,
}

fn penalised(w: vec4<f32>, c: vec4<f32>, beta: f32) -> Penalised {
  let zero4 = vec4<f32>(0.0);
  let listed = w >= zero4;
  let clipped = clippedValue(w, c);
  if (beta == 0.0) { return Penalised(maxF(w, zero4), listed); }
  // β = 1: W̄ as it is; an entry above C = 0 was removed.
  if (beta == 1.0) { return Penalised(clipped, listed & ((w <= c) | (c > zero4))); }
  let w1 = maxF(w, zero4);
  let v = w1 + beta * (clipped - w1);
  return Penalised(maxF(v, zero4), v > zero4);
}

// §5.10.3 `alpha_sigmoid`.
fn liquidAlpha(c: vec4<f32>, w: vec4<f32>, b: vec4<f32>, lo: f32, hi: f32, steepness: f32) -> vec4<f32> {
  let zero4 = vec4<f32>(0.0);
  let one4 = vec4<f32>(1.0);
  let d = select(clampF(b - w, zero4, one4), clampF(w - c, zero4, one4), w >= b);
  let x = clampF(-steepness * (d - 0.5), vec4<f32>(-20.0), vec4<f32>(20.0));
  let sigmoid = 1.0 / (1.0 + exp(x));
  return clampF(lo + sigmoid * (hi - lo), vec4<f32>(lo), vec4<f32>(hi));
}

@compute @workgroup_size(WG)
fn bondsEma(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let id = flatIndex(g, nw);
  let nq = dims.nq;
  if (id >= dims.scenarios * nq) { return; }
  let s = id / nq;
  let q = id % nq;
  let R = dims.rows;
  let rb = s * R;
  let wb = quadRow(dims.wnBase, rb) + q;
  let bb = quadRow(dims.bpBase, rb) + q;
  let ob = quadRow(epoch.e * dims.scenarios * R * nq, rb) + q;
  let zero4 = vec4<f32>(0.0);
  let c = cols[id].c;
  let beta = scen[s].beta;
  let flags = scen[s].flags;
  let a = scen[s].alphaFixed;
  // §5.10.2: bonds to a miner registered at or after `last` are dropped.
  let last = vec4<i32>(max(0, epochBlock(s) - scen[s].tempo));
  let keepOld = last > cols[id].bar;
  var sum = zero4;
  var bmax = vec4<f32>(1.0);
  if ((flags & FLAG_YUMA3) != 0u) {
    let liquid = (flags & FLAG_LIQUID) != 0u && atomicLoad(&scen[s].anyC) != 0u;
    let lo = scen[s].alphaLow;
    let hi = scen[s].alphaHigh;
    let steep = scen[s].steepness;
    for (var r = 0u; r < R; r++) {
      let wt = penalised(mats[wb + r * nq], c, beta);
      let old = select(zero4, unpackBonds(bonds[ob + r * nq]) / 65535.0, keepOld);
      var bp: vec4<f32>;
      if (liquid) {
        // `mat_ema_alpha_sparse`: only entries present in W̃'s row survive (§5.14).
        let al = liquidAlpha(c, wt.v, old, lo, hi, steep);
        bp = select(zero4, minF(vec4<f32>(1.0), (1.0 - al) * old + maxF(zero4, al * wt.v)), wt.has);
      } else {
        bp = a * wt.v + (1.0 - a) * old;
      }
      mats[bb + r * nq] = bp;
      sum += bp;
    }
  } else {
    // §5.11: B = colnorm(stored u16), ΔB = colnorm(W̃_ij A_i), B' = αΔB + (1 − α)B (column-normalised below).
    var sumB = zero4;
    var sumD = zero4;
    for (var r = 0u; r < R; r++) {
      sumB += select(zero4, unpackBonds(bonds[ob + r * nq]), keepOld);
      sumD += penalised(mats[wb + r * nq], c, beta).v * rowsBuf[rb + r].a;
    }
    let invB = select(vec4<f32>(1.0), 1.0 / sumB, sumB != zero4);
    let invD = select(vec4<f32>(1.0), 1.0 / sumD, sumD != zero4);
    bmax = zero4;
    for (var r = 0u; r < R; r++) {
      let old = select(zero4, unpackBonds(bonds[ob + r * nq]), keepOld) * invB;
      let delta = penalised(mats[wb + r * nq], c, beta).v * rowsBuf[rb + r].a * invD;
      let bp = a * delta + (1.0 - a) * old;
      mats[bb + r * nq] = bp;
      sum += bp;
      bmax = maxF(bmax, bp);
    }
  }
  cols[id].f = select(zero4, cols[id].iRaw / sum, sum > zero4);
  cols[id].bmax = bmax;
}
