// Shared by every Yuma epoch pass (prepended to yuma_setup/yuma_epoch/yuma_consensus/yuma_bonds.wgsl): the one bind
// group all passes share, its structs, the invocation index, and 64-bit unsigned helpers (vec2<u32>: x = low word,
// y = high word) for the exact stake sums the consensus decides on. A batch holds S scenarios of n uids and R weight
// rows each (the validators, `YumaState.rows`); one chain of passes runs K epochs on the GPU. Columns (miners) are
// handled four at a time as vec4 "quads" (rows padded to nq · 4 columns): on SwiftShader a load costs far more than
// the arithmetic, so one vec4 load per row beats four scalar ones. Layouts mirrored in
// src/shared/gpu/kernels/yuma/layout.ts (struct sizes, packers, binding indices).

// Invocations per workgroup: every pass is a flat map over its invocations (no barriers, no workgroup memory).
override WG: u32 = 64u;

struct Dims {
  scenarios: u32, // S
  n: u32,
  rows: u32, // R
  nq: u32, // column quads per row: ceil(n / 4); rows and per-uid outputs are padded to 4 · nq
  epochs: u32, // K
  wnBase: u32, // offset (in vec4) of the masked, row-normalised weights Wn in `mats`
  bpBase: u32, // offset (in vec4) of the new bonds B' (before quantisation) in `mats`
  _pad: u32,
}

// Per epoch, bound with a dynamic offset (one 256-byte slot per epoch).
struct Epoch {
  e: u32,
  changeBase: u32, // first record of this epoch's weight changes in `changes`
  changeCount: u32,
  changedRowsOnly: u32, // 1: normalizeRows redoes only the rows of this epoch's change records (see the host)
}

// Per scenario: its parameters (host-written) and per-epoch scalars (GPU-written).
struct Scen {
  kappa: f32, // Kappa / 65535
  kappaU16: u32, // Kappa
  beta: f32, // BondsPenalty / 65535
  alphaFixed: f32, // 1 − BondsMovingAverage / 10⁶
  alphaLow: f32,
  alphaHigh: f32,
  steepness: f32, // AlphaSigmoidSteepness / 100
  emission: f32,
  flags: u32, // bit 0: Yuma3; bit 1: liquid alpha
  maxValidators: u32,
  owner: i32, // −1: none
  cutoff: i32, // activity cutoff in blocks
  block0: i32, // block of epoch 0; epoch e runs at block0 + e (tempo + 1)
  tempo: i32,
  thresholdLo: u32, // stake threshold in the stake's fixed-point unit (see yuma_setup.wgsl)
  thresholdHi: u32,
  // Written each epoch by the activeStake pass:
  sumU: vec2<u32>, // Σ active stake (fixed point)
  zeroU: vec2<u32>, // active stake of uids without a weight row: they vote 0 for every miner
  kappaT: vec2<u32>, // Kappa · sumU: consensus needs stake(W ≥ s) · 65535 ≥ kappaT
  zeroA: f32, // zeroU / sumU
  anyC: atomic<u32>, // some C_j ≠ 0 this epoch (liquid alpha needs it)
}

struct Uid {
  stakeLo: u32, // stake in fixed point (setup: zeroed below the threshold unless owner)
  stakeHi: u32,
  bar: i32, // BlockAtRegistration (the column passes read their copy in Cols.bar)
  rowOf: i32, // weight row of this uid, or −1
  permit0: u32, // ValidatorPermit before epoch 0
  lastUpdate: i32,
  s: f32, // normalised stake S (setup)
  pnew: u32, // P_new (setup; static: S does not change between epochs)
  a: f32, // active stake A (per epoch)
}

struct Row {
  uid: u32,
  a: f32, // A of the row's uid
  uLo: u32, // active stake of the row's uid, fixed point (0: not a voter)
  uHi: u32,
  tv: f32, // validator trust
  d: f32, // dividend before normalisation
  _pad0: u32,
  _pad1: u32,
}

// Four columns (miners) 4q … 4q + 3 of one scenario.
struct Cols {
  c: vec4<f32>, // consensus; read as the first pivot of the next epoch's search (−1: none yet)
  iRaw: vec4<f32>, // Σ_i A_i W̄_ij, before normalisation
  f: vec4<f32>, // dividend factor: iRaw / Σ_i B'_ij
  bmax: vec4<f32>, // B'_ij / bmax is stored as u16: 1 for Yuma3, max_i B'_ij for the original bonds
  bar: vec4<i32>, // BlockAtRegistration (static; padding columns: never registered before anything)
}

@group(0) @binding(0) var<uniform> dims: Dims;
@group(0) @binding(1) var<storage, read_write> scen: array<Scen>; // [S]
@group(0) @binding(2) var<storage, read_write> uids: array<Uid>; // [S · n]
@group(0) @binding(3) var<storage, read_write> rowsBuf: array<Row>; // [S · R]
@group(0) @binding(4) var<storage, read_write> cols: array<Cols>; // [S · nq]
// [S · R · nq] raw weights (u16 value, −1 = not listed), then Wn at wnBase (−1 = absent), then B' at bpBase.
@group(0) @binding(5) var<storage, read_write> mats: array<vec4<f32>>;
// [(K + 1) · S · R · nq]: the stored u16 bonds read by epoch e at region e, two per word (low half first).
@group(0) @binding(6) var<storage, read_write> bonds: array<vec2<u32>>;
// [K · S · OUT_FIELDS · 4 nq]: per epoch, scenario and field, one value per uid.
@group(0) @binding(7) var<storage, read_write> outs: array<f32>;
@group(1) @binding(0) var<uniform> epoch: Epoch;

