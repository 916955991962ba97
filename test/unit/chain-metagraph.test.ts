// src/chain/metagraph.ts and metagraph-state.ts against the fixture node (real finney metadata): a scripted
// four-UID subnet decodes to exactly the scripted rows and hyperparameters, and becomes preflight's ChainState.
// Node realm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { readMetagraph, MetagraphError, U64_MAX, type Metagraph } from '../../src/chain/metagraph.ts';
import { epochIndexModulo } from '../../src/chain/weights/reveal-window.ts';
import { chainStateFor, rowOf } from '../../src/chain/metagraph-state.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import { preflightWeights } from '../../src/chain/weights/preflight.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from '../browser/validator-subnet.ts';

const chain = loadFixtureChain();
const NETUID = 7;

describe('readMetagraph against the fixture node', () => {
  let node: FixtureNode;
  let conn: ChainConnection;
  let subnet: ScriptedSubnet;
  let mg: Metagraph;

  beforeAll(async () => {
    subnet = await scriptedSubnet(chain, NETUID);
    // One pending timelocked commit by Bob in the current epoch's bucket.
    const epoch = epochIndexModulo(subnet.head, NETUID, subnet.params.tempo);
    const bob = subnet.neurons[2]!.hotkey.address;
    subnet.storage[chain.storageKey('subtensorModule', 'timelockedWeightCommits', NETUID, epoch)] = chain.storageValue(
      'subtensorModule',
      'timelockedWeightCommits',
      [[bob, 990, '0x0102', 5]],
    );
    node = await startFixtureNode({ storage: subnet.storage, head: subnet.head });
    conn = await connectChain(customNetwork(node.url), { timeoutMs: 10_000, retryMs: 100 });
    mg = await readMetagraph(conn.api, NETUID);
  });
  afterAll(async () => {
    await conn?.disconnect();
    await node?.close();
  });

  it('decodes every row to the scripted values', () => {
    const taoWeight = mg.params.taoWeight;
    expect(mg.rows).toEqual(
      subnet.neurons.map((x, uid) => ({
        uid,
        hotkey: x.hotkey.address,
        coldkey: x.coldkey.address,
        stake: x.alpha + (x.tao * taoWeight) / U64_MAX,
        alphaStake: x.alpha,
        taoStake: x.tao,
        validatorPermit: x.permit,
        lastUpdate: x.lastUpdate,
        incentive: x.incentive,
        dividends: x.dividends,
        emission: x.emission,
      })),
    );
    // Alice's TAO counts at the metadata default TaoWeight (≈ 0.0527 of u64::MAX): a strictly partial share.
    const alice = mg.rows[1]!;
    expect(alice.stake > alice.alphaStake && alice.stake < alice.alphaStake + alice.taoStake).toBe(true);
  });

  it('reads the hyperparameters by name, scripted or metadata default', () => {
    expect(mg.netuid).toBe(NETUID);
    expect(mg.block).toBe(subnet.head);
    expect(mg.timestampMs).toBe(subnet.timestampMs);
    expect(mg.drandLastStoredRound).toBe(subnet.drandLastStoredRound);
    expect(mg.params).toEqual({
      exists: true,
      subnetworkN: 4,
      ...subnet.params,
      maxWeightsLimit: 65535, // metadata default
      mechanismCount: 1, // metadata default
      taoWeight: 0x0d7c3cfa3ee062fcn, // metadata default, the LE bytes fc62e03efa3c7c0d
      subnetOwnerHotkey: expect.stringMatching(/^5/),
    });
    expect(mg.pendingCommits).toEqual({ [subnet.neurons[2]!.hotkey.address]: 1 });
  });

  it("builds Alice's ChainState, which passes preflight for a timelocked commit", () => {
    const state = chainStateFor(mg, subnet.alice.address);
    expect(state).toMatchObject({
      block: 1000,
      netuid: NETUID,
      subnetExists: true,
      subnetworkN: 4,
      hotkeyUid: 1,
      isSubnetOwner: false,
      alphaStake: 5_000_000_000_000n,
      taoStake: 2_000_000_000_000n,
      lastUpdate: 500,
      validatorPermit: true,
      commitRevealEnabled: true,
      commitRevealVersion: 4,
      unrevealedCommits: 0,
      weightsVersionKey: 7n,
      drandLastStoredRound: subnet.drandLastStoredRound,
    });
    const result = preflightWeights(state, {
      hotkey: subnet.alice.address,
      uids: [0, 2, 3],
      values: [6553, 65535, 39321],
      versionKey: 7n,
      revealRound: subnet.drandLastStoredRound + 100,
      commitRevealVersion: 4,
    });
    expect(result.extrinsic).toBe('commit_timelocked_weights');
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    // Bob: registered, no permit, too little stake, one pending commit.
    const bob = chainStateFor(mg, subnet.neurons[2]!.hotkey.address);
    expect(bob).toMatchObject({ hotkeyUid: 2, validatorPermit: false, unrevealedCommits: 1 });
  });

  it('finds a hotkey whatever its SS58 prefix, and reports an unregistered one', () => {
    const aliceOnFinneyPrefix = subnet.alice.address;
    expect(rowOf(mg, aliceOnFinneyPrefix)?.uid).toBe(1);
    expect(rowOf(mg, '0x' + Buffer.from(subnet.alice.publicKey).toString('hex'))?.uid).toBe(1);
    const stranger = chainStateFor(mg, '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy');
    expect(stranger.hotkeyUid).toBeNull();
    expect(chainStateFor(mg, 'not an address').hotkeyUid).toBeNull();
  });

  it('an unknown subnet reads as not existing with no rows; a bad netuid is refused', async () => {
    const empty = await readMetagraph(conn.api, 99);
    expect(empty.params.exists).toBe(false);
    expect(empty.rows).toEqual([]);
    await expect(readMetagraph(conn.api, 70_000)).rejects.toBeInstanceOf(MetagraphError);
  });
});
