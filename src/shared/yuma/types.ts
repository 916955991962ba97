// The Yuma Consensus simulator's data (chain.md §5): one subnet's hyperparameters, the state an epoch reads (stake,
// activity, permits, weights, bonds) and what it writes and reports. Shared by the float64 CPU reference, the
// float32 WGSL batch and the UI/CLI. Weights and bonds are kept for `rows` only (the uids that hold weights or
// bonds, i.e. the validators), as row-major `rows.length × n` arrays: every other row is empty on chain anyway.
// Both realms, no I/O.
//
// Entry points (one module each): `runEpochCpu(params, state) → { outputs, next }` (float64 reference, epoch-cpu.ts),
// `simulateCpu(scenario) → YumaOutputs[]` (simulate.ts), `parseScenario(json) → YumaScenario` (scenario-json.ts),
// and on the GPU `simulateGpu(device, scenarios) → YumaOutputs[][]` (src/shared/gpu/kernels/yuma.ts).

/** Subnet hyperparameters as the chain stores them (u16 shares of 65535, blocks, parts per million). */
export interface YumaParams {
  /** `Kappa` (u16; default 32767 → 0.49999). */
  kappa: number;
  /** `BondsPenalty` (u16; 65535 → β = 1). */
  bondsPenalty: number;
  /** `BondsMovingAverage` (parts per 10⁶; 900 000 → α = 0.1). */
  bondsMovingAverage: number;
  /** `Yuma3On`: Yuma3 bonds (§5.10) or the original ones (§5.11). */
  yuma3: boolean;
  /** `LiquidAlphaOn` with `AlphaValues` (u16 low, high) and `AlphaSigmoidSteepness`. */
  liquidAlpha: boolean;
  alphaLow: number;
  alphaHigh: number;
  alphaSigmoidSteepness: number;
  /** `MaxAllowedValidators`: the top-k stake gets the permits. */
  maxAllowedValidators: number;
  /** Activity cutoff in blocks (§5.1, already resolved for the runtime generation). */
  activityCutoff: number;
  /** `StakeThreshold`, in the same unit as `YumaState.stake`. */
  stakeThreshold: number;
  /** `Tempo`: an epoch runs every tempo + 1 blocks, so the simulator moves `block` on by tempo + 1 per epoch. */
  tempo: number;
  /** The subnet owner's uid (exempt from the stake threshold, keeps a permit and its self-weight), or null. */
  ownerUid: number | null;
  /** Alpha emitted to the subnet per epoch (`E` of §5.12), in alpha units; 1 gives emission shares. */
  emission: number;
}

/** What one epoch reads. Arrays are per uid (length n) unless said otherwise. */
export interface YumaState {
  n: number;
  /** The block the epoch runs at. */
  block: number;
  /** Stake per uid with the TAO weight applied (`alpha + tao · TaoWeight`, §5.2), before the threshold. */
  stake: Float64Array;
  lastUpdate: Float64Array;
  blockAtRegistration: Float64Array;
  /** `ValidatorPermit` from the last epoch (P_old). */
  validatorPermit: Uint8Array;
  /** The uids whose weights and bonds are kept, ascending; row r of `weights`/`bonds` belongs to `rows[r]`. */
  rows: Int32Array;
  /** Stored u16 weight values, `rows.length × n`, row-major. */
  weights: Uint16Array;
  /** 1 where row r lists uid j (an explicit 0 is listed: it keeps a Yuma3 bond alive, §5.14). */
  weightMask: Uint8Array;
  /** Stored u16 bonds, `rows.length × n`, row-major (0 = no bond). */
  bonds: Uint16Array;
}

/** What one epoch reports (floats in [0, 1], as the chain's fixed-point before u16 quantisation). */
export interface YumaOutputs {
  /** Normalised stake S after the threshold. */
  stake: Float64Array;
  activeStake: Float64Array;
  consensus: Float64Array;
  incentive: Float64Array;
  dividends: Float64Array;
  validatorTrust: Float64Array;
  /** Emission per uid, in the unit of `YumaParams.emission`. */
  emission: Float64Array;
  /** New permits (P_new). */
  validatorPermit: Uint8Array;
  /** Bonds as stored after the epoch (u16), `rows.length × n`. */
  bonds: Uint16Array;
}

/**
 * A simulation: the starting state, then per epoch optional weight changes (row uid → u16 values by uid, listed
 * entries only) applied before that epoch runs, as a `set_weights` (or a reveal) in the blocks before it would.
 */
export interface YumaScenario {
  params: YumaParams;
  state: YumaState;
  epochs: number;
  /** Epoch index → validator uid → its new weights {uid: u16 value}; also moves that uid's `lastUpdate`. */
  weightChanges?: Record<number, Record<number, Record<number, number>>>;
}
