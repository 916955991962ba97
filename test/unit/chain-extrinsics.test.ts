// Writing weights through @polkadot/api against the fixture node (real finney metadata): every call the Validator
// page can send is built, signed by a keyring signer standing in for the wallet, submitted, and then decoded back
// from the captured bytes: exact call and arguments, signer, and a signature that verifies over what was signed.
// Also the outcomes the page explains: events, a failed dispatch, a pool rejection, a refused signature. Node realm.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Extrinsic } from '@polkadot/types/interfaces';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { buildWeightsCall, decodeCall, type WeightsSubmission } from '../../src/chain/extrinsics/weights-calls.ts';
import { assertFreshRuntime, signAndTrack, type TxStatus } from '../../src/chain/extrinsics/track.ts';
import { watchTimelockedReveal } from '../../src/chain/extrinsics/watch-reveal.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import {
  decodeWeightsPayload,
  decryptWithSignature,
  encodeWeightsPayload,
  encryptForRound,
} from '../../src/chain/timelock/index.ts';
import { commitHash, randomSalt } from '../../src/chain/weights/commit-hash.ts';
import { eventRecords, extrinsicFailed, extrinsicSuccess, type EventSpec } from '../support/fixture-chain.ts';
import { PoolRejection, startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { TestWallet } from '../support/test-wallet.ts';
import { signature1000 } from '../support/timelock-vectors.ts';

let node: FixtureNode;
let conn: ChainConnection;
let alice: KeyringPair;
/** What the next submission does on the node; reset before each test. */
let onSubmit: (hex: string) => EventSpec[];
let refuse = false;
/** Runs while the wallet is signing (e.g. the connection drops meanwhile). */
let whileSigning: () => void = () => {};

/** The wallet extension's part: signs for Alice (or refuses), and keeps what it signed. */
const testWallet = new TestWallet(
  () => conn.api,
  () => {
    if (refuse) throw new Error('Cancelled');
    whileSigning();
  },
);
const wallet = testWallet.signer;

beforeAll(async () => {
  alice = await testWallet.ready();
  node = await startFixtureNode({
    onSubmit: (hex) => onSubmit(hex),
    // `nonce: -1` makes the API ask the runtime for the account's next nonce.
    runtimeCalls: { AccountNonceApi_account_nonce: () => '0x05000000' },
  });
  conn = await connectChain(customNetwork(node.url), { timeoutMs: 10_000 });
});
afterAll(async () => {
  await conn?.disconnect();
  await node?.close();
});
let head = 1000;
beforeEach(() => {
  onSubmit = () => [extrinsicSuccess()];
  refuse = false;
  whileSigning = () => {};
  node.setHead(++head); // each test's extrinsics in a block of their own
});

/** Builds, signs and submits; returns the outcome, the statuses seen and the captured extrinsic decoded. */
async function send(s: WeightsSubmission) {
  const before = node.submitted.length;
  const statuses: TxStatus[] = [];
  const outcome = await signAndTrack(buildWeightsCall(conn.api, s), alice.address, wallet, (x) => statuses.push(x));
  expect(node.submitted).toHaveLength(before + 1);
  const ext = conn.api.registry.createType<Extrinsic>('Extrinsic', node.submitted.at(-1)!);
  return { outcome, statuses, ext };
}

/** The captured extrinsic is Alice's, and its signature verifies over exactly the payload the wallet signed. */
const expectSignedByAlice = (ext: Extrinsic) => testWallet.expectSignedLast(ext);

describe('weights extrinsics against the finney fixture', () => {
  it('set_weights: the dialog decodes it, it goes out signed by Alice, and WeightsSet comes back', async () => {
    onSubmit = () => [{ pallet: 'SubtensorModule', event: 'WeightsSet', args: [120, 7] }, extrinsicSuccess()];
    const s: WeightsSubmission = {
      kind: 'set_weights',
      netuid: 120,
      uids: [0, 7, 9],
      values: [1, 65535, 30000],
      versionKey: 3n,
    };
    const shown = decodeCall(conn.api, buildWeightsCall(conn.api, s).method.toHex());
    expect(shown.name).toBe('subtensorModule.setWeights');
    expect(shown.args).toEqual([
      ['netuid', 120],
      ['dests', [0, 7, 9]],
      ['weights', [1, 65535, 30000]],
      ['versionKey', 3],
    ]);
    const { outcome, statuses, ext } = await send(s);
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.setWeights');
    expect(ext.method.args.map((a) => a.toJSON())).toEqual([120, [0, 7, 9], [1, 65535, 30000], 3]);
    expectSignedByAlice(ext);
    expect(statuses[0]).toBe('signing');
    expect(['in block', 'finalized']).toContain(statuses.at(-1));
    expect(outcome.ok).toBe(true);
    expect(outcome.error).toBeNull();
    expect(outcome.events.map((e) => e.name)).toEqual(['subtensorModule.WeightsSet', 'system.ExtrinsicSuccess']);
    expect(outcome.events[0]!.data).toEqual([120, 7]);
  });

  it('commit_timelocked_weights to round 1000: the captured commit opens with the real round-1000 signature', async () => {
    const payload = encodeWeightsPayload({
      hotkey: alice.publicKey,
      uids: [1, 2, 3],
      values: [65535, 100, 7],
      versionKey: 0n,
    });
    const commit = await encryptForRound(payload, 1000);
    onSubmit = () => [
      {
        pallet: 'SubtensorModule',
        event: 'TimelockedWeightsCommitted',
        args: [alice.address, 120, blake2AsU8a(commit), 1000],
      },
      extrinsicSuccess(),
    ];
    const { outcome, ext } = await send({
      kind: 'commit_timelocked_weights',
      netuid: 120,
      commit,
      revealRound: 1000n,
      commitRevealVersion: 4,
    });
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.commitTimelockedWeights');
    const [netuid, sent, round, version] = ext.method.args;
    expect([netuid!.toJSON(), round!.toJSON(), version!.toJSON()]).toEqual([120, 1000, 4]);
    expect(sent!.toU8a(true)).toEqual(commit); // Bytes without its length prefix
    expectSignedByAlice(ext);
    const opened = decodeWeightsPayload(await decryptWithSignature(sent!.toU8a(true), signature1000()));
    expect(u8aToHex(opened.hotkey)).toBe(u8aToHex(alice.publicKey));
    expect([opened.uids, opened.values, opened.versionKey]).toEqual([[1, 2, 3], [65535, 100, 7], 0n]);
    expect(outcome.events.map((e) => e.name)).toContain('subtensorModule.TimelockedWeightsCommitted');
  });

  it('commit_weights then reveal_weights: the hash sent is blake2-256 of what the reveal carries', async () => {
    const salt = randomSalt();
    const weights = { uids: [4, 5], values: [65535, 20000], versionKey: 0n };
    const hash = commitHash({ hotkey: alice.publicKey, netuidIndex: 120, salt, ...weights });
    const commit = await send({ kind: 'commit_weights', netuid: 120, commitHash: hexToU8a(hash) });
    expect(`${commit.ext.method.section}.${commit.ext.method.method}`).toBe('subtensorModule.commitWeights');
    expect(commit.ext.method.args.map((a) => u8aToHex(a.toU8a()))).toEqual(['0x7800', hash]);
    expectSignedByAlice(commit.ext);
    const reveal = await send({ kind: 'reveal_weights', netuid: 120, salt, ...weights });
    const [netuid, uids, values, sentSalt, vk] = reveal.ext.method.args.map((a) => a.toJSON());
    expect([netuid, uids, values, sentSalt, vk]).toEqual([120, [4, 5], [65535, 20000], salt, 0]);
    // The chain recomputes the hash from the reveal's own arguments (chain.md §2.6).
    expect(
      commitHash({
        hotkey: alice.publicKey,
        netuidIndex: netuid as number,
        uids: uids as number[],
        values: values as number[],
        salt: sentSalt as number[],
        versionKey: 0n,
      }),
    ).toBe(hash);
  });

  it('a failed dispatch is named by the chain: SubtensorModule.SettingWeightsTooFast', async () => {
    onSubmit = () => [extrinsicFailed(node.chain, 'SubtensorModule', 'SettingWeightsTooFast')];
    const { outcome } = await send({ kind: 'set_weights', netuid: 120, uids: [0], values: [1], versionKey: 0n });
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.name).toBe('subtensorModule.SettingWeightsTooFast');
  });

  it('a pool rejection (1010, custom error 6) is explained, and nothing lands', async () => {
    onSubmit = () => {
      throw new PoolRejection(6);
    };
    const before = node.submitted.length;
    const tx = buildWeightsCall(conn.api, { kind: 'set_weights', netuid: 120, uids: [0], values: [1], versionKey: 0n });
    await expect(signAndTrack(tx, alice.address, wallet)).rejects.toThrow(/RateLimitExceeded/);
    expect(node.submitted).toHaveLength(before);
  });

  it('a signature refused in the wallet sends nothing and says so', async () => {
    refuse = true;
    const before = node.submitted.length;
    const tx = buildWeightsCall(conn.api, { kind: 'set_weights', netuid: 120, uids: [0], values: [1], versionKey: 0n });
    await expect(signAndTrack(tx, alice.address, wallet)).rejects.toThrow(/rejected in the wallet: nothing was sent/);
    expect(node.submitted).toHaveLength(before);
  });

  it('a timelocked commit over 5000 bytes is refused before signing', async () => {
    const s: WeightsSubmission = {
      kind: 'commit_timelocked_weights',
      netuid: 120,
      commit: new Uint8Array(5001),
      revealRound: 1000n,
      commitRevealVersion: 4,
    };
    expect(() => buildWeightsCall(conn.api, s)).toThrow(/at most 5000/);
  });

  it('after a runtime upgrade the page has not picked up, signing is refused', async () => {
    await expect(assertFreshRuntime(conn.api)).resolves.toBeUndefined();
    node.setSpecVersion(394);
    try {
      await expect(assertFreshRuntime(conn.api)).rejects.toThrow(
        /runtime changed \(spec 393 → 394\).*nothing was sent/,
      );
    } finally {
      node.setSpecVersion(393);
    }
  });
  // Last: dropping the node's sockets also cuts the shared connection.
  it('the connection dropping while the wallet signs: reported at once, without claiming it was not sent (it was not)', async () => {
    const own = await connectChain(customNetwork(node.url), { timeoutMs: 10_000 });
    try {
      const before = node.submitted.length;
      whileSigning = () => node.dropConnections();
      const tx = buildWeightsCall(own.api, {
        kind: 'set_weights',
        netuid: 120,
        uids: [0],
        values: [1],
        versionKey: 0n,
      });
      await expect(signAndTrack(tx, alice.address, wallet, () => {}, { api: own.api })).rejects.toThrow(
        /dropped after the transaction was signed: it may still be included/,
      );
      expect(node.submitted).toHaveLength(before);
    } finally {
      await own.disconnect();
    }
  });
});