const OUT_STAKE = 0u;
const OUT_ACTIVE = 1u;
const OUT_CONSENSUS = 2u;
const OUT_INCENTIVE = 3u;
const OUT_DIVIDENDS = 4u;
const OUT_TRUST = 5u;
const OUT_EMISSION = 6u;
const OUT_PERMIT = 7u;
const OUT_FIELDS = 8u;
const FLAG_YUMA3 = 1u;
const FLAG_LIQUID = 2u;
const LANES = vec4<u32>(0u, 1u, 2u, 3u);

// Flat invocation index over a 2-D grid of workgroups (x first): dispatches can exceed 65535 workgroups.
fn flatIndex(g: vec3<u32>, nw: vec3<u32>) -> u32 {
  return g.x + g.y * nw.x * WG;
}

fn outIndex(s: u32, field: u32, u: u32) -> u32 {
  return ((epoch.e * dims.scenarios + s) * OUT_FIELDS + field) * 4u * dims.nq + u;
}

// Index of the first quad of row `row` (= s · R + r) of the region starting at `base`.
fn quadRow(base: u32, row: u32) -> u32 {
  return base + row * dims.nq;
}

fn unpackBonds(w: vec2<u32>) -> vec4<f32> {
  // The high halves masked in place and scaled by 2^-16, exactly: SwiftShader shifts vector lanes one at a time
  // (about ten times the cost of a multiply).
  let halves = vec4<u32>(w.x, w.x, w.y, w.y) & vec4<u32>(0xffffu, 0xffff0000u, 0xffffu, 0xffff0000u);
  return vec4<f32>(halves) * vec4<f32>(1.0, 0x1p-16f, 1.0, 0x1p-16f);
}

// q holds u16 values; the high ones are placed by a multiply rather than a shift (see unpackBonds).
fn packBonds(q: vec4<u32>) -> vec2<u32> {
  return vec2<u32>(q.x | (q.y * 0x10000u), q.z | (q.w * 0x10000u));
}

// A whole float in [0, 2^23) as u32: adding 2^23 puts it in the low mantissa bits. On SwiftShader u32() of a float
// costs about five times this (WGSL's conversion saturates and checks its range).
fn wholeToU32(x: vec4<f32>) -> vec4<u32> {
  return bitcast<vec4<u32>>(x + vec4<f32>(0x1p23f)) - vec4<u32>(0x4b000000u);
}

// min and max of finite values as a compare and a select: on SwiftShader WGSL's min() and max() (which must handle
// NaN) cost about 2.3x a select, and the Yuma passes' hot loops are made of them (consensus pass: 575 → 470 ms).
fn minF(a: vec4<f32>, b: vec4<f32>) -> vec4<f32> {
  return select(b, a, a < b);
}

fn maxF(a: vec4<f32>, b: vec4<f32>) -> vec4<f32> {
  return select(b, a, a > b);
}

fn clampF(x: vec4<f32>, lo: vec4<f32>, hi: vec4<f32>) -> vec4<f32> {
  return minF(maxF(x, lo), hi);
}

// §5.7 clipping as a value: min(W, C), 0 where W is absent (−1) or removed (W > C = 0).
fn clippedValue(w: vec4<f32>, c: vec4<f32>) -> vec4<f32> {
  return select(minF(w, c), vec4<f32>(0.0), w < vec4<f32>(0.0));
}

fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}

// a ≥ b
fn ge64(a: vec2<u32>, b: vec2<u32>) -> bool {
  return a.y > b.y || (a.y == b.y && a.x >= b.x);
}

// a · k for k < 2¹⁶, assuming the product fits 64 bits: 16-bit limbs keep every partial product under 2³².
fn mul64x16(a: vec2<u32>, k: u32) -> vec2<u32> {
  let p0 = (a.x & 0xffffu) * k;
  let p1 = (a.x >> 16u) * k + (p0 >> 16u);
  let p2 = (a.y & 0xffffu) * k + (p1 >> 16u);
  let p3 = (a.y >> 16u) * k + (p2 >> 16u);
  return vec2<u32>((p0 & 0xffffu) | (p1 << 16u), (p2 & 0xffffu) | (p3 << 16u));
}

fn toF32(a: vec2<u32>) -> f32 {
  return f32(a.y) * 4294967296.0 + f32(a.x);
}

fn isZero64(a: vec2<u32>) -> bool {
  return (a.x | a.y) == 0u;
}

// P_old of uid u (index s · n + u) at the current epoch: the stored permits at epoch 0, then P_new (static); the
// owner always holds one.
fn permitOld(s: u32, i: u32, u: u32) -> bool {
  let p = select(uids[i].pnew, uids[i].permit0, epoch.e == 0u) != 0u;
  return p || i32(u) == scen[s].owner;
}

fn epochBlock(s: u32) -> i32 {
  return scen[s].block0 + i32(epoch.e) * (scen[s].tempo + 1);
}
