// Percentile bootstrap of per-cell means (a cell = one model on one environment). One workgroup per cell:
//   1. Invocations take resamples four at a time (quads lid, lid + WG, ...): n draws each from the counter-based
//      hash and float32 index (a mirror of src/shared/judge/counter-rng.ts), gathered from a workgroup copy of the
//      cell's values when it fits (n <= LOCAL_N), summed in float32 in draw order, stored in `scratch` as
//      order-preserving u32 keys (negative floats flipped whole, positive ones get the sign bit set, so u32
//      order = float order).
//   2. Radix select over the bits where the keys differ (from their AND and OR), most significant first, up to 8
//      bits per round: a 256-bin histogram (private per invocation, then merged with workgroup atomics) of the
//      keys that share the prefix found so far, for both target ranks at once; invocation 0 then walks the bins
//      to the one holding each rank. After at most 4 rounds the prefixes are the exact keys at ranks `lower` and
//      `upper`. After the first round the keys under the two prefixes are copied to workgroup memory when they fit,
//      and the later rounds scan only them.
// Sums and ranks match the CPU reference (src/shared/judge/bootstrap-cpu.ts) bit for bit: the same draws, float32
// adds in the same order (WGSL's + and * are correctly rounded; inputs are finite), exact order statistics. The host
// divides by n (no WGSL division, which is not correctly rounded). Layouts mirrored in
// src/shared/gpu/kernels/bootstrap.ts. No f16, no subgroups: runs on every WebGPU adapter.

// Invocations per workgroup.
override WG: u32 = 4u;
const WEYL: u32 = 0x9e3779b9u;
const BINS: u32 = 256u;
// Cells of at most this many values are copied to workgroup memory (8 KiB) and gathered from there: on SwiftShader
// that made the kernel about 10% faster than gathering from the storage buffer. Larger cells read `values`.
const LOCAL_N: u32 = 2048u;
// Keys left after the first selection round are copied to that same workgroup array (as u32) when at most this
// many remain; an override so tests can force the storage-buffer path with a tiny cap.
override CAND_CAP: u32 = 2048u;

