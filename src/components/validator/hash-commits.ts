// The Validator page's commit-reveal v2 reminder: hash commits stored in this browser (with their salts), checked
// against the chain's `WeightCommits` queue and the live head, so the page can say "wait N blocks", "reveal now" or
// "too late". A commit stored before signing is confirmed here once the chain holds it. UI realm.
import { createMemo, createSignal } from 'solid-js';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aToHex } from '@polkadot/util';
import { readWeightCommitQueue, type QueuedCommit } from '../../chain/weight-commit-queue.ts';
import { commitWindowModulo, revealWindowAtBlock, type BlockWindow } from '../../chain/weights/reveal-window.ts';
import type { Metagraph } from '../../chain/metagraph.ts';
import type { WeightCommitRecord } from '../../storage/schema.ts';
import {
  confirmWeightCommit,
  deleteWeightCommit,
  listWeightCommits,
  markWeightCommit,
} from '../../storage/weight-commits.ts';
import type { WalletAccount } from '../../wallet/extension.ts';
import type { ChainSession } from './chain-session.ts';

export interface CommitView {
  record: WeightCommitRecord;
  /** Whether the chain's queue still holds it: null when not known (not connected, another hotkey or subnet). */
  onChain: boolean | null;
  /** Against the live head; null until the commit is seen included. */
  window: BlockWindow | null;
}

const samePublicKey = (a: string, b: string) => {
  try {
    return u8aToHex(decodeAddress(a)) === u8aToHex(decodeAddress(b));
  } catch {
    return false;
  }
};

export function createHashCommits(deps: {
  chain: ChainSession;
  metagraph: () => Metagraph | null;
  account: () => WalletAccount | null;
}) {
  const [records, setRecords] = createSignal<WeightCommitRecord[]>([]);
  /** The chain's queue for the current account and subnet, with the netuid and hotkey it was read for. */
  const [queue, setQueue] = createSignal<{ netuid: number; hotkey: string; commits: QueuedCommit[] } | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  /** Confirms a pending record from the chain's queue entry, or else from the block it was seen included in. */
  async function confirm(rec: WeightCommitRecord, queued: QueuedCommit | undefined, includedIn?: number) {
    const mg = deps.metagraph();
    if (queued?.firstRevealBlock != null && queued.lastRevealBlock != null) {
      const { commitEpoch } = mg
        ? commitWindowModulo(queued.commitBlock, rec.netuid, mg.params.tempo, rec.revealPeriodEpochs)
        : { commitEpoch: 0 };
      const { commitBlock, firstRevealBlock, lastRevealBlock } = queued;
      await confirmWeightCommit(rec.hash, { commitBlock, commitEpoch, firstRevealBlock, lastRevealBlock });
    } else if (includedIn !== undefined && mg) {
      const w = commitWindowModulo(includedIn, rec.netuid, mg.params.tempo, rec.revealPeriodEpochs);
      await confirmWeightCommit(rec.hash, { commitBlock: includedIn, ...w });
    }
  }

  /** Reloads the stored commits and the chain's queue for the account; confirms pending commits the chain holds. */
  async function refresh(): Promise<void> {
    setError(null);
    const conn = deps.chain.connection();
    const acc = deps.account();
    const mg = deps.metagraph();
    if (conn && acc && mg) {
      try {
        const commits = await readWeightCommitQueue(conn.api, conn.features, mg.netuid, acc.address);
        setQueue({ netuid: mg.netuid, hotkey: acc.address, commits });
        const stored = await listWeightCommits();
        for (const rec of stored) {
          if (rec.status !== 'pending' || rec.netuid !== mg.netuid || !samePublicKey(rec.hotkey, acc.address)) continue;
          const q = commits.find((c) => c.hash === rec.hash);
          if (q) await confirm(rec, q);
        }
      } catch (e) {
        setQueue(null);
        setError(`The chain's queue of hash commits could not be read: ${(e as Error).message}`);
      }
    }
    setRecords(await listWeightCommits());
  }

  /**
   * After a hash commit was included in `blockHash`: `refresh` confirms it from the chain's queue when the queue holds
   * it; otherwise it is confirmed from the block it was seen in.
   */
  async function settle(rec: WeightCommitRecord, blockHash: string | null) {
    const conn = deps.chain.connection();
    const block = conn && blockHash ? (await conn.api.rpc.chain.getHeader(blockHash)).number.toNumber() : undefined;
    await refresh();
    if (records().find((r) => r.hash === rec.hash)?.status !== 'pending') return;
    await confirm(rec, undefined, block);
    setRecords(await listWeightCommits());
  }

  /** The commits still to reveal on the connected chain (every chain's when not connected), with their state. */
  const views = createMemo((): CommitView[] => {
    const conn = deps.chain.connection();
    const head = deps.chain.head();
    const q = queue();
    return records()
      .filter((r) => r.status === 'pending' || r.status === 'committed')
      .filter((r) => !conn || r.genesisHash === conn.info.genesisHash)
      .map((record) => {
        const known = q && q.netuid === record.netuid && samePublicKey(q.hotkey, record.hotkey);
        const { firstRevealBlock: first, lastRevealBlock: last } = record;
        return {
          record,
          onChain: known ? q.commits.some((c) => c.hash === record.hash) : null,
          window:
            head !== null && first !== undefined && last !== undefined ? revealWindowAtBlock(first, last, head) : null,
        };
      });
  });

  return {
    views,
    error,
    refresh,
    settle,
    /** The queue length the preflight counts against TooManyUnrevealedCommits (undefined when not read). */
    unrevealed: () => queue()?.commits.length,
    async forget(hash: string, why: 'expired' | 'never sent') {
      if (why === 'never sent') await deleteWeightCommit(hash);
      else await markWeightCommit(hash, 'expired');
      await refresh();
    },
    async markRevealed(hash: string) {
      await markWeightCommit(hash, 'revealed');
      await refresh();
    },
    samePublicKey,
  };
}

export type HashCommits = ReturnType<typeof createHashCommits>;
