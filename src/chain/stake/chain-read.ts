// Small typed accessors over @polkadot/api for the staking reads: runtime API methods and storage items looked up
// by name (a runtime may lack either), and Codec → bigint/number/bool/text conversions. UI realm (also Node tests).
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { StakeError } from './errors.ts';

type CallFn = (...args: unknown[]) => Promise<Codec>;
export type Query = ((...args: unknown[]) => Promise<Codec>) & { multi(args: unknown[]): Promise<Codec[]> };

/** `api.call[section][method]`, or a StakeError naming the runtime API this runtime lacks. */
export function runtimeCall(api: ApiPromise, section: string, method: string): CallFn {
  const found = api.call[section]?.[method];
  if (!found)
    throw new StakeError('missing-api', `This runtime has no ${section}.${method}: wrong network, or a newer runtime.`);
  return found as unknown as CallFn;
}

/** `api.query[pallet][item]`, or null when the runtime has no such item (generation differences). */
export function storageItem(api: ApiPromise, pallet: string, item: string): Query | null {
  return (api.query[pallet]?.[item] as unknown as Query | undefined) ?? null;
}

/** Like storageItem, but the item is required. */
export function requireItem(api: ApiPromise, pallet: string, item: string): Query {
  const found = storageItem(api, pallet, item);
  if (!found)
    throw new StakeError('missing-api', `This runtime has no ${pallet}.${item}: wrong network, or a newer runtime.`);
  return found;
}

/** A struct field by its camelCase name. */
export const field = (c: Codec, name: string): Codec => {
  const value = (c as unknown as { get(n: string): Codec | undefined }).get(name);
  if (value === undefined) throw new StakeError('missing-api', `Unexpected runtime type: no field ${name}.`);
  return value;
};
export const big = (c: Codec): bigint => BigInt(c.toString());
export const num = (c: Codec): number => Number(c.toString());
export const bool = (c: Codec): boolean => c.toString() === 'true';
/** `Vec<Compact<u8>>` / `Vec<u8>` as UTF-8 text. */
export const text = (c: Codec): string =>
  new TextDecoder().decode(Uint8Array.from((c as unknown as Codec[]).map((b) => Number(b.toString()))));
/** `FixedU128 { bits }` (substrate_fixed) as its raw bits. */
export const fixedBits = (c: Codec): bigint => big(field(c, 'bits'));
