// The Node tests' stake node: the scripted markets of stake-fixtures.ts served by the fixture node (real finney
// metadata) and connected through src/chain, started before a test file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import type { FixtureChain } from './fixture-chain.ts';
import { startFixtureNode, type FixtureNode, type FixtureNodeOptions } from './fixture-node.ts';
import { stakeScript, type StakeScript } from './stake-fixtures.ts';

export interface StakeNode {
  node: FixtureNode;
  conn: ChainConnection;
  script: StakeScript;
}

/** Registers the file's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function useStakeNode(
  chain: FixtureChain,
  options: Omit<FixtureNodeOptions, 'storage' | 'runtimeCalls'> = {},
): StakeNode {
  const s = {} as StakeNode;
  beforeAll(async () => {
    s.script = await stakeScript(chain);
    s.node = await startFixtureNode({ ...options, storage: s.script.storage, runtimeCalls: s.script.runtimeCalls });
    s.conn = await connectChain(customNetwork(s.node.url), { timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await s.conn?.disconnect();
    await s.node?.close();
  });
  return s;
}
