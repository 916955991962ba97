// AES-256-GCM through WebCrypto, in the form tle's `AESGCMBlockCipherProvider` uses: no associated data, a
// 12-byte nonce, output = ciphertext ‖ 16-byte tag. Async, since WebCrypto is. Pure; both realms.

import { ownBytes, subtle } from './bytes.ts';
import { TimelockError } from './errors.ts';

async function importKey(key: Uint8Array, use: KeyUsage): Promise<CryptoKey> {
  if (key.length !== 32) throw new TimelockError('invalid-input', `AES-256 key must be 32 bytes, got ${key.length}`);
  return subtle().importKey('raw', ownBytes(key), 'AES-GCM', false, [use]);
}

/** Encrypts and authenticates `plaintext`; returns ciphertext ‖ tag (plaintext length + 16). */
export async function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
  if (nonce.length !== 12)
    throw new TimelockError('invalid-input', `AES-GCM nonce must be 12 bytes, got ${nonce.length}`);
  const k = await importKey(key, 'encrypt');
  const out = await subtle().encrypt({ name: 'AES-GCM', iv: ownBytes(nonce), tagLength: 128 }, k, ownBytes(plaintext));
  return new Uint8Array(out);
}

/** Checks the tag and decrypts, or throws 'decryption-failed' (WebCrypto's OperationError says nothing more). */
export async function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Promise<Uint8Array> {
  const k = await importKey(key, 'decrypt');
  try {
    const out = await subtle().decrypt({ name: 'AES-GCM', iv: ownBytes(nonce), tagLength: 128 }, k, ownBytes(sealed));
    return new Uint8Array(out);
  } catch {
    throw new TimelockError(
      'decryption-failed',
      'AES-GCM authentication failed: the ciphertext body or nonce was altered after encryption',
    );
  }
}
