// Byte helpers shared by the timelock modules: concatenation, XOR of equal-length blocks, u64 writers, and the
// WebCrypto access point. Pure; both realms.

import { TimelockError } from './errors.ts';

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** a ⊕ b for two blocks of the same length (the IBE's `cross_product_32`). */
export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  if (a.length !== b.length) throw new Error(`xorBytes: lengths differ (${a.length} vs ${b.length})`);
  return Uint8Array.from(a, (x, i) => x ^ b[i]!);
}

export function u64LE(n: bigint | number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

export function u64BE(n: bigint | number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), false);
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A copy backed by a plain ArrayBuffer: WebCrypto's BufferSource type (TS 5.9 DOM lib) rejects views whose
 * buffer may be a SharedArrayBuffer, and a copy also keeps callers' buffers out of async crypto calls.
 */
export function ownBytes(a: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(a);
}

/** WebCrypto's SubtleCrypto, or a TimelockError saying why it is missing. */
export function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) {
    throw new TimelockError(
      'no-webcrypto',
      'WebCrypto (crypto.subtle) is unavailable: open the app over https or localhost, or use Node 20 or newer',
    );
  }
  return s;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  if (!globalThis.crypto?.getRandomValues) {
    throw new TimelockError('no-webcrypto', 'crypto.getRandomValues is unavailable: cannot draw timelock randomness');
  }
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}
