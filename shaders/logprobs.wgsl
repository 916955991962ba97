// Log-probabilities over logits [rows, vocab]: per row the logsumexp, the target token's log-softmax and the top-K
// (ties to the lower id). One workgroup per row; each invocation owns a contiguous chunk of the row's vec4s.
//   1. Prefix pass over the first 1/PREFIX of each chunk: r = max of the prefix maxima, and T = the K-th largest
//      prefix max. At least K logits are >= T, so every top-K logit is >= T.
//   2. The one full pass: s = sum exp(x - r), and a 32-bit mask of the chunk's segments that may hold a logit >= T.
//   3. Top-K insertion over those segments only; invocation 0 merges the per-invocation lists into the row's
//      top K, whose first entry is the row max M. If M > r + 64, exp(x - r) may have overflowed: a fallback loop
//      redoes the sum (a second full pass, only for rows with a logit far above everything in the prefix).
// Why this shape: SwiftShader (CPU WebGPU) runs every `if` body with lanes masked off instead of skipping it, and
// every loop body at least once, so rare work (insertion, fallback) lives in loops whose trip count is data-driven,
// never in an `if` inside a hot loop; and each loop-carried value costs, hence one bitmask rather than a range.
// Contiguous chunks with 4 vec4 loads per iteration halve its load cost. Rows whose top holds thousands of exact
// ties (constant rows) are correct but slow: every segment is a candidate.
// Layouts (Params, output stride) are mirrored in src/shared/gpu/kernels/logprobs.ts; CPU reference in
// src/shared/logprobs-cpu.ts. No f16, no subgroups: runs on every WebGPU adapter.

// Invocations per workgroup, at least 16: >= K, so that T exists, and >= 3, so that invocations 0..2 can take the
// up to 3 head and 3 tail scalars.
override WG: u32 = 32u;
// Top-k size. An override, not a uniform, so that loops over it have a constant trip count and the private lists
// can live in registers; the host caches one pipeline per k.
override K: u32 = 5u;
const MAX_K: u32 = 16u;
// Pass 1 reads 1/PREFIX of each chunk. Larger: cheaper pass 1, but a looser T and more candidate blocks in pass 3.
override PREFIX: u32 = 8u;
// float32's lowest finite value: the "nothing yet" max and list entry. Logits at or below it count as masked.
// Not -inf: WGSL implementations may assume finite math, and exp(-inf - -inf) would be NaN anyway.
const LOWEST: f32 = -0x1.fffffep+127f;
const NO_TOKEN: u32 = 0xffffffffu;

