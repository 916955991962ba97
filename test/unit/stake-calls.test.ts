// src/chain/stake extrinsics against the fixture node (real finney metadata, spec 393): each staking call built,
// decoded to exactly the intended call and arguments, signed by //Alice (signature verified), and the amounts read
// back from the events the node reports after inclusion. Node realm.
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Extrinsic } from '@polkadot/types/interfaces';
import { beforeAll, describe, expect, it } from 'vitest';
import { signAndTrack } from '../../src/chain/extrinsics/track.ts';
import { buildStakeCall, describeStakeCall, type StakeOrder } from '../../src/chain/stake/stake-calls.ts';
import { assertEventLayouts, settlementOf, stakeEventsOf } from '../../src/chain/stake/stake-events.ts';
import { extrinsicSuccess, loadFixtureChain, type EventSpec } from '../support/fixture-chain.ts';
import { useStakeNode } from '../support/stake-node.ts';
import { TestWallet } from '../support/test-wallet.ts';

const TAO = 1_000_000_000n;
const chain = loadFixtureChain();
let alice: KeyringPair;
let onSubmit: (hex: string) => EventSpec[] = () => [extrinsicSuccess()];
const testWallet = new TestWallet(() => stake.conn.api);
const wallet = testWallet.signer;

const stake = useStakeNode(chain, { onSubmit: (hex) => onSubmit(hex) });
beforeAll(async () => {
  alice = await testWallet.ready();
});

/** Submits `order` signed by Alice; returns the outcome and the captured extrinsic. */
let head = 1000;
async function send(order: StakeOrder) {
  stake.node.setHead(++head); // one block per extrinsic, so its events are its own
  const before = stake.node.submitted.length;
  const outcome = await signAndTrack(buildStakeCall(stake.conn.api, order), alice.address, wallet);
  expect(stake.node.submitted).toHaveLength(before + 1);
  const ext = stake.conn.api.registry.createType<Extrinsic>('Extrinsic', stake.node.submitted.at(-1)!);
  testWallet.expectSignedLast(ext);
  return { outcome, ext };
}

describe('staking extrinsics', () => {
  const cases: [string, () => StakeOrder, string, unknown[]][] = [
    [
      'add_stake_limit, fill-or-kill by default',
      () => ({
        kind: 'add_stake_limit',
        hotkey: stake.script.hotkey,
        netuid: 1,
        amount: 10n * TAO,
        limitPrice: 251_250_000n,
      }),
      'subtensorModule.addStakeLimit',
      [
        ['hotkey', 'BOB'],
        ['netuid', 1],
        ['amountStaked', 10e9],
        ['limitPrice', 251_250_000],
        ['allowPartial', false],
      ],
    ],
    [
      'remove_stake_limit with a partial fill asked for',
      () => ({
        kind: 'remove_stake_limit',
        hotkey: stake.script.hotkey,
        netuid: 1,
        amount: 40n * TAO,
        limitPrice: 248_750_000n,
        allowPartial: true,
      }),
      'subtensorModule.removeStakeLimit',
      [
        ['hotkey', 'BOB'],
        ['netuid', 1],
        ['amountUnstaked', 40e9],
        ['limitPrice', 248_750_000],
        ['allowPartial', true],
      ],
    ],
    [
      'remove_stake_full_limit with a limit',
      () => ({ kind: 'remove_stake_full_limit', hotkey: stake.script.hotkey, netuid: 1, limitPrice: 248_750_000n }),
      'subtensorModule.removeStakeFullLimit',
      [
        ['hotkey', 'BOB'],
        ['netuid', 1],
        ['limitPrice', 248_750_000],
      ],
    ],
    [
      'remove_stake_full_limit as a market order (None)',
      () => ({ kind: 'remove_stake_full_limit', hotkey: stake.script.hotkey, netuid: 3, limitPrice: null }),
      'subtensorModule.removeStakeFullLimit',
      [
        ['hotkey', 'BOB'],
        ['netuid', 3],
        ['limitPrice', null],
      ],
    ],
    [
      'swap_stake_limit',
      () => ({
        kind: 'swap_stake_limit',
        hotkey: stake.script.hotkey,
        originNetuid: 1,
        destinationNetuid: 2,
        amount: 5n * TAO,
        limitPrice: 690_972_222n,
      }),
      'subtensorModule.swapStakeLimit',
      [
        ['hotkey', 'BOB'],
        ['originNetuid', 1],
        ['destinationNetuid', 2],
        ['alphaAmount', 5e9],
        ['limitPrice', 690_972_222],
        ['allowPartial', false],
      ],
    ],
    [
      'move_stake',
      () => ({
        kind: 'move_stake',
        originHotkey: stake.script.hotkey,
        destinationHotkey: alice.address,
        originNetuid: 1,
        destinationNetuid: 1,
        amount: 2n * TAO,
      }),
      'subtensorModule.moveStake',
      [
        ['originHotkey', 'BOB'],
        ['destinationHotkey', 'ALICE'],
        ['originNetuid', 1],
        ['destinationNetuid', 1],
        ['alphaAmount', 2e9],
      ],
    ],
  ];

  for (const [title, order, name, args] of cases)
    it(`${title}: decodes to exactly that call, goes out signed by Alice`, async () => {
      const resolve = (v: unknown) => (v === 'BOB' ? stake.script.hotkey : v === 'ALICE' ? alice.address : v);
      const expected = (args as [string, unknown][]).map(([k, v]) => [k, resolve(v)]);
      const shown = describeStakeCall(stake.conn.api, buildStakeCall(stake.conn.api, order()));
      expect(shown.name).toBe(name);
      expect(shown.args).toEqual(expected);
      const { ext } = await send(order());
      expect(`${ext.method.section}.${ext.method.method}`).toBe(name);
      expect(ext.method.args.map((a) => a.toJSON())).toEqual(expected.map(([, v]) => v));
    });

  it('refuses values the chain could not decode, before signing', () => {
    const base = {
      kind: 'add_stake_limit' as const,
      hotkey: stake.script.hotkey,
      netuid: 1,
      amount: TAO,
      limitPrice: 1n,
    };
    expect(() => buildStakeCall(stake.conn.api, { ...base, amount: 0n })).toThrow(/above zero/);
    expect(() => buildStakeCall(stake.conn.api, { ...base, amount: 1n << 64n })).toThrow(/u64::MAX/);
    expect(() => buildStakeCall(stake.conn.api, { ...base, netuid: 70_000 })).toThrow(/0…65535/);
    expect(() => buildStakeCall(stake.conn.api, { ...base, hotkey: '5notanaddress' })).toThrow(/not a valid SS58/);
    expect(() =>
      buildStakeCall(stake.conn.api, {
        kind: 'swap_stake_limit',
        hotkey: stake.script.hotkey,
        originNetuid: 1,
        destinationNetuid: 1,
        amount: TAO,
        limitPrice: 0n,
      }),
    ).toThrow(/same subnet/);
  });
});

