// Seeded random Yuma scenarios for the GPU-vs-CPU test and bench (UI realm, pure): every feature the kernel has to
// get right shows up with some probability (Yuma3 with and without liquid alpha, the original bonds, bonds penalty
// 0 / 1 / between, explicit zeros, inactive validators, stake below the threshold, permits that change, the owner's
// self-weight, miners registered after a weight was set or after the last epoch, weight changes between epochs),
// plus the comparison of two runs' outputs. Random float stakes keep the consensus off exact κ ties.
import { OUT_FIELDS } from '../../../src/shared/gpu/kernels/yuma/layout.ts';
import type { YumaOutputs, YumaParams, YumaScenario } from '../../../src/shared/yuma/types.ts';
import { rng } from './context.ts';

export interface ScenarioShape {
  n: number;
  rows: number;
  epochs: number;
}

/** What a batch exercised, so a test can assert it covered each feature. */
export interface Coverage {
  yuma3: number;
  liquid: number;
  original: number;
  betaZero: number;
  betaOne: number;
  betaBetween: number;
  explicitZeros: number;
  inactive: number;
  belowThreshold: number;
  weightChanges: number;
  owners: number;
}

export function emptyCoverage(): Coverage {
  return {
    yuma3: 0,
    liquid: 0,
    original: 0,
    betaZero: 0,
    betaOne: 0,
    betaBetween: 0,
    explicitZeros: 0,
    inactive: 0,
    belowThreshold: 0,
    weightChanges: 0,
    owners: 0,
  };
}

/** One random scenario; `cov` counts what it contains. `changeRate` is the share of rows re-set per epoch. */
export function randomScenario(seed: number, shape: ScenarioShape, cov = emptyCoverage(), changeRate = 0.15) {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const { n, rows: R, epochs } = shape;
  const kind = pick(['yuma3', 'liquid', 'original'] as const);
  const tempo = int(1, 400);
  const block = int(20_000, 100_000);
  const cutoff = int(500, 5000);
  const lo = int(1000, 40_000);
  const params: YumaParams = {
    kappa: int(20_000, 45_000),
    bondsPenalty: pick([0, 65535, int(1, 65534)]),
    bondsMovingAverage: int(500_000, 990_000),
    yuma3: kind !== 'original',
    liquidAlpha: kind === 'liquid' || (kind === 'original' && rand() < 0.5), // ignored on the original path
    alphaLow: lo,
    alphaHigh: int(lo, 65535),
    alphaSigmoidSteepness: pick([int(1, 3000), int(-500, 500)]),
    maxAllowedValidators: rand() < 0.5 ? int(1, Math.max(1, R)) : n + 5,
    activityCutoff: cutoff,
    stakeThreshold: 0,
    tempo,
    ownerUid: rand() < 0.5 ? int(0, n - 1) : null,
    emission: rand() < 0.5 ? 1 : rand() * 1000,
  };
  // Rows: R distinct uids, ascending; the owner among them half the time it exists.
  const uidsShuffled = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
  const rows = Int32Array.from(uidsShuffled.slice(0, R)).sort();
  if (params.ownerUid !== null && rand() < 0.5 && !rows.includes(params.ownerUid)) {
    rows[0] = params.ownerUid;
    rows.sort();
  }
  const stake = new Float64Array(n);
  for (let u = 0; u < n; u++) {
    const isRow = rows.includes(u);
    stake[u] = rand() < (isRow ? 0.05 : 0.4) ? 0 : Math.exp(rand() * 8) * (isRow ? 10 : 1);
  }
  // Equal stakes now and then: the permit boundary's tie rule (the higher uid keeps it).
  if (rand() < 0.3) for (let k = 0; k < 6; k++) stake[int(0, n - 1)] = stake[int(0, n - 1)]!;
  // A threshold that zeroes a few stakes (the owner's is exempt).
  const sorted = [...stake].filter((x) => x > 0).sort((a, b) => a - b);
  if (rand() < 0.7 && sorted.length) params.stakeThreshold = sorted[Math.floor(rand() * sorted.length * 0.3)]! * 1.0001;
  const lastUpdate = new Float64Array(n);
  const blockAtRegistration = new Float64Array(n);
  const validatorPermit = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    // Some validators inactive (last update older than the cutoff), most recent.
    lastUpdate[u] = rand() < 0.12 ? block - cutoff - int(1, 5000) : block - int(1, Math.min(cutoff, 3 * tempo + 2));
    // Some miners registered after some validators set weights (outdated weights), a few after the last epoch.
    const r = rand();
    blockAtRegistration[u] =
      r < 0.8 ? int(0, block - cutoff - 5001) : r < 0.9 ? block - int(1, 200) : block - int(0, tempo);
    validatorPermit[u] = rand() < 0.7 ? 1 : 0;
    if (stake[u]! > 0 && stake[u]! < params.stakeThreshold && u !== params.ownerUid) cov.belowThreshold++;
    if (lastUpdate[u]! + cutoff < block && rows.includes(u)) cov.inactive++;
  }
  // A validator's row: listed entries only, an explicit 0 a tenth of the time.
  const randomRow = (): Record<number, number> => {
    const density = pick([0.1, 0.5, 0.9, 1]);
    const row: Record<number, number> = {};
    for (let j = 0; j < n; j++) {
      if (rand() >= density) continue;
      const zero = rand() < 0.1;
      if (zero) cov.explicitZeros++;
      row[j] = zero ? 0 : int(1, 65535);
    }
    return row;
  };
  const weights = new Uint16Array(R * n);
  const weightMask = new Uint8Array(R * n);
  const bonds = new Uint16Array(R * n);
  for (let r = 0; r < R; r++) {
    for (const [j, v] of Object.entries(randomRow())) {
      weights[r * n + Number(j)] = v;
      weightMask[r * n + Number(j)] = 1;
    }
    for (let j = 0; j < n; j++) if (rand() < 0.4) bonds[r * n + j] = int(1, 65535);
  }
  // Weight changes: a share of the rows re-set before some epochs.
  const weightChanges: Record<number, Record<number, Record<number, number>>> = {};
  for (let e = 0; e < epochs; e++) {
    for (let r = 0; r < R; r++) {
      if (rand() >= changeRate) continue;
      (weightChanges[e] ??= {})[rows[r]!] = randomRow();
      cov.weightChanges++;
    }
  }
  cov[kind]++;
  cov[params.bondsPenalty === 0 ? 'betaZero' : params.bondsPenalty === 65535 ? 'betaOne' : 'betaBetween']++;
  if (params.ownerUid !== null) cov.owners++;
  const scenario: YumaScenario = {
    params,
    state: { n, block, stake, lastUpdate, blockAtRegistration, validatorPermit, rows, weights, weightMask, bonds },
    epochs,
    weightChanges,
  };
  return scenario;
}

