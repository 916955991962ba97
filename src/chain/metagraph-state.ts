// Turns a metagraph read into the per-hotkey `ChainState` that preflight.ts checks weights against, and finds a
// hotkey's row whatever SS58 prefix the wallet used. Both realms, pure.
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import type { ChainState } from './weights/preflight.ts';
import type { Metagraph, MetagraphRow } from './metagraph.ts';

/** The account's public key as hex, or null when `address` is not an SS58 address or hex key. */
export function publicKeyHex(address: string): string | null {
  try {
    return u8aToHex(decodeAddress(address));
  } catch {
    return null;
  }
}

/** The row of `hotkey` (compared by public key: the wallet and the node may use different SS58 prefixes). */
export function rowOf(metagraph: Metagraph, hotkey: string): MetagraphRow | undefined {
  const key = publicKeyHex(hotkey);
  return key === null ? undefined : metagraph.rows.find((r) => publicKeyHex(r.hotkey) === key);
}

/**
 * The `ChainState` for `hotkey` on the metagraph's subnet at `block` (usually `metagraph.block`; a later head
 * block moves the rate limit on).
 */
export function chainStateFor(metagraph: Metagraph, hotkey: string, block = metagraph.block): ChainState {
  const p = metagraph.params;
  const row = rowOf(metagraph, hotkey);
  const key = publicKeyHex(hotkey);
  const owner = p.subnetOwnerHotkey;
  const pending = Object.entries(metagraph.pendingCommits).find(([who]) => publicKeyHex(who) === key)?.[1] ?? 0;
  return {
    block,
    netuid: metagraph.netuid,
    subnetExists: p.exists,
    mechanismCount: p.mechanismCount,
    subnetworkN: p.subnetworkN,
    hotkeyUid: row?.uid ?? null,
    isSubnetOwner: key !== null && owner !== null && publicKeyHex(owner) === key,
    alphaStake: row?.alphaStake ?? 0n,
    taoStake: row?.taoStake ?? 0n,
    taoWeight: p.taoWeight,
    stakeThreshold: p.stakeThreshold,
    weightsVersionKey: p.weightsVersionKey,
    lastUpdate: row?.lastUpdate ?? 0,
    weightsSetRateLimit: p.weightsSetRateLimit,
    validatorPermit: row?.validatorPermit ?? false,
    minAllowedWeights: p.minAllowedWeights,
    maxWeightLimit: p.maxWeightsLimit,
    commitRevealEnabled: p.commitRevealWeightsEnabled,
    commitRevealVersion: p.commitRevealWeightsVersion,
    unrevealedCommits: pending,
    drandLastStoredRound: metagraph.drandLastStoredRound,
  };
}
