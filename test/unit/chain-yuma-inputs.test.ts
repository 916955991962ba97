// src/chain/yuma-inputs.ts against the fixture node (real finney metadata): a scripted subnet's Yuma hyperparameters,
// weights, bonds and registration blocks decode into exactly the simulator's params and state. Node realm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { readMetagraph } from '../../src/chain/metagraph.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import { nextEpochBlock, readYumaInputs } from '../../src/chain/yuma-inputs.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from '../browser/validator-subnet.ts';
import { scriptYuma, type ScriptedYuma } from '../browser/yuma-subnet.ts';

const chain = loadFixtureChain();
const NETUID = 7;

describe('readYumaInputs', () => {
  let node: FixtureNode;
  let conn: ChainConnection;
  let subnet: ScriptedSubnet;
  let yuma: ScriptedYuma;

  beforeAll(async () => {
    subnet = await scriptedSubnet(chain, NETUID);
    yuma = scriptYuma(chain, subnet, { liquidAlpha: true, kappa: 30000, bondsPenalty: 1000 });
    node = await startFixtureNode({ storage: subnet.storage, head: subnet.head });
    conn = await connectChain(customNetwork(node.url), { timeoutMs: 10_000, retryMs: 100 });
  });
  afterAll(async () => {
    await conn?.disconnect();
    await node?.close();
  });

  it('reads the hyperparameters by name and the rows of the uids that hold weights or bonds', async () => {
    const mg = await readMetagraph(conn.api, NETUID);
    const { params, state } = await readYumaInputs(conn.api, mg);
    expect(params).toMatchObject({
      kappa: 30000,
      bondsPenalty: 1000,
      bondsMovingAverage: yuma.bondsMovingAverage,
      yuma3: true,
      liquidAlpha: true,
      alphaLow: yuma.alphaValues[0],
      alphaHigh: yuma.alphaValues[1],
      alphaSigmoidSteepness: 1000,
      maxAllowedValidators: 64,
      activityCutoff: 5000,
      stakeThreshold: 1000,
      tempo: subnet.params.tempo,
      // The owner hotkey (//Eve) is not registered here.
      ownerUid: null,
    });
    // Emission: the scripted per-uid emissions (rao) summed, in alpha.
    expect(params.emission).toBeCloseTo(Number(subnet.neurons.reduce((s, x) => s + x.emission, 0n)) / 1e9, 12);
    expect(state.n).toBe(4);
    // Next epoch of netuid 7 at tempo 360 after block 1000: (b + 8) mod 361 = 360 → b = 1074.
    expect(state.block).toBe(1074);
    expect(nextEpochBlock(1074, NETUID, 360)).toBe(1074);
    expect(nextEpochBlock(1075, NETUID, 360)).toBe(1435);
    expect([...state.rows]).toEqual([1, 2]);
    expect([...state.weights]).toEqual([0, 0, 20000, 65535, 0, 0, 0, 65535]);
    expect([...state.weightMask]).toEqual([0, 0, 1, 1, 0, 0, 0, 1]);
    expect([...state.bonds]).toEqual([0, 0, 3000, 40000, 0, 0, 0, 0]);
    expect([...state.blockAtRegistration]).toEqual(yuma.blockAtRegistration);
    expect([...state.validatorPermit]).toEqual(subnet.neurons.map((x) => (x.permit ? 1 : 0)));
    expect([...state.lastUpdate]).toEqual(subnet.neurons.map((x) => x.lastUpdate));
    expect(state.stake[1]).toBeCloseTo(Number(mg.rows[1]!.stake) / 1e9, 9);
  });
});
