// The protected staking extrinsics (chain.md §3.2, §3.3) as @polkadot/api calls: fill-or-kill (`allow_partial =
// false`) unless partial fills are asked for, every amount checked to be a u64 before it is encoded, and the call
// decoded back from its own bytes for the confirmation dialog (weights-calls.ts's decodeCall). UI realm.
import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import { decodeAddress } from '@polkadot/util-crypto';
import { decodeCall, type DecodedCall } from '../extrinsics/weights-calls.ts';
import { StakeError } from './errors.ts';
import { U64_MAX } from './fixed.ts';

export type StakeOrder =
  /** Buy alpha with `amount` rao while the marginal price stays ≤ `limitPrice` (rao per alpha). */
  | {
      kind: 'add_stake_limit';
      hotkey: string;
      netuid: number;
      amount: bigint;
      limitPrice: bigint;
      allowPartial?: boolean;
    }
  /** Sell `amount` alpha-rao while the marginal price stays ≥ `limitPrice`. */
  | {
      kind: 'remove_stake_limit';
      hotkey: string;
      netuid: number;
      amount: bigint;
      limitPrice: bigint;
      allowPartial?: boolean;
    }
  /** Sell all alpha held (emissions included); `limitPrice` null = market order. Always fill-or-kill. */
  | { kind: 'remove_stake_full_limit'; hotkey: string; netuid: number; limitPrice: bigint | null }
  /** Move `amount` alpha from one subnet to another on the same hotkey, if price(origin)/price(dest)·10⁹ ≥ limit. */
  | {
      kind: 'swap_stake_limit';
      hotkey: string;
      originNetuid: number;
      destinationNetuid: number;
      amount: bigint;
      limitPrice: bigint;
      allowPartial?: boolean;
    }
  /** Move `amount` alpha to another hotkey and/or subnet, without a price limit. */
  | {
      kind: 'move_stake';
      originHotkey: string;
      destinationHotkey: string;
      originNetuid: number;
      destinationNetuid: number;
      amount: bigint;
    };

function u64(value: bigint, what: string): bigint {
  if (value < 0n || value > U64_MAX) throw new StakeError('bad-input', `The ${what} must be between 0 and u64::MAX.`);
  return value;
}
function netuid(value: number, what = 'netuid'): number {
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new StakeError('bad-input', `The ${what} must be an integer 0…65535, got ${value}.`);
  return value;
}
function account(address: string, what: string): string {
  try {
    decodeAddress(address);
  } catch {
    throw new StakeError('bad-input', `The ${what} "${address}" is not a valid SS58 address.`);
  }
  return address;
}
function positive(value: bigint, what: string): bigint {
  if (value <= 0n) throw new StakeError('zero', `The ${what} must be above zero.`);
  return u64(value, what);
}

/** Builds the call for `order`. @throws {StakeError} `bad-input` / `zero` for values the chain would not decode. */
export function buildStakeCall(api: ApiPromise, order: StakeOrder): SubmittableExtrinsic<'promise'> {
  const tx = api.tx.subtensorModule;
  const need = (name: string) => {
    const found = tx?.[name];
    if (!found)
      throw new StakeError('missing-api', `This chain has no SubtensorModule.${name}: wrong network or runtime.`);
    return found;
  };
  switch (order.kind) {
    case 'add_stake_limit':
    case 'remove_stake_limit':
      return need(order.kind === 'add_stake_limit' ? 'addStakeLimit' : 'removeStakeLimit')(
        account(order.hotkey, 'hotkey'),
        netuid(order.netuid),
        positive(order.amount, 'amount'),
        u64(order.limitPrice, 'limit price'),
        order.allowPartial ?? false,
      );
    case 'remove_stake_full_limit':
      return need('removeStakeFullLimit')(
        account(order.hotkey, 'hotkey'),
        netuid(order.netuid),
        order.limitPrice === null ? null : u64(order.limitPrice, 'limit price'),
      );
    case 'swap_stake_limit':
      if (order.originNetuid === order.destinationNetuid)
        throw new StakeError('same-subnet', 'Origin and destination are the same subnet: nothing to swap.');
      return need('swapStakeLimit')(
        account(order.hotkey, 'hotkey'),
        netuid(order.originNetuid, 'origin netuid'),
        netuid(order.destinationNetuid, 'destination netuid'),
        positive(order.amount, 'amount'),
        u64(order.limitPrice, 'limit price'),
        order.allowPartial ?? false,
      );
    case 'move_stake':
      return need('moveStake')(
        account(order.originHotkey, 'origin hotkey'),
        account(order.destinationHotkey, 'destination hotkey'),
        netuid(order.originNetuid, 'origin netuid'),
        netuid(order.destinationNetuid, 'destination netuid'),
        positive(order.amount, 'amount'),
      );
  }
}

/** What the confirmation dialog shows: the call decoded from its own bytes. */
export function describeStakeCall(api: ApiPromise, call: SubmittableExtrinsic<'promise'>): DecodedCall {
  return decodeCall(api, call.method.toHex());
}
