// The chain's queue of commit-reveal v2 hash commits for one hotkey (`WeightCommits[netuid_index][hotkey]`,
// chain.md §2.6): which commits it still holds, and where each may be revealed. The tuple's fields differ by epoch
// scheduler (§2.1): generation A stores the reveal blocks, generation B the commit epoch. UI realm (needs an
// ApiPromise).
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import type { RuntimeFeatures } from './features.ts';

export interface QueuedCommit {
  /** 0x-hex of the H256 commit hash. */
  hash: string;
  commitBlock: number;
  /** Generation B only (generation A derives it from the block). */
  commitEpoch: number | null;
  /** Generation A only: the reveal window, inclusive. */
  firstRevealBlock: number | null;
  lastRevealBlock: number | null;
}

/** The hotkey's unrevealed hash commits on `netuidIndex`, oldest first (an empty list when it has none). */
export async function readWeightCommitQueue(
  api: ApiPromise,
  features: RuntimeFeatures,
  netuidIndex: number,
  hotkey: string,
): Promise<QueuedCommit[]> {
  const query = api.query.subtensorModule?.weightCommits;
  if (!query) throw new Error('This runtime has no SubtensorModule.WeightCommits: no hash commits here.');
  const value = (await query(netuidIndex, hotkey)) as unknown as Codec & { isSome?: boolean; unwrap?(): Codec };
  // An OptionQuery item comes wrapped in Option; a ValueQuery one as the plain (possibly empty) list.
  const list = (value.isSome === undefined ? value : value.isSome ? value.unwrap!() : []) as unknown as Codec[][];
  const n = (c: Codec) => Number(c.toString());
  return Array.from(list, ([hash, a, b, c]) =>
    features.epochScheduler === 'modulo'
      ? { hash: hash!.toHex(), commitBlock: n(a!), commitEpoch: null, firstRevealBlock: n(b!), lastRevealBlock: n(c!) }
      : { hash: hash!.toHex(), commitBlock: n(b!), commitEpoch: n(a!), firstRevealBlock: null, lastRevealBlock: null },
  );
}