export interface Comparison {
  mismatches: string[];
  /** Largest |gpu − cpu| over the float outputs, and over bonds / 65535. */
  maxErr: number;
  maxBondUnits: number;
  /** Per field, for the report. */
  maxErrBy: Record<string, number>;
  /** Epochs whose permits differ between P_old and P_new somewhere (permits changing). */
  permitChanges: number;
  /** Consensus values > 0 seen (the case was not trivial). */
  nonZeroConsensus: number;
}

export function emptyComparison(): Comparison {
  return { mismatches: [], maxErr: 0, maxBondUnits: 0, maxErrBy: {}, permitChanges: 0, nonZeroConsensus: 0 };
}

/** The kernel's output fields but the permit (compared exactly, not within a tolerance). */
const FLOAT_FIELDS = OUT_FIELDS.filter(
  (f): f is Exclude<(typeof OUT_FIELDS)[number], 'validatorPermit'> => f !== 'validatorPermit',
);

/** GPU outputs against the CPU's, epoch by epoch: floats within `tol` (emission relative to E), bonds within tol. */
export function compareOutputs(
  label: string,
  scenario: YumaScenario,
  gpu: YumaOutputs[],
  cpu: YumaOutputs[],
  c: Comparison,
  tol = 1e-4,
): void {
  const note = (msg: string) => c.mismatches.length < 30 && c.mismatches.push(`${label}: ${msg}`);
  if (gpu.length !== cpu.length) note(`${gpu.length} epochs on the GPU, ${cpu.length} on the CPU`);
  const scale = Math.max(1, scenario.params.emission);
  let prevPermit = scenario.state.validatorPermit;
  for (let e = 0; e < Math.min(gpu.length, cpu.length); e++) {
    const g = gpu[e]!;
    const r = cpu[e]!;
    for (const f of FLOAT_FIELDS) {
      const s = f === 'emission' ? scale : 1;
      let worst = 0;
      for (let u = 0; u < r[f].length; u++) {
        const err = Math.abs(g[f][u]! - r[f][u]!) / s;
        if (!(err <= tol)) note(`epoch ${e} ${f}[${u}]: gpu ${g[f][u]} cpu ${r[f][u]}`);
        else worst = Math.max(worst, err);
        if (f === 'consensus' && r[f][u]! > 0) c.nonZeroConsensus++;
      }
      c.maxErrBy[f] = Math.max(c.maxErrBy[f] ?? 0, worst);
      c.maxErr = Math.max(c.maxErr, worst);
    }
    for (let u = 0; u < r.validatorPermit.length; u++) {
      if (g.validatorPermit[u] !== r.validatorPermit[u])
        note(`epoch ${e} validatorPermit[${u}]: gpu ${g.validatorPermit[u]} cpu ${r.validatorPermit[u]}`);
    }
    if (r.validatorPermit.some((p, u) => p !== prevPermit[u])) c.permitChanges++;
    prevPermit = r.validatorPermit;
    let worstUnits = 0;
    for (let k = 0; k < r.bonds.length; k++) {
      const d = Math.abs(g.bonds[k]! - r.bonds[k]!);
      if (!(d / 65535 <= tol))
        note(
          `epoch ${e} bonds[row ${Math.floor(k / scenario.state.n)}, ${k % scenario.state.n}]: gpu ${g.bonds[k]} cpu ${r.bonds[k]}`,
        );
      else worstUnits = Math.max(worstUnits, d);
    }
    c.maxBondUnits = Math.max(c.maxBondUnits, worstUnits);
    c.maxErrBy.bonds = Math.max(c.maxErrBy.bonds ?? 0, worstUnits / 65535);
  }
}