describe('after a timelocked commit', () => {
  it("confirms the chain's reveal by its event, and reports a commit the chain dropped once the deadline passes", async () => {
    const conn2 = await connectChain(customNetwork(node.url), { timeoutMs: 10_000 });
    try {
      const events = node.chain.storageKey('system', 'events');
      const revealed = (who: string, netuidIndex: number) =>
        eventRecords(node.chain, [
          {
            extrinsic: 0,
            events: [{ pallet: 'SubtensorModule', event: 'TimelockedWeightsRevealed', args: [netuidIndex, who] }],
          },
        ]);
      node.setHead(2000);
      const watch = watchTimelockedReveal(conn2.api, 120, alice.address, 2010);
      await watch.watching;
      // Someone else's reveal, and Alice's on another subnet, do not count.
      node.setStorage(events, revealed(new Keyring({ type: 'sr25519' }).addFromUri('//Bob').address, 120));
      node.setStorage(events, revealed(alice.address, 121));
      node.setHead(2005);
      node.setStorage(events, revealed(alice.address, 120));
      await expect(watch.done).resolves.toEqual({ state: 'revealed', block: 2005 });

      node.setStorage(events, eventRecords(node.chain, [])); // the next block's events
      const dropped = watchTimelockedReveal(conn2.api, 120, alice.address, 2010);
      await dropped.watching;
      node.setHead(2010);
      node.setHead(2011);
      await expect(dropped.done).resolves.toEqual({ state: 'not revealed', lastBlock: 2011 });
    } finally {
      await conn2.disconnect();
    }
  });
});
