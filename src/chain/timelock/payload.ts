// The plaintext of a timelocked weight commit: subtensor's SCALE-encoded
// `WeightsTlockPayload { hotkey: Vec<u8>, uids: Vec<u16>, values: Vec<u16>, version_key: u64 }`
// (coinbase/reveal_commits.rs, chain.md §2.7), with the few SCALE rules it needs written out. Pure; both realms.

import { concatBytes, u64LE } from './bytes.ts';
import { TimelockError } from './errors.ts';

export interface WeightsTlockPayload {
  /** The committing hotkey's 32-byte public key; the chain drops the reveal unless it equals the signer. */
  hotkey: Uint8Array;
  /** Neuron uids, u16 each. */
  uids: number[];
  /** Weights, u16 each, already normalised the way set_weights expects (chain.md §2.2). */
  values: number[];
  /** The subnet's `WeightsVersionKey`, u64. */
  versionKey: bigint;
}

/** SCALE compact length: single-, two- and four-byte modes (lengths below 2^30; nothing here comes near). */
function compact(n: number): Uint8Array {
  if (n < 1 << 6) return Uint8Array.of(n << 2);
  if (n < 1 << 14) return Uint8Array.of(((n << 2) | 1) & 0xff, n >> 6);
  if (n < 2 ** 30) {
    const out = new Uint8Array(4);
    new DataView(out.buffer).setUint32(0, ((n << 2) | 2) >>> 0, true);
    return out;
  }
  throw new TimelockError('invalid-input', `length ${n} is too large for a weights payload`);
}

function u16Vec(xs: number[], name: string): Uint8Array {
  const out = new Uint8Array(2 * xs.length);
  const view = new DataView(out.buffer);
  xs.forEach((x, i) => {
    if (!Number.isInteger(x) || x < 0 || x > 0xffff) {
      throw new TimelockError('invalid-input', `${name}[${i}] = ${x} is not a u16 (an integer 0…65535)`);
    }
    view.setUint16(2 * i, x, true);
  });
  return concatBytes(compact(xs.length), out);
}

/** SCALE bytes of the payload (43 + 4n bytes for n < 64 uids). */
export function encodeWeightsPayload(p: WeightsTlockPayload): Uint8Array {
  if (p.hotkey.length !== 32) {
    throw new TimelockError('invalid-input', `hotkey must be the 32-byte public key, got ${p.hotkey.length} bytes`);
  }
  if (p.uids.length !== p.values.length) {
    throw new TimelockError(
      'invalid-input',
      `${p.uids.length} uids but ${p.values.length} values: the chain would reject the reveal`,
    );
  }
  if (p.versionKey < 0n || p.versionKey >= 1n << 64n) {
    throw new TimelockError('invalid-input', `version_key ${p.versionKey} is not a u64`);
  }
  return concatBytes(compact(32), p.hotkey, u16Vec(p.uids, 'uids'), u16Vec(p.values, 'values'), u64LE(p.versionKey));
}

/** Reads SCALE fields front to back, naming the field when the bytes run out. */
class ScaleReader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number, field: string): number {
    if (this.bytes.length - this.at < n) throw bad(`${field} is cut short at byte ${this.at}`);
    const at = this.at;
    this.at += n;
    return at;
  }

  compact(field: string): number {
    const mode = this.bytes[this.need(1, field)]! & 3;
    this.at -= 1;
    if (mode === 0) return this.bytes[this.need(1, field)]! >> 2;
    if (mode === 1) return this.view.getUint16(this.need(2, field), true) >> 2;
    if (mode === 2) return this.view.getUint32(this.need(4, field), true) >>> 2;
    throw bad(`length of ${field} uses SCALE's big-integer mode, far too large for a weights payload`);
  }

  bytesOf(n: number, field: string): Uint8Array {
    const at = this.need(n, field);
    return this.bytes.slice(at, at + n);
  }

  u16s(field: string): number[] {
    const n = this.compact(field);
    const at = this.need(2 * n, field);
    return Array.from({ length: n }, (_, i) => this.view.getUint16(at + 2 * i, true));
  }

  u64(field: string): bigint {
    return this.view.getBigUint64(this.need(8, field), true);
  }

  end(): void {
    if (this.at !== this.bytes.length) throw bad(`${this.bytes.length - this.at} trailing bytes after version_key`);
  }
}

function bad(detail: string): TimelockError {
  return new TimelockError('malformed-payload', `not a WeightsTlockPayload: ${detail}`);
}

/** Decodes a payload, e.g. a decrypted commit; rejects truncated input and trailing bytes. */
export function decodeWeightsPayload(bytes: Uint8Array): WeightsTlockPayload {
  const r = new ScaleReader(bytes);
  const hotkey = r.bytesOf(r.compact('hotkey'), 'hotkey');
  const uids = r.u16s('uids');
  const values = r.u16s('values');
  const versionKey = r.u64('version_key');
  r.end();
  return { hotkey, uids, values, versionKey };
}
