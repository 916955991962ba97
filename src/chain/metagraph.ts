// Reads one subnet's metagraph from storage (chain.md §4.2): the per-UID rows a validator looks at and the
// hyperparameters the weights flow needs (§2.10), by name, at the head block. Storage rather than the runtime APIs of
// §4.1 because each item is one plain value a test can script and an older or newer runtime can lack by name.
// UI realm (needs a connected ApiPromise); also runs in Node tests.
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { epochIndexModulo } from './weights/reveal-window.ts';

/** One neuron of the subnet. Stakes are rao (alpha on this subnet; TAO is the hotkey's root alpha). */
export interface MetagraphRow {
  uid: number;
  /** SS58 (the connection's format). */
  hotkey: string;
  /** `Owner[hotkey]`, SS58. */
  coldkey: string;
  /** Stake that counts for weights: `alphaStake + taoStake · TaoWeight / u64::MAX` (rao). */
  stake: bigint;
  alphaStake: bigint;
  taoStake: bigint;
  validatorPermit: boolean;
  /** Block of the UID's last weights write or commit (0 = never). */
  lastUpdate: number;
  /** u16 proportions (× 65535), as stored. */
  incentive: number;
  dividends: number;
  /** Alpha rao per epoch. */
  emission: bigint;
}

/** The subnet and global values the weights flow reads (§2.3, §2.7, §2.10). */
export interface SubnetParams {
  /** `NetworksAdded[netuid]`. */
  exists: boolean;
  subnetworkN: number;
  tempo: number;
  weightsVersionKey: bigint;
  weightsSetRateLimit: number;
  minAllowedWeights: number;
  /** `MaxWeightsLimit[netuid]` (u16); u16::MAX means no limit. */
  maxWeightsLimit: number;
  commitRevealWeightsEnabled: boolean;
  /** Global `CommitRevealWeightsVersion`. */
  commitRevealWeightsVersion: number;
  revealPeriodEpochs: number;
  mechanismCount: number;
  /** Global `StakeThreshold`, rao. */
  stakeThreshold: bigint;
  /** Global `TaoWeight` (u64::MAX = 1). */
  taoWeight: bigint;
  /** SS58, or null when unset (the all-zero account). */
  subnetOwnerHotkey: string | null;
}

export interface Metagraph {
  netuid: number;
  /** Head block the values were read at. */
  block: number;
  /** `Timestamp.Now` of that block, ms (0 when the chain reports none). */
  timestampMs: number;
  /** `Drand.LastStoredRound`. */
  drandLastStoredRound: number;
  params: SubnetParams;
  rows: MetagraphRow[];
  /** Hotkeys (SS58) with their number of timelocked commits in the current epoch's bucket (generation A epoch). */
  pendingCommits: Record<string, number>;
}

/** The runtime lacks an item this read needs: a different chain or a runtime this client does not know yet. */
export class MetagraphError extends Error {
  override name = 'MetagraphError';
}

export const U64_MAX = (1n << 64n) - 1n;

type Query = (...args: unknown[]) => Promise<Codec>;
type MultiQuery = Query & { multi(args: unknown[]): Promise<Codec[]> };

/** `api.query[pallet][item]`, or a MetagraphError naming what is missing. */
function item(api: ApiPromise, pallet: string, name: string): MultiQuery {
  const found = api.query[pallet]?.[name];
  if (!found) throw new MetagraphError(`This runtime has no ${pallet}.${name}: wrong network, or a newer runtime.`);
  return found as unknown as MultiQuery;
}

const num = (c: Codec) => Number(c.toString());
const big = (c: Codec) => BigInt(c.toString());
const list = (c: Codec) => c as unknown as Codec[];

