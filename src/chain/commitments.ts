// Affine's miner commitments (affine-envs.md §7.1–7.2): each hotkey reveals `{"model", "revision"}` through the
// Commitments pallet; readers take the last revealed (data, block) per hotkey. The block is the miner's `first_block`
// (it orders the queue); a missing field makes the miner invalid, and since block 7,710,000 so does a second commit.
// UI realm (needs a connected ApiPromise).
import type { ApiPromise } from '@polkadot/api';
import type { Bytes, Option, u64, Vec } from '@polkadot/types';
import type { ITuple } from '@polkadot/types/types';
import { u8aToString } from '@polkadot/util';

/** From this block on, more than one commitment makes a hotkey permanently invalid (affine-envs.md §7.2). */
export const ONE_COMMIT_BLOCK = 7_710_000;

export interface MinerCommitment {
  hotkey: string;
  model: string | null;
  revision: string | null;
  /** Block of the last revealed commitment: Affine's `first_block`. */
  block: number;
  /** How many commitments the hotkey has revealed. */
  count: number;
  /** Affine's reason the miner is invalid on its commitment alone, or null. */
  problem: string | null;
}

/** One revealed payload, as Affine's monitor reads it; `data` is the JSON the miner committed. */
export function parseCommitment(hotkey: string, data: string, block: number, count: number): MinerCommitment {
  let model: string | null = null;
  let revision: string | null = null;
  try {
    const j = JSON.parse(data) as { model?: unknown; revision?: unknown };
    if (typeof j.model === 'string' && j.model) model = j.model;
    if (typeof j.revision === 'string' && j.revision) revision = j.revision;
  } catch {
    // Not JSON: both fields missing.
  }
  let problem: string | null = null;
  if (count > 1 && block >= ONE_COMMIT_BLOCK) problem = `multiple_commits:count=${count}`;
  else if (!model || !revision) problem = 'incomplete_commit:missing_fields';
  return { hotkey, model, revision, block, count, problem };
}

/** Every revealed commitment on `netuid`, by hotkey. Empty when the chain has no Commitments pallet. */
export async function readCommitments(api: ApiPromise, netuid: number): Promise<Map<string, MinerCommitment>> {
  const out = new Map<string, MinerCommitment>();
  const query = api.query.commitments?.revealedCommitments;
  if (!query) return out;
  const entries = await query.entries(netuid);
  for (const [key, value] of entries) {
    const hotkey = key.args[1]!.toString();
    // An OptionQuery item: entries come as Option<Vec<(data, block)>>.
    const opt = value as unknown as Option<Vec<ITuple<[Bytes, u64]>>>;
    if (opt.isNone) continue;
    const list = opt.unwrap();
    const last = list[list.length - 1];
    if (!last) continue;
    out.set(hotkey, parseCommitment(hotkey, u8aToString(last[0].toU8a(true)), last[1].toNumber(), list.length));
  }
  return out;
}
