// A small scripted subnet for the fixture node: four UIDs whose hotkeys are the dev accounts (//Alice is UID 1 with
// a validator permit), commit-reveal on, and the hyperparameters the Validator page reads, as fixture storage.
// Shared by the metagraph unit test and the Validator page's Chromium test. Node realm, tests only.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { FixtureChain } from '../support/fixture-chain.ts';

export interface ScriptedNeuron {
  hotkey: KeyringPair;
  coldkey: KeyringPair;
  alpha: bigint;
  tao: bigint;
  permit: boolean;
  lastUpdate: number;
  incentive: number;
  dividends: number;
  emission: bigint;
}

export interface ScriptedSubnet {
  netuid: number;
  head: number;
  neurons: ScriptedNeuron[];
  params: {
    tempo: number;
    weightsVersionKey: bigint;
    weightsSetRateLimit: number;
    minAllowedWeights: number;
    commitRevealWeightsEnabled: boolean;
    commitRevealWeightsVersion: number;
    revealPeriodEpochs: number;
    stakeThreshold: bigint;
  };
  timestampMs: number;
  drandLastStoredRound: number;
  alice: KeyringPair;
  /** Key hex → value hex, for `startFixtureNode({ storage })`. */
  storage: Record<string, string>;
}

const TAO = 1_000_000_000n;

/** Builds the subnet; `overrides` changes hyperparameters (e.g. commit-reveal off). */
export async function scriptedSubnet(
  chain: FixtureChain,
  netuid: number,
  overrides: Partial<ScriptedSubnet['params']> = {},
): Promise<ScriptedSubnet> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = (name: string) => keyring.addFromUri(`//${name}`);
  const head = 1000;
  const n = (
    name: string,
    alpha: bigint,
    tao: bigint,
    permit: boolean,
    lastUpdate: number,
    incentive: number,
    dividends: number,
    emission: bigint,
  ): ScriptedNeuron => ({
    hotkey: dev(name),
    coldkey: dev(`${name}//stash`),
    alpha,
    tao,
    permit,
    lastUpdate,
    incentive,
    dividends,
    emission,
  });
  const neurons = [
    n('Ferdie', 0n, 0n, false, 0, 0, 0, 0n),
    n('Alice', 5_000n * TAO, 2_000n * TAO, true, 500, 0, 40_000, 123_456_789n),
    n('Bob', 10n * TAO, 0n, false, 990, 30_000, 0, 55_000_000n),
    n('Charlie', 1n * TAO, 0n, false, 0, 35_535, 0, 65_000_001n),
  ];
  const params = {
    tempo: 360,
    weightsVersionKey: 7n,
    weightsSetRateLimit: 100,
    minAllowedWeights: 1,
    commitRevealWeightsEnabled: true,
    commitRevealWeightsVersion: 4,
    revealPeriodEpochs: 1,
    stakeThreshold: 1_000n * TAO,
    ...overrides,
  };
  const timestampMs = 1_790_000_000_000;
  const drandLastStoredRound = 30_000_000;
  const storage: Record<string, string> = {};
  const set = (section: string, method: string, args: unknown[], value: unknown) => {
    storage[chain.storageKey(section, method, ...args)] = chain.storageValue(section, method, value);
  };
  const sm = (method: string, args: unknown[], value: unknown) => set('subtensorModule', method, args, value);
  sm('networksAdded', [netuid], true);
  sm('subnetworkN', [netuid], neurons.length);
  sm('tempo', [netuid], params.tempo);
  sm('weightsVersionKey', [netuid], params.weightsVersionKey);
  sm('weightsSetRateLimit', [netuid], params.weightsSetRateLimit);
  sm('minAllowedWeights', [netuid], params.minAllowedWeights);
  sm('commitRevealWeightsEnabled', [netuid], params.commitRevealWeightsEnabled);
  sm('commitRevealWeightsVersion', [], params.commitRevealWeightsVersion);
  sm('revealPeriodEpochs', [netuid], params.revealPeriodEpochs);
  sm('stakeThreshold', [], params.stakeThreshold);
  sm('subnetOwnerHotkey', [netuid], dev('Eve').address);
  neurons.forEach((x, uid) => {
    sm('keys', [netuid, uid], x.hotkey.address);
    sm('uids', [netuid, x.hotkey.address], uid);
    sm('owner', [x.hotkey.address], x.coldkey.address);
    sm('totalHotkeyAlpha', [x.hotkey.address, netuid], x.alpha);
    sm('totalHotkeyAlpha', [x.hotkey.address, 0], x.tao);
  });
  sm(
    'validatorPermit',
    [netuid],
    neurons.map((x) => x.permit),
  );
  sm(
    'lastUpdate',
    [netuid],
    neurons.map((x) => x.lastUpdate),
  );
  sm(
    'incentive',
    [netuid],
    neurons.map((x) => x.incentive),
  );
  sm(
    'dividends',
    [netuid],
    neurons.map((x) => x.dividends),
  );
  sm(
    'emission',
    [netuid],
    neurons.map((x) => x.emission),
  );
  set('timestamp', 'now', [], timestampMs);
  set('drand', 'lastStoredRound', [], drandLastStoredRound);
  return {
    netuid,
    head,
    neurons,
    params,
    timestampMs,
    drandLastStoredRound,
    alice: neurons[1]!.hotkey,
    storage,
  };
}
