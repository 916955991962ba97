// src/chain/connection.ts and features.ts against the fixture node (real finney metadata, scripted state), and the
// endpoint checks of networks.ts. Node realm.
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { hexToU8a } from '@polkadot/util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { ChainConnectionError } from '../../src/chain/connection-error.ts';
import {
  makeConnectionStatus,
  type ConnectionState,
  type ConnectionStatusStore,
} from '../../src/chain/connection-status.ts';
import { detectFeatures, namesFromMetadata, type RuntimeNames } from '../../src/chain/features.ts';
import { NETWORKS, customNetwork, validateEndpoint, withEndpoint } from '../../src/chain/networks.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';

const chain = loadFixtureChain();

/** Resolves when `status` reaches `state` (now or later); rejects after `ms`. */
function reaches(status: ConnectionStatusStore, state: ConnectionState, ms = 5_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (status.get().state === state) return resolve();
    const timer = setTimeout(() => reject(new Error(`status stayed ${status.get().state}, wanted ${state}`)), ms);
    const off = status.subscribe((s) => {
      if (s.state !== state) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<ChainConnectionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChainConnectionError);
  return error as ChainConnectionError;
}

describe('connectChain against the finney fixture', () => {
  let node: FixtureNode;
  let conn: ChainConnection;

  beforeAll(async () => {
    node = await startFixtureNode({
      storage: {
        [chain.storageKey('subtensorModule', 'tempo', 1)]: chain.storageValue('subtensorModule', 'tempo', 99),
        [chain.storageKey('subtensorModule', 'subnetTAO', 1)]: chain.storageValue(
          'subtensorModule',
          'subnetTAO',
          123_456_789_012n,
        ),
        // The metadata default is 4; a different value shows the feature read goes to storage.
        [chain.storageKey('subtensorModule', 'commitRevealWeightsVersion')]: chain.storageValue(
          'subtensorModule',
          'commitRevealWeightsVersion',
          3,
        ),
      },
    });
    conn = await connectChain(withEndpoint(NETWORKS.finney, node.url), { timeoutMs: 10_000, retryMs: 100 });
  });
  afterAll(async () => {
    await conn?.disconnect();
    await node?.close();
  });

  it('reports the chain, its runtime version and a matching finney genesis', () => {
    expect(conn.info).toMatchObject({
      chain: 'Bittensor',
      specName: 'node-subtensor',
      specVersion: 393,
      transactionVersion: 1,
      bestBlock: 1000,
      genesisHash: NETWORKS.finney.genesisHash,
      genesisMatches: true,
      warning: null,
      ss58Format: 42,
      tokenSymbol: 'TAO',
      tokenDecimals: 9,
    });
    expect(conn.status.get().state).toBe('connected');
  });

  it('detects generation A from the metadata and reads CommitRevealWeightsVersion from storage', () => {
    expect(conn.features).toEqual({
      generation: 'A',
      epochScheduler: 'modulo',
      swapPool: 'uniswap-v3',
      activityCutoff: 'blocks',
      nextEpochApi: false,
      registryPallet: true,
      commitRevealVersion: 3,
    });
  });

  it('decodes scripted storage, and the metadata default for unscripted keys', async () => {
    const query = conn.api.query.subtensorModule!;
    expect((await query.tempo!(1)).toString()).toBe('99');
    expect((await query.subnetTAO!(1)).toString()).toBe('123456789012');
    expect((await query.subnetTAO!(2)).toString()).toBe('0');
  });

  it('decodes a runtime API answer computed from the encoded arguments', async () => {
    const seen: string[] = [];
    node.setRuntimeCall('SwapRuntimeApi_current_alpha_price', (args) => {
      seen.push(args);
      const netuid = chain.registry.createType('u16', hexToU8a(args)).toNumber();
      return chain.callResult('SwapRuntimeApi', 'current_alpha_price', 1_000_000_000 * netuid + 7);
    });
    const price = await conn.api.call.swapRuntimeApi!.currentAlphaPrice!(12);
    expect(price.toString()).toBe('12000000007');
    expect(seen).toEqual(['0x0c00']);
  });

  it('pushes new heads to subscribers', async () => {
    const numbers: number[] = [];
    const unsub = await conn.api.rpc.chain.subscribeNewHeads((h) => {
      numbers.push(h.number.toNumber());
    });
    node.setHead(1001);
    await expect.poll(() => numbers).toEqual([1000, 1001]);
    unsub();
  });

  it('records submitted extrinsics and reports ready, inBlock and finalized', async () => {
    const tx = conn.api.tx.system!.remark!('0x1234');
    const updates: string[] = [];
    await new Promise<void>((resolve) => {
      void conn.api.rpc.author.submitAndWatchExtrinsic(tx, (status) => {
        updates.push(status.type);
        if (status.isFinalized) resolve();
      });
    });
    expect(updates).toEqual(['Ready', 'InBlock', 'Finalized']);
    const decoded = chain.registry.createType('Extrinsic', node.submitted.at(-1));
    expect(`${decoded.method.section}.${decoded.method.method}`).toBe('system.remark');
  });

  it('goes disconnected on a drop and connected again when WsProvider reconnects', async () => {
    const seen: ConnectionState[] = [];
    const off = conn.status.subscribe((s) => seen.push(s.state));
    node.dropConnections();
    await reaches(conn.status, 'disconnected');
    await reaches(conn.status, 'connected');
    // The same for a node that stays down a while: refused retries keep it disconnected, with the error kept.
    await node.stop();
    await reaches(conn.status, 'disconnected');
    await new Promise((r) => setTimeout(r, 300));
    expect(conn.status.get()).toMatchObject({ state: 'disconnected', lastError: expect.any(String) });
    await node.restart();
    await reaches(conn.status, 'connected');
    off();
    expect(seen.slice(0, 2)).toEqual(['disconnected', 'connected']);
    expect((await conn.api.query.subtensorModule!.tempo!(1)).toString()).toBe('99');
  });
});

describe('runtime feature detection works by name', () => {
  const base = namesFromMetadata(chain.metadata);
  const edit = (add: string[], remove: string[] = []): RuntimeNames => ({
    ...base,
    storage: new Set(
      [...base.storage, ...add.filter((n) => !n.includes('RuntimeApi'))].filter((n) => !remove.includes(n)),
    ),
    apis: new Set([...base.apis, ...add.filter((n) => n.includes('RuntimeApi'))]),
  });

  it('finds the generation-A items in the fixture', () => {
    expect(base.storage.has('SubtensorModule.ActivityCutoff')).toBe(true);
    expect(base.storage.has('Swap.AlphaSqrtPrice')).toBe(true);
    expect(base.apis.has('SubnetInfoRuntimeApi.get_metagraph')).toBe(true);
  });

  it('flips each feature when its item appears or disappears', () => {
    expect(detectFeatures(edit(['SubtensorModule.SubnetEpochIndex']))).toMatchObject({
      generation: 'mixed',
      epochScheduler: 'stateful',
      swapPool: 'uniswap-v3',
    });
    expect(detectFeatures(edit([], ['SubtensorModule.ActivityCutoff'])).activityCutoff).toBe('unknown');
    const genB = edit(
      [
        'SubtensorModule.SubnetEpochIndex',
        'SubtensorModule.ActivityCutoffFactorMilli',
        'Swap.SwapBalancer',
        'SubnetInfoRuntimeApi.get_next_epoch_start_block',
      ],
      ['SubtensorModule.ActivityCutoff', 'Swap.AlphaSqrtPrice'],
    );
    expect(detectFeatures({ ...genB, pallets: new Set([...base.pallets].filter((p) => p !== 'Registry')) })).toEqual({
      generation: 'B',
      epochScheduler: 'stateful',
      swapPool: 'balancer',
      activityCutoff: 'factor-milli',
      nextEpochApi: true,
      registryPallet: false,
    });
  });
});

describe('connection failures', () => {
  it('rejects a node of another chain as the wrong network, unless allowed', async () => {
    const node = await startFixtureNode({ genesisHash: NETWORKS.testnet.genesisHash });
    try {
      const finney = withEndpoint(NETWORKS.finney, node.url);
      const error = await rejection(connectChain(finney, { timeoutMs: 10_000 }));
      expect(error.code).toBe('wrong-network');
      expect(error.message).toMatch(/^Wrong network: .* genesis 0x8f9cf856.*not Finney/);
      const conn = await connectChain(finney, { timeoutMs: 10_000, allowWrongNetwork: true });
      expect(conn.info).toMatchObject({ genesisMatches: false, warning: error.message });
      await conn.disconnect();
      // A local or custom endpoint has no expected genesis: nothing to compare.
      const custom = await connectChain(customNetwork(node.url), { timeoutMs: 10_000 });
      expect(custom.info).toMatchObject({ genesisMatches: null, expectedGenesis: null, warning: null });
      await custom.disconnect();
    } finally {
      await node.close();
    }
  });

  it('times out with a clear error when the endpoint is down', async () => {
    const node = await startFixtureNode();
    await node.stop();
    const started = Date.now();
    const error = await rejection(connectChain(customNetwork(node.url), { timeoutMs: 1_000, retryMs: 200 }));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.code).toBe('timeout');
    expect(error.message).toContain(`No usable answer from ${node.url} within 1 s (last error: `);
  });

  it('times out on an endpoint that accepts TCP but never completes the websocket handshake', async () => {
    const sockets: Socket[] = [];
    const blackHole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    try {
      const status = makeConnectionStatus(url);
      const started = Date.now();
      const error = await rejection(connectChain(customNetwork(url), { timeoutMs: 800, status }));
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(error.code).toBe('timeout');
      expect(status.get()).toMatchObject({ state: 'error', lastError: error.message });
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });
});

describe('endpoint validation', () => {
  it('accepts ws and wss URLs as typed', () => {
    expect(validateEndpoint(' wss://entrypoint-finney.opentensor.ai:443 ')).toBe(NETWORKS.finney.url);
    expect(validateEndpoint(NETWORKS.local.url)).toBe('ws://127.0.0.1:9944');
  });

  it('names the problem with anything else', () => {
    const message = (input: string) => {
      try {
        validateEndpoint(input);
      } catch (e) {
        expect((e as ChainConnectionError).code).toBe('invalid-endpoint');
        return (e as Error).message;
      }
      throw new Error(`${input} was accepted`);
    };
    expect(message('')).toMatch(/empty/);
    expect(message('entrypoint-finney.opentensor.ai')).toMatch(/not a URL/);
    expect(message('https://entrypoint-finney.opentensor.ai')).toMatch(/scheme is https.*use ws:\/\/ or wss:\/\//);
    expect(message('ftp://node.example')).toMatch(/scheme "ftp" is not supported/);
    expect(message('wss://user:pw@node.example')).toMatch(/credentials/);
  });
});