struct Params {
  vocab: u32,
  rowBase: u32, // global index of this dispatch's first row (targets and output are indexed globally)
  rows: u32, // rows in this dispatch (= workgroups)
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// The dispatch's rows, row-major. vec4 loads; rows need not start on a vec4 boundary (head/tail handled apart).
@group(0) @binding(1) var<storage, read> logits: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> targets: array<u32>;
// Per row, 2 + 2K words: target log-prob, lse, K log-probs (f32 bits), K ids.
@group(0) @binding(3) var<storage, read_write> out: array<u32>;

// 8 * WG * (K + 1) + 8 bytes: 1.5 KiB at WG = 32, K = 5; 8.5 KiB at WG = 64, K = 16 (portable limit: 16 KiB).
var<workgroup> shMax: array<f32, WG>;
var<workgroup> shSum: array<f32, WG>;
var<workgroup> shVal: array<f32, WG * K>;
var<workgroup> shId: array<u32, WG * K>;
var<workgroup> shThr: f32;
var<workgroup> shTop: f32;

var<private> topVal: array<f32, MAX_K>; // sorted descending, ties by ascending id
var<private> topId: array<u32, MAX_K>;
var<private> thr: f32; // T: only logits >= T can be in the row's top K

fn beats(v: f32, i: u32, w: f32, j: u32) -> bool {
  return v > w || (v == w && i < j);
}

// Insert (v, i) into the private sorted top-K list if it belongs there (unmasked, >= T, beats the last entry):
// branch-free compare-and-swap down the list, so it works for ids in any order.
fn offer(v: f32, i: u32) {
  var cv = v;
  var ci = i;
  var live = v >= thr && v > LOWEST;
  for (var j = 0u; j < K; j++) {
    let take = live && beats(cv, ci, topVal[j], topId[j]);
    let ov = topVal[j];
    let oi = topId[j];
    topVal[j] = select(ov, cv, take);
    topId[j] = select(oi, ci, take);
    cv = select(cv, ov, take);
    ci = select(ci, oi, take);
  }
}

fn logitAt(i: u32) -> f32 {
  return logits[i >> 2u][i & 3u];
}

fn max4(v: vec4<f32>) -> f32 {
  return max(max(v.x, v.y), max(v.z, v.w));
}

fn sum4(v: vec4<f32>) -> f32 {
  return (v.x + v.y) + (v.z + v.w);
}

fn offer4(v: vec4<f32>, id: u32) {
  offer(v.x, id);
  offer(v.y, id + 1u);
  offer(v.z, id + 2u);
  offer(v.w, id + 3u);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = wid.x;
  let start = row * params.vocab;
  let end = start + params.vocab;
  // Elements [start, end) = head scalars [start, 4*a4) + whole vec4s [a4, b4) + tail scalars [tailStart, end).
  let a4 = (start + 3u) / 4u;
  let b4 = max(end / 4u, a4);
  let headEnd = min(a4 * 4u, end);
  let tailStart = max(b4 * 4u, headEnd);
  // This invocation's chunk of vec4s, [q0, q1); its ids increase along the chunk, which the tie rule relies on.
  let per = (b4 - a4 + WG - 1u) / WG;
  let q0 = min(a4 + lid * per, b4);
  let q1 = min(q0 + per, b4);
  let hasHead = lid < headEnd - start; // the head and tail scalars go to invocations 0..2
  let headId = start + lid;
  let tailId = tailStart + lid;

  // Pass 1: max over the chunk's prefix (and over the head and tail scalars).
  var mx = LOWEST;
  if (hasHead) { mx = logitAt(headId); }
  if (tailId < end) { mx = max(mx, logitAt(tailId)); }
  let pEnd = min(q0 + (per + PREFIX - 1u) / PREFIX, q1);
  for (var q = q0; q < pEnd; q++) { mx = max(mx, max4(logits[q])); }
  shMax[lid] = mx;
  workgroupBarrier();
  // Invocation 0 picks T, the K-th largest prefix max: the K best prefix maxima are K logits >= T. It inserts only
  // values above its current K-th (a handful); a rank count by every invocation would cost WG^2 on SwiftShader.
  for (var t = 0u; t < K; t++) {
    topVal[t] = LOWEST;
    topId[t] = NO_TOKEN;
  }
  thr = LOWEST;
  var kth = LOWEST;
  var j = 0u;
  let nMax = select(0u, WG, lid == 0u);
  loop {
    loop {
      if (j >= nMax || shMax[j] > kth) { break; }
      j++;
    }
    if (j >= nMax) { break; }
    offer(shMax[j], j);
    kth = topVal[K - 1u];
    j++;
  }
  if (lid == 0u) {
    shThr = topVal[K - 1u];
    shTop = topVal[0];
  }
  workgroupBarrier();
  let r = shTop;
  thr = shThr;
  let rv = vec4<f32>(r);
  let tv = vec4<f32>(thr);
  // A block holds a logit >= T only if its sum of exp(x - r) reaches exp(T - r): testing the sum pass 2 computes
  // anyway is cheaper than comparing every logit. False positives only cost pass 3 a scan. The 0.999 allows for
  // an exp() that is not exactly monotonic (SwiftShader's is a polynomial).
  let hitSum = exp(thr - r) * 0.999;

  // Pass 2: s = sum exp(x - r), and bit i of `hits` set if segment i (vec4s [q0 + i << sh, q0 + (i + 1) << sh))
  // may hold a logit >= T. Segments of at least 4 vec4s, so that no 4-vec4 block straddles two.
  let sh = max(firstLeadingBit(max(per, 1u)), 6u) - 4u; // per >> sh < 32
  var s = 0.0;
  var hits = 0u;
  if (hasHead) { s += exp(logitAt(headId) - r); }
  if (tailId < end) { s += exp(logitAt(tailId) - r); }
  var q = q0;
  for (; q + 4u <= q1; q += 4u) {
    let v0 = logits[q];
    let v1 = logits[q + 1u];
    let v2 = logits[q + 2u];
    let v3 = logits[q + 3u];
    let b = (sum4(exp(v0 - rv)) + sum4(exp(v1 - rv))) + (sum4(exp(v2 - rv)) + sum4(exp(v3 - rv)));
    s += b;
    hits |= select(0u, 1u << ((q - q0) >> sh), b >= hitSum);
  }
  for (; q < q1; q++) {
    let b = sum4(exp(logits[q] - rv));
    s += b;
    hits |= select(0u, 1u << ((q - q0) >> sh), b >= hitSum);
  }

  // Pass 3: top K of the candidates, in increasing id order. The inner loop only looks for the next vec4 holding a
  // logit >= T and above the current K-th value (cheap); the outer one runs the costly insertion for it. Most
  // invocations have no hit segment and run each loop once, masked.
  for (var j = 0u; j < K; j++) {
    topVal[j] = LOWEST;
    topId[j] = NO_TOKEN;
  }
  if (hasHead) { offer(logitAt(headId), lid); }
  var c = 0u;
  var cEnd = 0u;
  kth = LOWEST; // topVal[K - 1]: a later (higher) id must beat it strictly
  loop {
    loop {
      if (c == cEnd) { // next hit segment
        if (hits == 0u) { break; }
        c = q0 + (firstTrailingBit(hits) << sh);
        cEnd = min(c + (1u << sh), q1);
        hits &= hits - 1u;
      }
      let v = logits[c];
      if (any((v >= tv) & (v > vec4<f32>(kth)))) { break; }
      c++;
    }
    if (c == cEnd) { break; }
    offer4(logits[c], c * 4u - start);
    kth = topVal[K - 1u];
    c++;
  }
  if (tailId < end) { offer(logitAt(tailId), tailId - start); }

  for (var j = 0u; j < K; j++) {
    shVal[lid * K + j] = topVal[j];
    shId[lid * K + j] = topId[j];
  }
  workgroupBarrier();
  // Invocation 0 merges the WG sorted lists. Loop bounds are 0 elsewhere: on SwiftShader a uniform loop inside
  // `if (lid == 0u)` would still run, masked, in every subgroup. Same split as pass 3: a cheap scan for the next
  // entry that beats the current K-th (skipping the rest of a list at its first loser), then the insertion.
  // Lists are not in global id order (invocations 0..2 also hold the head and tail scalars): offer() compares ids.
  let n = select(0u, WG * K, lid == 0u);
  j = 0u;
  var ki = NO_TOKEN;
  kth = LOWEST;
  for (var t = 0u; t < K; t++) {
    topVal[t] = LOWEST;
    topId[t] = NO_TOKEN;
  }
  loop {
    loop {
      if (j >= n || beats(shVal[j], shId[j], kth, ki)) { break; }
      j = (j / K + 1u) * K;
    }
    if (j >= n) { break; }
    offer(shVal[j], shId[j]);
    kth = topVal[K - 1u];
    ki = topId[K - 1u];
    j++;
  }
  if (lid == 0u) { shTop = max(topVal[0], r); }
  workgroupBarrier();

  // The row max is the top-1 (it is >= T). Far above r, exp(x - r) may have overflowed: redo the sum against M.
  let rowMax = shTop;
  let redo = rowMax > r + 64.0;
  let mv = vec4<f32>(rowMax);
  var s2 = 0.0;
  if (hasHead) { s2 += exp(logitAt(headId) - rowMax); }
  if (tailId < end) { s2 += exp(logitAt(tailId) - rowMax); }
  for (var c = select(q1, q0, redo); c < q1; c++) { s2 += sum4(exp(logits[c] - mv)); }
  shSum[lid] = select(s * exp(r - rowMax), s2, redo);
  workgroupBarrier();

  if (lid == 0u) {
    var total = 0.0;
    for (var j = 0u; j < select(0u, WG, lid == 0u); j++) { total += shSum[j]; }
    let logS = log(total);
    let g = params.rowBase + row;
    let o = g * (2u + 2u * K);
    // (x - max) - log s rather than x - lse: exact at the row's max even when |logits| ~ 1e4.
    out[o] = bitcast<u32>((logitAt(start + targets[g]) - rowMax) - logS);
    out[o + 1u] = bitcast<u32>(rowMax + logS);
    for (var j = 0u; j < select(0u, K, lid == 0u); j++) {
      out[o + 2u + j] = bitcast<u32>((topVal[j] - rowMax) - logS);
      out[o + 2u + K + j] = topId[j];
    }
  }
}
