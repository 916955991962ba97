// CPU reference for the subset-dominance kernel (shaders/dominance.wgsl): for every model and every non-empty
// subset of environments, how many models it dominates and how many dominate it, under the incumbent-advantage
// duel of Affine's era C and era D stage 2. Only float32 comparisons are involved, so the GPU's counts equal these
// exactly. Pure; both realms.

/** Largest number of models (the kernel gives each model's opponents one invocation each, in one workgroup). */
export const DOMINANCE_MAX_MODELS = 256;
/** Largest number of environments (subsets are bitmasks of at most 8 bits: 255 subsets). */
export const DOMINANCE_MAX_ENVS = 8;

export interface DominanceInput {
  /** N, 1..256 models in priority order: index 0 committed earliest (sort by (firstBlock, uid) first). */
  models: number;
  /** E, 1..8 environments. */
  envs: number;
  /** [N·E], row-major by model: the value a challenger must beat (era D: mean; era C: lower interval bound). */
  lo: Float32Array;
  /** [N·E]: the bar an earlier model sets (era D: threshold + 1e-9; era C: upper interval bound). */
  hi: Float32Array;
  /** [N]: bit e set when the model has a valid result on env e (lo and hi of invalid envs are ignored). */
  validMask: Uint32Array;
}

export interface DominanceResult {
  /** 2^E − 1: subsets per model; subset s (1 ≤ s < 2^E, bit e = env e) sits at index s − 1. */
  subsets: number;
  /** [N·(2^E − 1)]: dominates[m·(2^E − 1) + s − 1] = number of models m dominates on subset s. */
  dominates: Uint32Array;
  /** [N·(2^E − 1)]: number of models that dominate m on s; 0 means m is on the frontier of s. */
  dominatedBy: Uint32Array;
}

/**
 * Checks shapes, ranges and values; shared by the CPU and GPU paths so both refuse the same inputs.
 * @throws RangeError naming the first bad argument.
 */
export function checkDominanceInput(input: DominanceInput): void {
  const { models: n, envs: e, lo, hi, validMask } = input;
  if (!Number.isInteger(n) || n < 1 || n > DOMINANCE_MAX_MODELS) {
    throw new RangeError(`models must be a whole number from 1 to ${DOMINANCE_MAX_MODELS}, got ${n}`);
  }
  if (!Number.isInteger(e) || e < 1 || e > DOMINANCE_MAX_ENVS) {
    throw new RangeError(`envs must be a whole number from 1 to ${DOMINANCE_MAX_ENVS}, got ${e}`);
  }
  if (!(lo instanceof Float32Array) || lo.length !== n * e)
    throw new RangeError(`lo must be a Float32Array of ${n * e}`);
  if (!(hi instanceof Float32Array) || hi.length !== n * e)
    throw new RangeError(`hi must be a Float32Array of ${n * e}`);
  if (!(validMask instanceof Uint32Array) || validMask.length !== n) {
    throw new RangeError(`validMask must be a Uint32Array of ${n}`);
  }
  for (let m = 0; m < n; m++) {
    if (validMask[m]! >>> e !== 0) throw new RangeError(`validMask[${m}] has bits at or above envs (${e})`);
    // WGSL may assume finite floats; NaN would make every comparison false on one side and undefined on the other.
    for (let j = 0; j < e; j++) {
      if (validMask[m]! & (1 << j) && !(Number.isFinite(lo[m * e + j]!) && Number.isFinite(hi[m * e + j]!))) {
        throw new RangeError(`model ${m}, env ${j} is valid but lo or hi is not finite`);
      }
    }
  }
}

/**
 * Envs on which the earlier model i keeps its place against the later j (among the envs valid for both): i wins
 * env e unless lo[j, e] > hi[i, e]. Returns [i wins, j wins] as bitmasks.
 */
export function duelMasks(input: DominanceInput, i: number, j: number): [number, number] {
  const { envs: e, lo, hi, validMask } = input;
  const both = validMask[i]! & validMask[j]!;
  let later = 0;
  for (let k = 0; k < e; k++) if (lo[j * e + k]! > hi[i * e + k]!) later |= 1 << k;
  later &= both;
  return [both & ~later, later];
}

/**
 * For every model m and non-empty env subset s: the number of models m dominates on s (m wins every env of s,
 * all valid for both) and the number that dominate m. Pass 1 computes, per ordered pair, the mask of envs the
 * first model wins; pass 2 counts, per (model, subset), the opponents whose mask contains s.
 * @throws RangeError for bad inputs (see checkDominanceInput).
 */
export function dominanceCpu(input: DominanceInput): DominanceResult {
  checkDominanceInput(input);
  const { models: n, envs: e } = input;
  const subsets = (1 << e) - 1;
  // beats[m·N + o]: envs on which m wins its duel with o (both valid).
  const beats = new Uint8Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [iWins, jWins] = duelMasks(input, i, j);
      beats[i * n + j] = iWins;
      beats[j * n + i] = jWins;
    }
  }
  const result: DominanceResult = {
    subsets,
    dominates: new Uint32Array(n * subsets),
    dominatedBy: new Uint32Array(n * subsets),
  };
  for (let m = 0; m < n; m++) {
    for (let s = 1; s <= subsets; s++) {
      let wins = 0;
      let losses = 0;
      for (let o = 0; o < n; o++) {
        if (o === m) continue;
        if ((s & ~beats[m * n + o]!) === 0) wins++;
        if ((s & ~beats[o * n + m]!) === 0) losses++;
      }
      result.dominates[m * subsets + s - 1] = wins;
      result.dominatedBy[m * subsets + s - 1] = losses;
    }
  }
  return result;
}
