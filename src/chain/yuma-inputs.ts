// What Yuma Consensus reads for one subnet (chain.md §5), from the chain: the hyperparameters by name, and per uid
// stake, activity, registration block, permits, weights and bonds, as the simulator's `YumaParams`/`YumaState`
// (src/shared/yuma/types.ts). Stake and emission are converted from rao to alpha units. UI realm (needs an ApiPromise).
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { YumaParams, YumaState } from '../shared/yuma/types.ts';
import { epochIndexModulo } from './weights/reveal-window.ts';
import type { Metagraph } from './metagraph.ts';

const RAO = 1e9;

type Query = ((...args: unknown[]) => Promise<Codec>) & { multi(args: unknown[]): Promise<Codec[]> };

export class YumaInputsError extends Error {
  override name = 'YumaInputsError';
}

function item(api: ApiPromise, name: string): Query {
  const found = api.query.subtensorModule?.[name];
  if (!found) throw new YumaInputsError(`This runtime has no SubtensorModule.${name}: cannot read Yuma's inputs.`);
  return found as unknown as Query;
}

const num = (c: Codec) => Number(c.toString());
const pairs = (c: Codec) => (c as unknown as Codec[][]).map(([a, b]) => [num(a!), num(b!)] as const);

/**
 * The block the subnet's next epoch runs at under the modulo scheduler (§2.5): the last block of the current epoch
 * index, where `(b + netuid + 1) mod (tempo + 1) = tempo`.
 */
export function nextEpochBlock(block: number, netuid: number, tempo: number): number {
  return (epochIndexModulo(block, netuid, tempo) + 1) * (tempo + 1) - (netuid + 1) - 1;
}

/** Reads the inputs of subnet `mg.netuid`'s next epoch (mechanism 0) on top of an already loaded metagraph. */
export async function readYumaInputs(
  api: ApiPromise,
  mg: Metagraph,
): Promise<{ params: YumaParams; state: YumaState }> {
  const netuid = mg.netuid;
  const n = mg.rows.length;
  const uids = mg.rows.map((r) => r.uid);
  const keys = uids.map((uid) => [netuid, uid]);
  const optional = (name: string) => api.query.subtensorModule?.[name] as unknown as Query | undefined;
  const cutoffFactor = optional('activityCutoffFactorMilli');
  const [kappa, penalty, average, yuma3, liquid, alphas, steepness, maxValidators, cutoff, factor] = await Promise.all([
    item(api, 'kappa')(netuid),
    item(api, 'bondsPenalty')(netuid),
    item(api, 'bondsMovingAverage')(netuid),
    item(api, 'yuma3On')(netuid),
    item(api, 'liquidAlphaOn')(netuid),
    item(api, 'alphaValues')(netuid),
    item(api, 'alphaSigmoidSteepness')(netuid),
    item(api, 'maxAllowedValidators')(netuid),
    // Generation A stores the cutoff in blocks, generation B a factor of the tempo (§5.1).
    cutoffFactor ? Promise.resolve(null) : item(api, 'activityCutoff')(netuid),
    cutoffFactor ? cutoffFactor(netuid) : Promise.resolve(null),
  ]);
  const [weightRows, bondRows, registered] = await Promise.all([
    n ? item(api, 'weights').multi(keys) : Promise.resolve([]),
    n ? item(api, 'bonds').multi(keys) : Promise.resolve([]),
    n ? item(api, 'blockAtRegistration').multi(keys) : Promise.resolve([]),
  ]);
  const tempo = mg.params.tempo;
  const [alphaLow, alphaHigh] = (alphas as unknown as Codec[]).map(num) as [number, number];
  const owner = mg.params.subnetOwnerHotkey;
  const ownerRow = owner === null ? undefined : mg.rows.find((r) => r.hotkey === owner);
  const emission = mg.rows.reduce((s, r) => s + Number(r.emission), 0) / RAO;
  const params: YumaParams = {
    kappa: num(kappa!),
    bondsPenalty: num(penalty!),
    bondsMovingAverage: num(average!),
    yuma3: yuma3!.toString() === 'true',
    liquidAlpha: liquid!.toString() === 'true',
    alphaLow,
    alphaHigh,
    alphaSigmoidSteepness: num(steepness!),
    maxAllowedValidators: num(maxValidators!),
    activityCutoff: factor ? Math.max(1, Math.floor((num(factor) * tempo) / 1000)) : num(cutoff!),
    stakeThreshold: Number(mg.params.stakeThreshold) / RAO,
    tempo,
    ownerUid: ownerRow?.uid ?? null,
    // The last epoch's total emission; 1 (shares) when the subnet emitted nothing.
    emission: emission > 0 ? emission : 1,
  };

  // Only validators hold weights or bonds: their rows are kept, ascending by uid.
  const w = weightRows.map(pairs);
  const b = bondRows.map(pairs);
  const rows = uids.filter((uid) => w[uid]!.length > 0 || b[uid]!.length > 0);
  const weights = new Uint16Array(rows.length * n);
  const weightMask = new Uint8Array(rows.length * n);
  const bonds = new Uint16Array(rows.length * n);
  rows.forEach((uid, r) => {
    // Entries for uids ≥ n (left by a shrunk subnet) are ignored, as the epoch does.
    for (const [j, v] of w[uid]!)
      if (j < n) {
        weights[r * n + j] = v;
        weightMask[r * n + j] = 1;
      }
    for (const [j, v] of b[uid]!) if (j < n) bonds[r * n + j] = v;
  });
  const state: YumaState = {
    n,
    block: tempo > 0 ? nextEpochBlock(mg.block, netuid, tempo) : mg.block,
    stake: Float64Array.from(mg.rows, (r) => Number(r.stake) / RAO),
    lastUpdate: Float64Array.from(mg.rows, (r) => r.lastUpdate),
    blockAtRegistration: Float64Array.from(registered, num),
    validatorPermit: Uint8Array.from(mg.rows, (r) => (r.validatorPermit ? 1 : 0)),
    rows: Int32Array.from(rows),
    weights,
    weightMask,
    bonds,
  };
  return { params, state };
}
