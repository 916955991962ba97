// The Yuma epoch's vector and row passes (prepended with yuma_common.wgsl; the column passes are in
// yuma_consensus.wgsl and yuma_bonds.wgsl). Order within one epoch, all in one command encoder:
//   applyChanges (only in epochs with weight changes) → activeStake → normalizeRows (only when Wn can change) →
//   consensus → bonds → rowSums → finish.
// Per-scenario passes loop over the n uids in one invocation (n ≤ a few thousand; no barriers); row passes take
// one invocation per (scenario, weight row) and loop over the row's column quads.

@group(0) @binding(8) var<storage, read> changes: array<u32>;

// A weight change (`set_weights` before this epoch): record k of this epoch is [scenario, row, lastUpdate, 0] then
// the row's 4 nq values (f32 bits, −1 = not listed). One invocation per (record, column quad).
@compute @workgroup_size(WG)
fn applyChanges(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = flatIndex(g, nw);
  let nq = dims.nq;
  if (i >= epoch.changeCount * nq) { return; }
  let k = i / nq;
  let q = i % nq;
  let base = (epoch.changeBase + k) * (4u + 4u * nq);
  let s = changes[base];
  let r = changes[base + 1u];
  let v = base + 4u + 4u * q;
  mats[quadRow(0u, s * dims.rows + r) + q] = bitcast<vec4<f32>>(
    vec4<u32>(changes[v], changes[v + 1u], changes[v + 2u], changes[v + 3u]),
  );
  if (q == 0u) {
    uids[s * dims.n + rowsBuf[s * dims.rows + r].uid].lastUpdate = bitcast<i32>(changes[base + 2u]);
  }
}

// §5.1, §5.4: activity, P_old, active stake A = normalize(S masked), in exact fixed point for the consensus and in
// float32 for everything else; copies S and P_new (static) into this epoch's outputs. One invocation per scenario.
@compute @workgroup_size(WG)
fn activeStake(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let s = flatIndex(g, nw);
  if (s >= dims.scenarios) { return; }
  let n = dims.n;
  let base = s * n;
  // inactive ⇔ lastUpdate + cutoff < block
  let oldest = epochBlock(s) - scen[s].cutoff;
  var sum = vec2<u32>(0u);
  var zero = vec2<u32>(0u);
  for (var u = 0u; u < n; u++) {
    let i = base + u;
    let on = uids[i].lastUpdate >= oldest && permitOld(s, i, u);
    let st = select(vec2<u32>(0u), vec2<u32>(uids[i].stakeLo, uids[i].stakeHi), on);
    sum = add64(sum, st);
    if (uids[i].rowOf < 0) { zero = add64(zero, st); }
  }
  let total = toF32(sum);
  let none = isZero64(sum);
  for (var u = 0u; u < n; u++) {
    let i = base + u;
    let on = uids[i].lastUpdate >= oldest && permitOld(s, i, u);
    let st = select(vec2<u32>(0u), vec2<u32>(uids[i].stakeLo, uids[i].stakeHi), on);
    let a = select(toF32(st) / total, 0.0, none || isZero64(st));
    uids[i].a = a;
    outs[outIndex(s, OUT_STAKE, u)] = uids[i].s;
    outs[outIndex(s, OUT_ACTIVE, u)] = a;
    outs[outIndex(s, OUT_PERMIT, u)] = f32(uids[i].pnew);
    let r = uids[i].rowOf;
    if (r >= 0) {
      let ri = s * dims.rows + u32(r);
      rowsBuf[ri].a = a;
      rowsBuf[ri].uLo = st.x;
      rowsBuf[ri].uHi = st.y;
    }
  }
  scen[s].sumU = sum;
  scen[s].zeroU = zero;
  scen[s].kappaT = mul64x16(sum, scen[s].kappaU16);
  scen[s].zeroA = select(toF32(zero) / total, 0.0, none);
  atomicStore(&scen[s].anyC, 0u);
}

// §5.5: the weights as the epoch sees them: rows without P_old dropped, the diagonal dropped except the owner's
// self-weight, entries set before the miner registered dropped, then row-normalised (a row of explicit zeros stays
// present). Written to Wn as −1 (absent) or the value. One invocation per (scenario, row), or, when only the changed
// rows can differ from last epoch's Wn, per change record.
@compute @workgroup_size(WG)
fn normalizeRows(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  var i = flatIndex(g, nw);
  if (epoch.changedRowsOnly != 0u) {
    if (i >= epoch.changeCount) { return; }
    let base = (epoch.changeBase + i) * (4u + 4u * dims.nq);
    i = changes[base] * dims.rows + changes[base + 1u];
  }
  if (i >= dims.scenarios * dims.rows) { return; }
  let s = i / dims.rows;
  let u = rowsBuf[i].uid;
  let ub = s * dims.n;
  let live = permitOld(s, ub + u, u);
  let selfOk = vec4<bool>(i32(u) == scen[s].owner);
  let updated = vec4<i32>(uids[ub + u].lastUpdate);
  let wb = quadRow(0u, i);
  let nb = quadRow(dims.wnBase, i);
  let cb = s * dims.nq;
  var sum = vec4<f32>(0.0);
  for (var q = 0u; q < dims.nq; q++) {
    let raw = mats[wb + q];
    let ok = (raw >= vec4<f32>(0.0)) & (updated > cols[cb + q].bar) & ((LANES + 4u * q != vec4<u32>(u)) | selfOk);
    sum += select(vec4<f32>(0.0), raw, ok);
  }
  let total = sum.x + sum.y + sum.z + sum.w;
  let inv = select(1.0, 1.0 / total, total > 0.0);
  for (var q = 0u; q < dims.nq; q++) {
    let raw = mats[wb + q];
    let ok = (raw >= vec4<f32>(0.0)) & (updated > cols[cb + q].bar) & ((LANES + 4u * q != vec4<u32>(u)) | selfOk);
    mats[nb + q] = select(vec4<f32>(-1.0), raw * inv, ok & vec4<bool>(live));
  }
}

