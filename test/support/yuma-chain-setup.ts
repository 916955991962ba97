// Shared set-up for the Yuma chain tests (test/unit/yuma-chain*.test.ts, and the GPU's test/browser/yuma-kernel.test.ts
// through yuma-chain-cases.ts): how subtensor's epoch tests (pallets/subtensor/src/tests/epoch.rs @ 14bc6f9f) map onto
// a pure epoch function, and the helpers that play their extrinsics on a YumaState. Both realms, tests only.
//
// Mapping the chain tests onto a pure epoch function:
// - The mock runtime's defaults apply unless a test changes them: Kappa 32767, BondsPenalty 65535,
//   BondsMovingAverage 900 000, MaxAllowedValidators 100, StakeThreshold 0, no subnet owner hotkey (so no owner uid),
//   Yuma3 off (`add_network_disable_commit_reveal` turns it off), commit-reveal off.
// - The effective activity cutoff is ActivityCutoffFactorMilli 13 889 × tempo / 1000 (at least 1): 13 blocks at
//   tempo 1, 1 block at tempo 0, 910 201 at tempo 65 534.
// - `new_test_ext(1)` starts at block 1 and neurons register at the current block (the `block_number` passed to
//   `register` only seeds the proof of work). LastUpdate is 0 until a neuron sets weights; `set_weights` stores the
//   row max-upscaled (`upscale` below) and sets LastUpdate to the current block.
// - `SubtensorModule::epoch` is called by hand, LastMechansimStepBlock stays 0, so the bonds registration mask uses
//   `block − tempo` (saturating), as the reference does.
// - `set_alpha_values_32(0.1, 0.3)` stores AlphaValues (6553, 19660): 0.1·65535 and 0.3·65535 truncated.
// - Re-registering over a uid (`replace_neuron` → `clear_neuron`): new BlockAtRegistration, the new hotkey has no
//   stake, its permit is cleared, its own weights and bonds rows are removed, and every weight *to* it is set to an
//   explicit 0.
import { applyWeightChanges } from '../../src/shared/yuma/simulate.ts';
import type { YumaOutputs, YumaParams, YumaState } from '../../src/shared/yuma/types.ts';

export const U = 65535;
const maxErr: Record<string, number> = {};
export const track = (name: string, err: number) => (maxErr[name] = Math.max(maxErr[name] ?? 0, err));
/** With YUMA_REPORT set, prints the largest error seen per quantity (call from afterAll). */
export function reportMaxErrors() {
  if (process.env.YUMA_REPORT) console.log(JSON.stringify(maxErr, null, 1));
}

/** `vec_u16_max_upscale_to_u16`: scale so the maximum becomes 65535, rounding half away from zero. */
export function upscale(values: number[]): number[] {
  const max = Math.max(...values);
  return max === 0 ? values : values.map((v) => Math.round((v * U) / max));
}

export function freshState(stake: number[], rows: number[], block: number, registeredAt: number): YumaState {
  const n = stake.length;
  return {
    n,
    block,
    stake: Float64Array.from(stake),
    lastUpdate: new Float64Array(n),
    blockAtRegistration: new Float64Array(n).fill(registeredAt),
    validatorPermit: new Uint8Array(n),
    rows: Int32Array.from(rows),
    weights: new Uint16Array(rows.length * n),
    weightMask: new Uint8Array(rows.length * n),
    bonds: new Uint16Array(rows.length * n),
  };
}

/** `set_weights` by `uid` on `uids` at block `at`: the row becomes the max-upscaled values, LastUpdate = at. */
export function setWeights(state: YumaState, uid: number, uids: number[], values: number[], at: number) {
  const up = upscale(values);
  applyWeightChanges(state, { [uid]: Object.fromEntries(uids.map((j, t) => [j, up[t]])) }, 0);
  state.lastUpdate[uid] = at;
}

/** `replace_neuron` over `uid` at block `at` (see the header). */
export function reregister(state: YumaState, uid: number, at: number) {
  const { n } = state;
  state.blockAtRegistration[uid] = at;
  state.stake[uid] = 0;
  state.validatorPermit[uid] = 0;
  state.rows.forEach((i, r) => {
    if (i === uid) {
      state.weightMask.fill(0, r * n, (r + 1) * n);
      state.weights.fill(0, r * n, (r + 1) * n);
      state.bonds.fill(0, r * n, (r + 1) * n);
    } else state.weights[r * n + uid] = 0;
  });
}

export const bond = (o: YumaOutputs, n: number, row: number, uid: number) => o.bonds[row * n + uid];

// ---------------------------------------------------------------------------------------------------------------
// test_yuma_3_*: `setup_yuma_3_scenario` registers n neurons at block 1, sets tempo 1, BondsPenalty 0, steepness
// 1000, BondsMovingAverage 975 000, Kappa 32767, liquid alpha (0.1, 0.3), Yuma3, MaxAllowedValidators 3, then runs
// one epoch without weights (block 2) to hand out permits. Each test epoch sets weights (LastUpdate = the block of
// the previous epoch), moves one block and runs the epoch. Here that setup epoch is simulated epoch 0 and test epoch
// e is simulated epoch e + 1, with weightChanges[e + 1]; the simulator moves tempo + 1 = 2 blocks per epoch instead
// of 1, which changes nothing here (no mask or cutoff sits between those blocks).
// The chain test zips each bonds row with `target_row.iter().skip(3)`, which is empty for these 2- or 3-entry
// targets, so on chain only the dividends are enforced; we check both. Target bond rows list the miners
// (stable_miner: uids 3, 4, 5) or, in liquid_alpha_disabled, uids 2, 3, 4.

export const YUMA3: YumaParams = {
  kappa: 32767,
  bondsPenalty: 0,
  bondsMovingAverage: 975_000,
  yuma3: true,
  liquidAlpha: true,
  alphaLow: 6553,
  alphaHigh: 19660,
  alphaSigmoidSteepness: 1000,
  maxAllowedValidators: 3,
  activityCutoff: 13,
  stakeThreshold: 0,
  tempo: 1,
  ownerUid: null,
  emission: 1e9,
};