describe('actual amounts from events', () => {
  it('the metadata has the field layouts the reader assumes', () => {
    expect(() => assertEventLayouts(stake.conn.api)).not.toThrow();
  });

  it('StakeAdded after add_stake_limit: TAO in (gross), alpha out, fee', async () => {
    onSubmit = () => [
      {
        pallet: 'SubtensorModule',
        event: 'StakeAdded',
        args: [alice.address, stake.script.hotkey, 10n * TAO, 39_580_000_000n, 1, 5_035_477n],
      },
      extrinsicSuccess(),
    ];
    try {
      const { outcome } = await send({
        kind: 'add_stake_limit',
        hotkey: stake.script.hotkey,
        netuid: 1,
        amount: 10n * TAO,
        limitPrice: 251_250_000n,
      });
      expect(stakeEventsOf(outcome.events)).toEqual([
        {
          kind: 'StakeAdded',
          coldkey: alice.address,
          hotkey: stake.script.hotkey,
          taoIn: 10n * TAO,
          alphaOut: 39_580_000_000n,
          netuid: 1,
          fee: 5_035_477n,
        },
      ]);
      expect(settlementOf(outcome.events)).toMatchObject({
        taoIn: 10n * TAO,
        alphaOut: 39_580_000_000n,
        taoFees: 5_035_477n,
      });
    } finally {
      onSubmit = () => [extrinsicSuccess()];
    }
  });

  it('a swap_stake_limit: StakeRemoved, StakeAdded and StakeSwapped, with amounts above 2^53 intact', async () => {
    const big = 20_000_000n * TAO; // 2·10¹⁶ > 2⁵³
    onSubmit = () => [
      {
        pallet: 'SubtensorModule',
        event: 'StakeRemoved',
        args: [alice.address, stake.script.hotkey, 1_234_567_890n, big, 1, 7n],
      },
      {
        pallet: 'SubtensorModule',
        event: 'StakeAdded',
        args: [alice.address, stake.script.hotkey, 1_234_567_890n, 3_000_000_000n, 2, 0n],
      },
      {
        pallet: 'SubtensorModule',
        event: 'StakeSwapped',
        args: [alice.address, stake.script.hotkey, 1, 2, 1_234_567_890n],
      },
      extrinsicSuccess(),
    ];
    try {
      const { outcome } = await send({
        kind: 'swap_stake_limit',
        hotkey: stake.script.hotkey,
        originNetuid: 1,
        destinationNetuid: 2,
        amount: TAO,
        limitPrice: 0n,
      });
      const s = settlementOf(outcome.events);
      expect(s).toMatchObject({
        alphaIn: big + 7n,
        taoOut: 1_234_567_890n,
        taoIn: 1_234_567_890n,
        alphaOut: 3_000_000_000n,
        alphaFees: 7n,
      });
      expect(s.events.at(-1)).toEqual({
        kind: 'StakeSwapped',
        coldkey: alice.address,
        hotkey: stake.script.hotkey,
        originNetuid: 1,
        destinationNetuid: 2,
        tao: 1_234_567_890n,
      });
    } finally {
      onSubmit = () => [extrinsicSuccess()];
    }
  });

  it('StakeMoved is read in metadata order (coldkey, origin hotkey, origin netuid, destination hotkey, netuid, tao)', () => {
    const events = [
      { name: 'subtensorModule.StakeMoved', data: [alice.address, stake.script.hotkey, 1, alice.address, 3, 42] },
    ];
    expect(stakeEventsOf(events)).toEqual([
      {
        kind: 'StakeMoved',
        coldkey: alice.address,
        originHotkey: stake.script.hotkey,
        originNetuid: 1,
        destinationHotkey: alice.address,
        destinationNetuid: 3,
        tao: 42n,
      },
    ]);
  });
});