// §5.8 validator trust, the dividends' row sums (§5.10.4 / §5.11.4) and §5.13 the stored bonds: u16 B' for rows
// with P_new (Yuma3: floor(B'·65535); original: column-max-upscaled first), written two per word into the bonds
// region the next epoch reads. One invocation per (scenario, row).
@compute @workgroup_size(WG)
fn rowSums(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = flatIndex(g, nw);
  if (i >= dims.scenarios * dims.rows) { return; }
  let s = i / dims.rows;
  let u = rowsBuf[i].uid;
  let keep = uids[s * dims.n + u].pnew != 0u;
  let nb = quadRow(dims.wnBase, i);
  let bb = quadRow(dims.bpBase, i);
  let ob = quadRow((epoch.e + 1u) * dims.scenarios * dims.rows * dims.nq, i);
  let cb = s * dims.nq;
  var tv = vec4<f32>(0.0);
  var d = vec4<f32>(0.0);
  for (var q = 0u; q < dims.nq; q++) {
    // Field by field: a whole Cols (five vec4s) would be loaded lane by lane.
    let bmax = cols[cb + q].bmax;
    tv += clippedValue(mats[nb + q], cols[cb + q].c);
    let bp = mats[bb + q];
    d += bp * cols[cb + q].f;
    let scaled = select(minF(floor(bp * 65535.0 / bmax), vec4<f32>(65535.0)), vec4<f32>(65535.0), bp >= bmax);
    bonds[ob + q] = packBonds(select(vec4<u32>(0u), wholeToU32(scaled), (bp > vec4<f32>(0.0)) & vec4<bool>(keep)));
  }
  rowsBuf[i].tv = tv.x + tv.y + tv.z + tv.w;
  let dd = d.x + d.y + d.z + d.w;
  rowsBuf[i].d = select(dd, dd * rowsBuf[i].a, (scen[s].flags & FLAG_YUMA3) != 0u);
}

// §5.8 incentive, §5.10.4 / §5.11.4 dividends, §5.12 emission (normalize(I + D) · E, else A · E, else S · E), and
// validator trust, into this epoch's outputs. One invocation per scenario.
@compute @workgroup_size(WG)
fn finish(@builtin(global_invocation_id) g: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let s = flatIndex(g, nw);
  if (s >= dims.scenarios) { return; }
  let n = dims.n;
  let cb = s * n;
  let rb = s * dims.rows;
  var sumI = 0.0;
  var anyA = false;
  for (var j = 0u; j < n; j++) {
    sumI += cols[s * dims.nq + j / 4u].iRaw[j % 4u];
    anyA = anyA || uids[cb + j].a != 0.0;
  }
  var sumD = 0.0;
  for (var r = 0u; r < dims.rows; r++) { sumD += rowsBuf[rb + r].d; }
  let invI = select(1.0, 1.0 / sumI, sumI != 0.0);
  let invD = select(1.0, 1.0 / sumD, sumD != 0.0);
  var sumE = 0.0;
  for (var u = 0u; u < n; u++) {
    let r = uids[cb + u].rowOf;
    let inc = cols[s * dims.nq + u / 4u].iRaw[u % 4u] * invI;
    var div = 0.0;
    var tv = 0.0;
    if (r >= 0) {
      div = rowsBuf[rb + u32(r)].d * invD;
      tv = rowsBuf[rb + u32(r)].tv;
    }
    outs[outIndex(s, OUT_INCENTIVE, u)] = inc;
    outs[outIndex(s, OUT_DIVIDENDS, u)] = div;
    outs[outIndex(s, OUT_TRUST, u)] = tv;
    sumE += inc + div;
  }
  let e = scen[s].emission;
  for (var u = 0u; u < n; u++) {
    var x: f32;
    if (sumE != 0.0) {
      x = (outs[outIndex(s, OUT_INCENTIVE, u)] + outs[outIndex(s, OUT_DIVIDENDS, u)]) / sumE;
    } else if (anyA) {
      x = uids[cb + u].a;
    } else {
      x = uids[cb + u].s;
    }
    outs[outIndex(s, OUT_EMISSION, u)] = x * e;
  }
}
