// Subset dominance among N ≤ 256 models over E ≤ 8 environments (the incumbent-advantage duel of Affine's era C
// and era D stage 2). One invocation per model m:
//   1. The duel with each opponent o: the later model of (m, o) wins env e iff lo[later, e] > hi[earlier, e]
//      (both valid), else the earlier one does. That gives two E-bit masks: envs m wins (W) and envs o wins (L),
//      counted into two private 2^E-bin histograms.
//   2. m dominates o on subset s iff s ⊆ W, so dominates[m, s] = Σ over masks T ⊇ s of histW[T]: a superset-sum
//      (zeta) transform, E steps of 2^(E-1) adds. The same over histL gives dominatedBy.
// Why this shape: the direct count is N · 2^E subset tests per model (65k at N = 256, E = 8); the histograms cost
// N increments and the transform E · 2^(E-1) adds. Invocations share nothing, so there are no barriers or
// atomics: on SwiftShader a workgroup-per-model version with workgroup histograms took 3x longer.
// Only float32 comparisons and integer counts: results equal the CPU reference (src/shared/judge/dominance-cpu.ts)
// exactly. Layouts (Params, output) are mirrored in src/shared/gpu/kernels/dominance.ts.

// Invocations (models) per workgroup.
override WG: u32 = 4u;
const BINS: u32 = 256u; // 2^8: masks of up to 8 envs

struct Params {
  models: u32, // N
  envs: u32, // E
  subsets: u32, // 2^E - 1
  _pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// lo and hi as 2 vec4 per model (envs 0..3, 4..7; the host pads missing envs, which validity masks out).
@group(0) @binding(1) var<storage, read> lo: array<vec4<f32>>; // [N * 2]
@group(0) @binding(2) var<storage, read> hi: array<vec4<f32>>; // [N * 2]
@group(0) @binding(3) var<storage, read> valid: array<u32>; // [N]
// [2 * N * subsets]: dominates (model-major, subset s at s - 1), then dominatedBy.
@group(0) @binding(4) var<storage, read_write> out: array<u32>;

const BITS_A = vec4<u32>(1u, 2u, 4u, 8u);
const BITS_B = vec4<u32>(16u, 32u, 64u, 128u);

fn bits(c: vec4<bool>, b: vec4<u32>) -> u32 {
  let v = select(vec4<u32>(0u), b, c);
  return (v.x | v.y) | (v.z | v.w);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let m = gid.x;
  let n = params.models;
  if (m >= n) { return; }
  let bins = params.subsets + 1u;
  var histW: array<u32, BINS>; // zero-initialised, like every WGSL variable
  var histL: array<u32, BINS>;
  let loA = lo[2u * m];
  let loB = lo[2u * m + 1u];
  let hiA = hi[2u * m];
  let hiB = hi[2u * m + 1u];
  let validM = valid[m];

  // Vector loads and compares, 4 envs at a time: a loop over envs cost SwiftShader 5x more.
  for (var o = 0u; o < n; o++) {
    let mEarlier = vec4<bool>(m < o);
    let oLoA = lo[2u * o];
    let oLoB = lo[2u * o + 1u];
    let oHiA = hi[2u * o];
    let oHiB = hi[2u * o + 1u];
    let laterA = select(loA, oLoA, mEarlier) > select(oHiA, hiA, mEarlier);
    let laterB = select(loB, oLoB, mEarlier) > select(oHiB, hiB, mEarlier);
    let both = validM & valid[o];
    let laterWins = (bits(laterA, BITS_A) | bits(laterB, BITS_B)) & both;
    let earlierWins = both & ~laterWins;
    let one = select(1u, 0u, o == m);
    histW[select(laterWins, earlierWins, m < o)] += one;
    histL[select(earlierWins, laterWins, m < o)] += one;
  }

  // Superset sums: the step for bit k adds bin t | bit into bin t, for every t without that bit (j enumerates them
  // by inserting a zero at bit k), so that afterwards bin t counts masks that contain t's bits 0..k.
  for (var k = 0u; k < params.envs; k++) {
    let bit = 1u << k;
    for (var j = 0u; j < bins / 2u; j++) {
      let t = ((j >> k) << (k + 1u)) | (j & (bit - 1u));
      histW[t] += histW[t | bit];
      histL[t] += histL[t | bit];
    }
  }

  let stride = params.subsets;
  for (var t = 1u; t < bins; t++) {
    out[m * stride + t - 1u] = histW[t];
    out[(n + m) * stride + t - 1u] = histL[t];
  }
}