struct Params {
  cellBase: u32, // global index of this dispatch's first cell (hash counters and output use global indices)
  resamples: u32, // B
  seed: u32,
  lower: u32, // rank of the lower bound among the B sorted sums
  upper: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> values: array<f32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>; // [C + 1], global
// [cells in this dispatch * B] keys; reused by every dispatch.
@group(0) @binding(3) var<storage, read_write> scratch: array<u32>;
// [C * 2], global: the keys of the sums at ranks lower and upper.
@group(0) @binding(4) var<storage, read_write> out: array<u32>;

var<workgroup> hist: array<atomic<u32>, 512>; // bins 0..255: lower rank; 256..511: upper rank (if prefixes differ)
// Phase 1: this cell's values (f32 bits) when n <= LOCAL_N. Phase 2: the keys still in play after round 1.
var<workgroup> local: array<u32, LOCAL_N>;
var<workgroup> candN: atomic<u32>;
var<workgroup> shCount: u32;
var<workgroup> shAnd: atomic<u32>; // AND and OR of every key: bits where they agree are common to all keys
var<workgroup> shOr: atomic<u32>;
var<workgroup> shBits: vec2<u32>; // (AND, OR) once known, read with workgroupUniformLoad: loop bounds depend on it
var<workgroup> shPrefix: vec2<u32>;
var<workgroup> shRank: vec2<u32>;

fn lowbias32(v: u32) -> u32 {
  var x = v;
  x ^= x >> 16u;
  x *= 0x7feb352du;
  x ^= x >> 15u;
  x *= 0x846ca68bu;
  x ^= x >> 16u;
  return x;
}

// indexOf(drawHash(c), n) of counter-rng.ts in each lane, scale = n * 2^-32: lowbias32's first two rounds, then the
// top 24 bits as an exact float32, one correctly rounded multiply, floor, and the float-to-int by adding 2^23 (exact
// below 2^23; n <= 2^16) instead of a u32() conversion, which SwiftShader does slowly. On SwiftShader a shift costs
// about ten times a multiply, a conversion or a float op (it shifts vectors lane by lane): this has two shifts where
// an integer multiply-shift index after the whole lowbias32 had five, and made the kernel 27% faster.
fn drawIndex4(c: vec4<u32>, scale: f32) -> vec4<u32> {
  var x = c;
  x ^= x >> vec4<u32>(16u);
  x *= vec4<u32>(0x7feb352du);
  x ^= x >> vec4<u32>(15u);
  x *= vec4<u32>(0x846ca68bu);
  let p = floor(vec4<f32>(x & vec4<u32>(0xffffff00u)) * scale);
  return bitcast<vec4<u32>>(p + vec4<f32>(0x1p23f)) - vec4<u32>(0x4b000000u);
}

fn orderKey(f: f32) -> u32 {
  let bits = bitcast<u32>(f);
  return bits ^ select(0x80000000u, 0xffffffffu, (bits >> 31u) == 1u);
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let cell = params.cellBase + wid.x;
  let start = offsets[cell];
  let n = offsets[cell + 1u] - start;
  let nb = params.resamples;
  let base = wid.x * nb;

  if (lid == 0u) {
    atomicStore(&shAnd, 0xffffffffu);
    atomicStore(&shOr, 0u);
  }
  if (n <= LOCAL_N) {
    for (var t = lid; t < n; t += WG) { local[t] = bitcast<u32>(values[start + t]); }
  }
  workgroupBarrier();

  // 1. Resample sums, four resamples per invocation (4q .. 4q + 3) in the lanes of a vec4: SwiftShader pays for
  // every loop iteration's lane-mask bookkeeping and waits on each float add, so four independent chains per
  // iteration cost little more than one. The draw counter advances by WEYL per draw (key + k * WEYL without the
  // multiply); each lane adds in draw order, as the CPU does. On SwiftShader a draw costs mostly its two shifts and
  // its gather (see drawIndex4). Tried and dropped: eight resamples per invocation (15% slower), two draws per hash
  // (see the README).
  let cellKey = lowbias32(lowbias32(params.seed) ^ cell);
  var kAnd = 0xffffffffu;
  var kOr = 0u;
  let quads = (nb + 3u) / 4u;
  let scale = f32(n) * 0x1p-32f; // exact: n < 2^24
  for (var q = lid; q < quads; q += WG) {
    let b = 4u * q;
    var c = vec4<u32>(lowbias32(cellKey ^ b), lowbias32(cellKey ^ (b + 1u)), lowbias32(cellKey ^ (b + 2u)),
                      lowbias32(cellKey ^ (b + 3u)));
    var s = vec4<f32>(0.0);
    if (n <= LOCAL_N) {
      for (var k = 0u; k < n; k++) {
        let i = drawIndex4(c, scale);
        s += bitcast<vec4<f32>>(vec4<u32>(local[i.x], local[i.y], local[i.z], local[i.w]));
        c += vec4<u32>(WEYL);
      }
    } else {
      for (var k = 0u; k < n; k++) {
        let i = start + drawIndex4(c, scale);
        s += vec4<f32>(values[i.x], values[i.y], values[i.z], values[i.w]);
        c += vec4<u32>(WEYL);
      }
    }
    // The last quad may run past B: those lanes are computed, not stored.
    for (var j = 0u; j < min(4u, nb - b); j++) {
      let key = orderKey(s[j]);
      scratch[base + b + j] = key;
      kAnd &= key;
      kOr |= key;
    }
  }
  atomicAnd(&shAnd, kAnd);
  atomicOr(&shOr, kOr);
  workgroupBarrier(); // also orders the scratch writes above before the reads below
  if (lid == 0u) { shBits = vec2<u32>(atomicLoad(&shAnd), atomicLoad(&shOr)); }
  let bitsAndOr = workgroupUniformLoad(&shBits);

  // 2. Radix select of ranks lower and upper over the bits where keys differ, [lowBit, top], up to 8 per round
  // from the top; bits above and below are common to all keys. While both ranks share a prefix (always in the
  // first round), one histogram serves both: the costly first round does one atomic per key, not two.
  let agreed = bitsAndOr.x;
  let diff = agreed ^ bitsAndOr.y;
  let lowBit = select(firstTrailingBit(diff), 32u, diff == 0u);
  var hiBit = select(firstLeadingBit(diff) + 1u, 0u, diff == 0u); // bits [hiBit, 32) are known
  var prefix = vec2<u32>(select(agreed & ~((1u << hiBit) - 1u), 0u, hiBit == 32u));
  var rank = vec2<u32>(params.lower, params.upper);
  let nScan = select(0u, BINS, lid == 0u); // invocation 0 walks the bins; 0 elsewhere (see logprobs.wgsl)
  // After the first round only the keys under the two prefixes matter (with bootstrap sums, a few dozen of
  // 10,000): when they fit, they are copied to `local` and the later rounds scan them instead of all B keys
  // (2,048 cells, B = 10,000: 1.7 s -> 1.1 s at n = 4, a few percent at n = 100). `keys` counts the keys scanned.
  var inLocal = false;
  var keys = nb;
  loop {
    if (hiBit <= lowBit) { break; }
    let width = min(8u, hiBit - lowBit);
    let shift = hiBit - width;
    let known = select(~((1u << hiBit) - 1u), 0u, hiBit == 32u);
    let same = prefix.x == prefix.y;
    for (var t = lid; t < 2u * BINS; t += WG) { atomicStore(&hist[t], 0u); }
    // Private histograms first, merged with 2 · 256 atomics per invocation: on SwiftShader a workgroup atomic
    // per key made the selection 2.4x slower. Zeroed by hand: SwiftShader did not redo the implicit
    // zero-initialisation of a `var` declared in a loop on each iteration (the counts came out wrong).
    var h1: array<u32, BINS>;
    var h2: array<u32, BINS>;
    for (var d = 0u; d < BINS; d++) {
      h1[d] = 0u;
      h2[d] = 0u;
    }
    let inY = select(1u, 0u, same);
    for (var b = lid; b < keys; b += WG) {
      var key: u32;
      if (inLocal) { key = local[b]; } else { key = scratch[base + b]; }
      let digit = (key >> shift) & 0xffu;
      h1[digit] += select(0u, 1u, ((key ^ prefix.x) & known) == 0u);
      h2[digit] += select(0u, inY, ((key ^ prefix.y) & known) == 0u);
    }
    workgroupBarrier();
    for (var d = 0u; d < BINS; d++) {
      atomicAdd(&hist[d], h1[d]);
      atomicAdd(&hist[BINS + d], h2[d]);
    }
    workgroupBarrier();
    var r = rank;
    var p = prefix;
    var found = vec2<bool>(false);
    var count = vec2<u32>(0u); // keys in the bin each rank fell in
    for (var d = 0u; d < nScan; d++) {
      let hx = atomicLoad(&hist[d]);
      let h = vec2<u32>(hx, select(atomicLoad(&hist[BINS + d]), hx, same));
      let here = !found & (r < h);
      p = select(p, p | vec2<u32>(d << shift), here);
      count = select(count, h, here);
      found |= here;
      r = select(r - h, r, found);
    }
    if (lid == 0u) {
      shPrefix = p;
      shRank = r;
      shCount = count.x + select(count.y, 0u, p.x == p.y);
      atomicStore(&candN, 0u);
    }
    workgroupBarrier();
    prefix = shPrefix;
    rank = shRank;
    hiBit = shift;
    let left = workgroupUniformLoad(&shCount); // also: everyone has read shPrefix before it is written again
    if (!inLocal && hiBit > lowBit && left <= CAND_CAP) {
      let knownNow = ~((1u << hiBit) - 1u);
      for (var b = lid; b < nb; b += WG) {
        let key = scratch[base + b];
        if (((key ^ prefix.x) & knownNow) == 0u || ((key ^ prefix.y) & knownNow) == 0u) {
          local[atomicAdd(&candN, 1u)] = key;
        }
      }
      workgroupBarrier();
      inLocal = true;
      keys = left;
    }
  }
  // Bits below lowBit are the same in every key.
  let low = select((1u << lowBit) - 1u, 0xffffffffu, lowBit == 32u);
  prefix |= vec2<u32>(agreed & low);
  if (lid == 0u) {
    out[2u * cell] = prefix.x;
    out[2u * cell + 1u] = prefix.y;
  }
}