async function readParams(api: ApiPromise, netuid: number): Promise<SubnetParams> {
  const sm = (name: string) => item(api, 'subtensorModule', name);
  const [exists, n, tempo, vk, rate, minW, maxW, cr, crv, rp, mech, threshold, taoWeight, owner] = await Promise.all([
    sm('networksAdded')(netuid),
    sm('subnetworkN')(netuid),
    sm('tempo')(netuid),
    sm('weightsVersionKey')(netuid),
    sm('weightsSetRateLimit')(netuid),
    sm('minAllowedWeights')(netuid),
    sm('maxWeightsLimit')(netuid),
    sm('commitRevealWeightsEnabled')(netuid),
    sm('commitRevealWeightsVersion')(),
    sm('revealPeriodEpochs')(netuid),
    sm('mechanismCountCurrent')(netuid),
    sm('stakeThreshold')(),
    sm('taoWeight')(),
    sm('subnetOwnerHotkey')(netuid),
  ]);
  return {
    exists: exists.toString() === 'true',
    subnetworkN: num(n),
    tempo: num(tempo),
    weightsVersionKey: big(vk),
    weightsSetRateLimit: num(rate),
    minAllowedWeights: num(minW),
    maxWeightsLimit: num(maxW),
    commitRevealWeightsEnabled: cr.toString() === 'true',
    commitRevealWeightsVersion: num(crv),
    revealPeriodEpochs: num(rp),
    mechanismCount: num(mech),
    stakeThreshold: big(threshold),
    taoWeight: big(taoWeight),
    // An unset owner decodes as the all-zero account.
    subnetOwnerHotkey: owner.isEmpty ? null : owner.toString(),
  };
}

/**
 * Reads subnet `netuid` at the head: hyperparameters, then every UID's keys, stake and per-UID vectors.
 * @throws MetagraphError when the runtime lacks one of the items (by name), or the netuid is not a u16.
 */
export async function readMetagraph(api: ApiPromise, netuid: number): Promise<Metagraph> {
  if (!Number.isInteger(netuid) || netuid < 0 || netuid > 65535)
    throw new MetagraphError(`Netuid must be an integer 0…65535, got ${netuid}.`);
  const sm = (name: string) => item(api, 'subtensorModule', name);
  const [header, params, now, lastRound] = await Promise.all([
    api.rpc.chain.getHeader(),
    readParams(api, netuid),
    item(api, 'timestamp', 'now')(),
    item(api, 'drand', 'lastStoredRound')(),
  ]);
  const block = header.number.toNumber();
  const uids = Array.from({ length: params.subnetworkN }, (_, uid) => uid);
  // Mechanism 0: its storage index is the netuid itself (§2.1).
  const [keys, permits, lastUpdates, incentives, dividends, emissions] = await Promise.all([
    uids.length ? sm('keys').multi(uids.map((uid) => [netuid, uid])) : Promise.resolve([]),
    sm('validatorPermit')(netuid).then(list),
    sm('lastUpdate')(netuid).then(list),
    sm('incentive')(netuid).then(list),
    sm('dividends')(netuid).then(list),
    sm('emission')(netuid).then(list),
  ]);
  const hotkeys = keys.map((k) => k.toString());
  const [coldkeys, alphas, taos, commits] = await Promise.all([
    hotkeys.length ? sm('owner').multi(hotkeys) : Promise.resolve([]),
    hotkeys.length ? sm('totalHotkeyAlpha').multi(hotkeys.map((h) => [h, netuid])) : Promise.resolve([]),
    hotkeys.length ? sm('totalHotkeyAlpha').multi(hotkeys.map((h) => [h, 0])) : Promise.resolve([]),
    params.tempo > 0
      ? sm('timelockedWeightCommits')(netuid, epochIndexModulo(block, netuid, params.tempo)).then(list)
      : Promise.resolve([]),
  ]);
  const rows = uids.map((uid): MetagraphRow => {
    const alphaStake = big(alphas[uid]!);
    const taoStake = big(taos[uid]!);
    return {
      uid,
      hotkey: hotkeys[uid]!,
      coldkey: coldkeys[uid]!.toString(),
      stake: alphaStake + (taoStake * params.taoWeight) / U64_MAX,
      alphaStake,
      taoStake,
      // Per-UID vectors can be shorter than SubnetworkN right after a registration: missing means the default.
      validatorPermit: permits[uid]?.toString() === 'true',
      lastUpdate: lastUpdates[uid] ? num(lastUpdates[uid]) : 0,
      incentive: incentives[uid] ? num(incentives[uid]) : 0,
      dividends: dividends[uid] ? num(dividends[uid]) : 0,
      emission: emissions[uid] ? big(emissions[uid]) : 0n,
    };
  });
  const pendingCommits: Record<string, number> = {};
  for (const entry of commits) {
    const who = list(entry)[0]!.toString();
    pendingCommits[who] = (pendingCommits[who] ?? 0) + 1;
  }
  return {
    netuid,
    block,
    timestampMs: num(now),
    drandLastStoredRound: num(lastRound),
    params,
    rows,
    pendingCommits,
  };
}
