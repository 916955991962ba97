// What a staking extrinsic actually did, read from its events after inclusion (chain.md §3.7): the amounts of
// `StakeAdded` / `StakeRemoved` / `StakeMoved` / `StakeSwapped` / `StakeTransferred`, whose fields are unnamed, so
// their order is checked against the runtime's metadata before it is trusted. UI realm (plain data once decoded).
import type { ApiPromise } from '@polkadot/api';
import type { ChainEvent } from '../extrinsics/track.ts';
import { StakeError } from './errors.ts';

/**
 * As the chain fills them (stake_utils.rs @ d383748d): StakeAdded's `taoIn` is the gross TAO taken from the balance
 * (fee included, fee in TAO); StakeRemoved's `alphaIn` is the alpha that reached the pool, net of `fee` (in alpha).
 */
export type StakeEvent =
  | {
      kind: 'StakeAdded';
      coldkey: string;
      hotkey: string;
      taoIn: bigint;
      alphaOut: bigint;
      netuid: number;
      fee: bigint;
    }
  | {
      kind: 'StakeRemoved';
      coldkey: string;
      hotkey: string;
      taoOut: bigint;
      alphaIn: bigint;
      netuid: number;
      fee: bigint;
    }
  | {
      kind: 'StakeMoved';
      coldkey: string;
      originHotkey: string;
      originNetuid: number;
      destinationHotkey: string;
      destinationNetuid: number;
      tao: bigint;
    }
  | {
      kind: 'StakeSwapped';
      coldkey: string;
      hotkey: string;
      originNetuid: number;
      destinationNetuid: number;
      tao: bigint;
    }
  | {
      kind: 'StakeTransferred';
      originColdkey: string;
      destinationColdkey: string;
      hotkey: string;
      originNetuid: number;
      destinationNetuid: number;
      tao: bigint;
    };

/** The field types each event must have, in order, as the fixture's metadata (spec 393) declares them. */
export const EVENT_LAYOUTS: Record<StakeEvent['kind'], string[]> = {
  StakeAdded: ['T::AccountId', 'T::AccountId', 'TaoBalance', 'AlphaBalance', 'NetUid', 'u64'],
  StakeRemoved: ['T::AccountId', 'T::AccountId', 'TaoBalance', 'AlphaBalance', 'NetUid', 'u64'],
  StakeMoved: ['T::AccountId', 'T::AccountId', 'NetUid', 'T::AccountId', 'NetUid', 'TaoBalance'],
  StakeSwapped: ['T::AccountId', 'T::AccountId', 'NetUid', 'NetUid', 'TaoBalance'],
  StakeTransferred: ['T::AccountId', 'T::AccountId', 'T::AccountId', 'NetUid', 'NetUid', 'TaoBalance'],
};

/**
 * Checks that the connected runtime's staking events have the field layout this module reads.
 * @throws {StakeError} `missing-api` naming the first event that differs.
 */
export function assertEventLayouts(api: ApiPromise): void {
  for (const [name, expected] of Object.entries(EVENT_LAYOUTS)) {
    const event = api.events.subtensorModule?.[name];
    const got = event?.meta.fields.map((f) => f.typeName.unwrapOr('').toString()) ?? null;
    if (!got || got.join() !== expected.join())
      throw new StakeError(
        'missing-api',
        `SubtensorModule.${name} has fields (${got?.join(', ') ?? 'none'}), not (${expected.join(', ')}): ` +
          'this runtime changed its staking events; amounts cannot be read from them.',
      );
  }
}

// toJSON gives numbers up to 2^52 and big-endian hex beyond; both parse as bigint.
const amount = (v: unknown): bigint => BigInt(v as number | string);
const id = (v: unknown): string => String(v);
const netuid = (v: unknown): number => Number(v);

/** The staking events among `events` (as signAndTrack reports them), decoded positionally. */
export function stakeEventsOf(events: readonly ChainEvent[]): StakeEvent[] {
  const out: StakeEvent[] = [];
  for (const { name, data: d } of events) {
    const [section, method] = name.split('.');
    if (section !== 'subtensorModule') continue;
    switch (method) {
      case 'StakeAdded':
        out.push({
          kind: method,
          coldkey: id(d[0]),
          hotkey: id(d[1]),
          taoIn: amount(d[2]),
          alphaOut: amount(d[3]),
          netuid: netuid(d[4]),
          fee: amount(d[5]),
        });
        break;
      case 'StakeRemoved':
        out.push({
          kind: method,
          coldkey: id(d[0]),
          hotkey: id(d[1]),
          taoOut: amount(d[2]),
          alphaIn: amount(d[3]),
          netuid: netuid(d[4]),
          fee: amount(d[5]),
        });
        break;
      case 'StakeMoved':
        out.push({
          kind: method,
          coldkey: id(d[0]),
          originHotkey: id(d[1]),
          originNetuid: netuid(d[2]),
          destinationHotkey: id(d[3]),
          destinationNetuid: netuid(d[4]),
          tao: amount(d[5]),
        });
        break;
      case 'StakeSwapped':
        out.push({
          kind: method,
          coldkey: id(d[0]),
          hotkey: id(d[1]),
          originNetuid: netuid(d[2]),
          destinationNetuid: netuid(d[3]),
          tao: amount(d[4]),
        });
        break;
      case 'StakeTransferred':
        out.push({
          kind: method,
          originColdkey: id(d[0]),
          destinationColdkey: id(d[1]),
          hotkey: id(d[2]),
          originNetuid: netuid(d[3]),
          destinationNetuid: netuid(d[4]),
          tao: amount(d[5]),
        });
        break;
    }
  }
  return out;
}

/** Totals of what was actually exchanged, to show next to the quote. */
export interface Settlement {
  /** TAO taken for stakes (StakeAdded, fee included), rao. */
  taoIn: bigint;
  /** Alpha credited as stake (StakeAdded). */
  alphaOut: bigint;
  /** Alpha taken from stake (StakeRemoved): net alpha plus its alpha fee. */
  alphaIn: bigint;
  /** TAO paid out (StakeRemoved), rao. */
  taoOut: bigint;
  /** Fees of the buys (StakeAdded), rao. */
  taoFees: bigint;
  /** Fees of the sells (StakeRemoved), alpha-rao. */
  alphaFees: bigint;
  /** TAO a move or swap carried between subnets (StakeMoved / StakeSwapped / StakeTransferred), or null. */
  taoMoved: bigint | null;
  events: StakeEvent[];
}

export function settlementOf(events: readonly ChainEvent[]): Settlement {
  const decoded = stakeEventsOf(events);
  const s: Settlement = {
    taoIn: 0n,
    alphaOut: 0n,
    alphaIn: 0n,
    taoOut: 0n,
    taoFees: 0n,
    alphaFees: 0n,
    taoMoved: null,
    events: decoded,
  };
  for (const e of decoded) {
    if (e.kind === 'StakeAdded') {
      s.taoIn += e.taoIn;
      s.alphaOut += e.alphaOut;
      s.taoFees += e.fee;
    } else if (e.kind === 'StakeRemoved') {
      s.taoOut += e.taoOut;
      s.alphaIn += e.alphaIn + e.fee;
      s.alphaFees += e.fee;
    } else s.taoMoved = (s.taoMoved ?? 0n) + e.tao;
  }
  return s;
}
