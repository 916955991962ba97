// Commit-reveal v2: the salt and weights of a hash commit survive a reload in IndexedDB (fake-indexeddb here) until
// their reveal, and the reveal window (chain.md §2.6) says wait, reveal now, or too late, per scheduler.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  commitWindowModulo,
  epochIndexModulo,
  revealBlocksModulo,
  revealWindow,
  revealWindowAtBlock,
} from '../../src/chain/weights/reveal-window.ts';
import { commitHash, randomSalt } from '../../src/chain/weights/commit-hash.ts';
import type { WeightCommitRecord } from '../../src/storage/schema.ts';
import { resetDb } from '../support/storage-fixtures.ts';

const ALICE_PK = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';

function commitRecord(createdAt: number, uids = [0, 3], values = [65535, 1200]): WeightCommitRecord {
  const salt = randomSalt();
  return {
    hash: commitHash({ hotkey: ALICE_PK, netuidIndex: 120, uids, values, salt, versionKey: 0n }),
    genesisHash: '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
    netuid: 120,
    netuidIndex: 120,
    hotkey: ALICE,
    uids,
    values,
    salt,
    versionKey: '0',
    commitBlock: 5_000_000,
    commitEpoch: 13_850,
    revealPeriodEpochs: 1,
    createdAt,
    status: 'committed',
  };
}

beforeEach(resetDb);

describe('stored commits', () => {
  it('keep their salt and weights across a reload, and the hash still matches them', async () => {
    const store = await import('../../src/storage/weight-commits.ts');
    const a = commitRecord(1);
    const b = commitRecord(2, [5], [65535]);
    await store.saveWeightCommit(b);
    await store.saveWeightCommit(a);
    vi.resetModules(); // a new page: fresh modules, a new connection to the same database
    const reloaded = await import('../../src/storage/weight-commits.ts');
    const list = await reloaded.listWeightCommits();
    expect(list).toEqual([a, b]);
    const r = list[0]!;
    expect(
      commitHash({
        hotkey: ALICE_PK,
        netuidIndex: r.netuidIndex,
        uids: r.uids,
        values: r.values,
        salt: r.salt,
        versionKey: BigInt(r.versionKey),
      }),
    ).toBe(a.hash);
  });

  it('a revealed commit leaves the pending list; an unknown hash is an error', async () => {
    const store = await import('../../src/storage/weight-commits.ts');
    const a = commitRecord(1);
    const b = commitRecord(2);
    await store.saveWeightCommit(a);
    await store.saveWeightCommit(b);
    await store.markWeightCommit(a.hash, 'revealed', 99);
    expect((await store.pendingWeightCommits()).map((c) => c.hash)).toEqual([b.hash]);
    expect((await store.listWeightCommits())[0]).toMatchObject({ status: 'revealed', settledAt: 99 });
    await expect(store.markWeightCommit('0x00', 'expired')).rejects.toThrow(/No stored commit with hash 0x00/);
  });

  it('a commit stored before signing is pending until confirmed, and deleted when it never left', async () => {
    const store = await import('../../src/storage/weight-commits.ts');
    const sent = { ...commitRecord(1), status: 'pending' as const, commitBlock: 0 };
    const refused = { ...commitRecord(2), status: 'pending' as const, commitBlock: 0 };
    await store.saveWeightCommit(sent);
    await store.saveWeightCommit(refused);
    expect((await store.pendingWeightCommits()).map((c) => c.hash)).toEqual([sent.hash, refused.hash]);
    const at = { commitBlock: 1000, commitEpoch: 3, firstRevealBlock: 1323, lastRevealBlock: 1683 };
    await store.confirmWeightCommit(sent.hash, at);
    await store.deleteWeightCommit(refused.hash);
    const list = await store.listWeightCommits();
    expect(list).toEqual([{ ...sent, ...at, status: 'committed' }]);
    expect(list[0]!.salt).toEqual(sent.salt);
    await expect(store.confirmWeightCommit(refused.hash, at)).rejects.toThrow(/No stored commit/);
  });
});

describe('reveal window', () => {
  it('wait, open exactly in epoch E + RevealPeriodEpochs, then expired', () => {
    expect(revealWindow(10, 2, 10)).toEqual({ state: 'wait', revealEpoch: 12, epochsToWait: 2 });
    expect(revealWindow(10, 2, 11)).toEqual({ state: 'wait', revealEpoch: 12, epochsToWait: 1 });
    expect(revealWindow(10, 2, 12)).toEqual({ state: 'open', revealEpoch: 12, epochsToWait: 0 });
    expect(revealWindow(10, 2, 13)).toEqual({ state: 'expired', revealEpoch: 12, epochsToWait: 0 });
    expect(() => revealWindow(10, 0, 10)).toThrow(/RevealPeriodEpochs/);
  });

  it('generation A: the epoch index turns on the block after the epoch runs, and the window is that epoch', () => {
    // netuid 1, tempo 99: the epoch runs where (b + 2) mod 100 == 99, i.e. b = 97, 197, ...
    expect(epochIndexModulo(97, 1, 99)).toBe(0);
    expect(epochIndexModulo(98, 1, 99)).toBe(1);
    expect(epochIndexModulo(197, 1, 99)).toBe(1);
    expect(epochIndexModulo(198, 1, 99)).toBe(2);
    // Commit in epoch 1 with RevealPeriodEpochs 1: reveal in epoch 2, blocks 198..297.
    const [first, last] = revealBlocksModulo(2, 1, 99);
    expect([first, last]).toEqual([198, 297]);
    expect([first - 1, first, last, last + 1].map((b) => epochIndexModulo(b, 1, 99))).toEqual([1, 2, 2, 3]);
    expect(() => epochIndexModulo(5, 1, 0)).toThrow(/tempo/);
    expect(commitWindowModulo(197, 1, 99, 1)).toEqual({ commitEpoch: 1, firstRevealBlock: 198, lastRevealBlock: 297 });
    expect(commitWindowModulo(198, 1, 99, 2)).toEqual({ commitEpoch: 2, firstRevealBlock: 398, lastRevealBlock: 497 });
  });

  it('by block: a reveal sent at head h lands in h + 1, which must fall inside [first, last]', () => {
    expect(revealWindowAtBlock(198, 297, 100)).toEqual({ state: 'wait', blocksToWait: 97 });
    expect(revealWindowAtBlock(198, 297, 196)).toEqual({ state: 'wait', blocksToWait: 1 });
    expect(revealWindowAtBlock(198, 297, 197)).toEqual({ state: 'open', blocksToWait: 0 });
    expect(revealWindowAtBlock(198, 297, 296)).toEqual({ state: 'open', blocksToWait: 0 });
    expect(revealWindowAtBlock(198, 297, 297)).toEqual({ state: 'expired', blocksToWait: 0 });
  });
});
