// The wire form of a timelock commit: tle's `TLECiphertext<TinyBLS381>` as ark-serialize 0.4 compresses it,
// which is what subtensor deserializes from `commit_timelocked_weights` (chain.md §2.8.2). Serialize and a
// strict parser with errors that name the field at fault. Pure; both realms.

import { concatBytes, u64LE } from './bytes.ts';
import { TimelockError } from './errors.ts';

/** Length of the compressed G2 point `U`. */
export const U_BYTES = 96;
/** The only block cipher subtensor's tle accepts, as its `cipher_suite` bytes. */
export const CIPHER_SUITE = new TextEncoder().encode('AES_GCM_');
/** AES-GCM nonce and tag lengths. */
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
/** Serialized length minus plaintext length: 96 + 40 + 40 + 8 + (8 + 16) + (8 + 12) + (8 + 8). */
export const CIPHERTEXT_OVERHEAD = 244;

/** A parsed TLECiphertext: the IBE header (U, V, W) and the AES-GCM body (fresh copies, not views). */
export interface TleCiphertext {
  /** U = r·G2, compressed (96 bytes). */
  u: Uint8Array;
  /** V = σ ⊕ sha256(ser_GT(e(Q, r·P_pub))), 32 bytes. */
  v: Uint8Array;
  /** W = K ⊕ sha256(σ), 32 bytes. */
  w: Uint8Array;
  /** AES-256-GCM output: ciphertext followed by the 16-byte tag. */
  sealed: Uint8Array;
  /** The 12-byte AES-GCM nonce. */
  nonce: Uint8Array;
}

/** arkworks `Vec<u8>`: u64 little-endian length, then the bytes. */
function vec(bytes: Uint8Array): Uint8Array {
  return concatBytes(u64LE(bytes.length), bytes);
}

/** The bytes subtensor expects as `commit`: header, `body` (a serialized `AESOutput`), cipher suite. */
export function serializeCiphertext(ct: TleCiphertext): Uint8Array {
  if (ct.u.length !== U_BYTES || ct.v.length !== 32 || ct.w.length !== 32 || ct.nonce.length !== NONCE_BYTES) {
    throw new TimelockError('invalid-input', 'serializeCiphertext: U must be 96 bytes, V and W 32, the nonce 12');
  }
  const body = concatBytes(vec(ct.sealed), vec(ct.nonce));
  return concatBytes(ct.u, vec(ct.v), vec(ct.w), vec(body), vec(CIPHER_SUITE));
}

/** Reads length-prefixed fields front to back and names the field and offset when the bytes run out. */
class Reader {
  at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly base = 0,
  ) {}

  take(n: number, field: string): Uint8Array {
    if (this.bytes.length - this.at < n) {
      throw malformed(
        `${field} needs ${n} bytes at offset ${this.base + this.at}, only ${this.bytes.length - this.at} left`,
      );
    }
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  vec(field: string): Uint8Array {
    const len = new DataView(this.take(8, `length of ${field}`).slice().buffer).getBigUint64(0, true);
    const left = this.bytes.length - this.at;
    if (len > BigInt(left)) {
      throw malformed(`${field} claims ${len} bytes at offset ${this.base + this.at}, only ${left} left`);
    }
    return this.take(Number(len), field);
  }

  end(what: string): void {
    if (this.at !== this.bytes.length) {
      throw malformed(`${this.bytes.length - this.at} unexpected trailing bytes after ${what}`);
    }
  }
}

function malformed(detail: string): TimelockError {
  return new TimelockError('malformed-ciphertext', `not a timelock ciphertext (TLECiphertext): ${detail}`);
}

function expectLength(got: Uint8Array, want: number, field: string): void {
  if (got.length !== want) throw malformed(`${field} must be ${want} bytes, got ${got.length}`);
}

/**
 * Parses the bytes of a commit. Stricter than ark-serialize, which would also take other V/W lengths, other
 * cipher suites and trailing bytes: none of those can come from tle's encryptor, nor decrypt on chain.
 */
export function parseCiphertext(bytes: Uint8Array): TleCiphertext {
  if (bytes.length < CIPHERTEXT_OVERHEAD) {
    throw malformed(`${bytes.length} bytes is shorter than the ${CIPHERTEXT_OVERHEAD}-byte minimum`);
  }
  const r = new Reader(bytes);
  const u = r.take(U_BYTES, 'U');
  const v = r.vec('V');
  expectLength(v, 32, 'V');
  const w = r.vec('W');
  expectLength(w, 32, 'W');
  const bodyAt = r.at + 8;
  const body = new Reader(r.vec('body'), bodyAt);
  const sealed = body.vec('AES-GCM ciphertext');
  if (sealed.length < TAG_BYTES) throw malformed(`AES-GCM ciphertext is ${sealed.length} bytes, shorter than its tag`);
  const nonce = body.vec('nonce');
  expectLength(nonce, NONCE_BYTES, 'nonce');
  body.end('the nonce');
  const suite = r.vec('cipher suite');
  if (suite.length !== CIPHER_SUITE.length || !suite.every((b, i) => b === CIPHER_SUITE[i])) {
    throw malformed(`cipher suite is ${JSON.stringify(new TextDecoder().decode(suite))}, expected "AES_GCM_"`);
  }
  r.end('the cipher suite');
  return { u, v, w, sealed, nonce };
}
