// Affine's miner commitments read from the Commitments pallet of the fixture node (real finney metadata, scripted
// storage): the last revealed {model, revision} per hotkey with its block, and Affine's validity rules on it.
import { Keyring } from '@polkadot/keyring';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ONE_COMMIT_BLOCK, parseCommitment, readCommitments } from '../../src/chain/commitments.ts';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';

let node: FixtureNode;
let conn: ChainConnection;
const hotkeys: string[] = [];

beforeAll(async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave']) hotkeys.push(keyring.addFromUri(`//${name}`).address);
  node = await startFixtureNode();
  const set = (netuid: number, hotkey: string, commits: [string, number][]) =>
    node.setStorage(
      node.chain.storageKey('commitments', 'revealedCommitments', netuid, hotkey),
      node.chain.storageValue(
        'commitments',
        'revealedCommitments',
        commits.map(([data, block]) => [u8aToHex(stringToU8a(data)), block]),
      ),
    );
  set(120, hotkeys[0]!, [['{"model": "alice/Affine-7", "revision": "abc123"}', 7_800_000]]);
  // Two commits before the one-commit rule: the last one counts.
  set(120, hotkeys[1]!, [
    ['{"model": "bob/old", "revision": "1"}', 7_000_000],
    ['{"model": "bob/Affine-2", "revision": "2"}', 7_100_000],
  ]);
  set(120, hotkeys[2]!, [
    ['{"model": "c/Affine-a", "revision": "x"}', 7_720_000],
    ['{"model": "c/Affine-b", "revision": "y"}', 7_730_000],
  ]);
  set(120, hotkeys[3]!, [['{"model": "dave/Affine"}', 7_900_000]]);
  set(64, hotkeys[0]!, [['{"model": "elsewhere", "revision": "z"}', 1]]); // another subnet: not read
  conn = await connectChain(customNetwork(node.url), { timeoutMs: 10_000 });
});
afterAll(async () => {
  await conn?.disconnect();
  await node?.close();
});

it('reads the last revealed commitment of every hotkey on the subnet, with its block and Affine validity', async () => {
  const got = await readCommitments(conn.api, 120);
  expect([...got.keys()].sort()).toEqual([...hotkeys].sort());
  expect(got.get(hotkeys[0]!)).toEqual({
    hotkey: hotkeys[0],
    model: 'alice/Affine-7',
    revision: 'abc123',
    block: 7_800_000,
    count: 1,
    problem: null,
  });
  expect(got.get(hotkeys[1]!)).toMatchObject({ model: 'bob/Affine-2', revision: '2', block: 7_100_000, problem: null });
  expect(got.get(hotkeys[2]!)).toMatchObject({ model: 'c/Affine-b', count: 2, problem: 'multiple_commits:count=2' });
  expect(got.get(hotkeys[3]!)).toMatchObject({
    model: 'dave/Affine',
    revision: null,
    problem: 'incomplete_commit:missing_fields',
  });
  expect((await readCommitments(conn.api, 64)).get(hotkeys[0]!)?.model).toBe('elsewhere');
  expect((await readCommitments(conn.api, 7)).size).toBe(0);
});

it('parses what miners write, and names what makes a commitment invalid', () => {
  expect(parseCommitment('h', 'not json', 5, 1).problem).toBe('incomplete_commit:missing_fields');
  expect(parseCommitment('h', '{"model":"m","revision":"r","chute_id":"u"}', 5, 1)).toMatchObject({
    model: 'm',
    revision: 'r',
    problem: null,
  });
  expect(parseCommitment('h', '{"model":"m","revision":"r"}', ONE_COMMIT_BLOCK - 1, 3).problem).toBeNull();
  expect(parseCommitment('h', '{"model":"m","revision":"r"}', ONE_COMMIT_BLOCK, 3).problem).toBe(
    'multiple_commits:count=3',
  );
});
