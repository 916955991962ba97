// The commit-reveal v2 hash (chain.md §2.6, subtensor `weights.rs::get_commit_hash`) and the salt it hides the
// weights behind. Both realms, pure apart from the salt's `crypto.getRandomValues`.
import { compactToU8a, hexToU8a, isHex, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';

/** How many u16 values the SDK's salt has (`generate_weight_hash` callers use 8). */
export const SALT_LENGTH = 8;

export interface CommitInput {
  /** The hotkey's 32-byte public key (raw bytes or 0x hex), not its SS58 address. */
  hotkey: Uint8Array | string;
  /** Mechanism storage index `mecid · 4096 + netuid` (= netuid for mechanism 0). */
  netuidIndex: number;
  /** Exactly the uids and values that will be revealed (before the chain's max-upscale). */
  uids: readonly number[];
  values: readonly number[];
  salt: readonly number[];
  versionKey: bigint | number;
}

function u16(x: number, what: string): Uint8Array {
  if (!Number.isInteger(x) || x < 0 || x > 0xffff) throw new RangeError(`${what} must be a u16, got ${x}.`);
  return new Uint8Array([x & 0xff, x >> 8]);
}

/** SCALE `Vec<u16>`: compact length, then each value little-endian. */
function vecU16(xs: readonly number[], what: string): Uint8Array {
  return u8aConcat(compactToU8a(xs.length), ...xs.map((x, i) => u16(x, `${what}[${i}]`)));
}

function u64(x: bigint | number): Uint8Array {
  const v = BigInt(x);
  if (v < 0n || v >= 1n << 64n) throw new RangeError(`version_key must be a u64, got ${x}.`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, true);
  return out;
}

function publicKey(hotkey: Uint8Array | string): Uint8Array {
  const pk = typeof hotkey === 'string' && isHex(hotkey) ? hexToU8a(hotkey) : hotkey;
  if (!(pk instanceof Uint8Array) || pk.length !== 32)
    throw new RangeError('hotkey must be the 32-byte public key (bytes or 0x hex), not an SS58 address.');
  return pk;
}

/** SCALE of `(AccountId32, u16, Vec<u16>, Vec<u16>, Vec<u16>, u64)`: the bytes the chain hashes. */
export function commitPreimage(c: CommitInput): Uint8Array {
  return u8aConcat(
    publicKey(c.hotkey),
    u16(c.netuidIndex, 'netuid_index'),
    vecU16(c.uids, 'uids'),
    vecU16(c.values, 'values'),
    vecU16(c.salt, 'salt'),
    u64(c.versionKey),
  );
}

/** The H256 `commit_weights` carries: blake2b-256 of `commitPreimage`, as 0x hex. */
export function commitHash(c: CommitInput): `0x${string}` {
  if (c.uids.length !== c.values.length)
    throw new RangeError(`uids and values differ in length (${c.uids.length} vs ${c.values.length}).`);
  return u8aToHex(blake2AsU8a(commitPreimage(c), 256));
}

/**
 * A fresh salt of 8 random u16 values. Keep it with the commit: the reveal must repeat it exactly, and losing it
 * means the commit can never be revealed.
 */
export function randomSalt(length = SALT_LENGTH): number[] {
  return Array.from(crypto.getRandomValues(new Uint16Array(length)));
}
