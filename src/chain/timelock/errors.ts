// The one error type of the timelock modules, with a `code` the UI can branch on (style.md §3 "Errors"). Pure;
// both realms.

export type TimelockErrorCode =
  | 'invalid-input' // a caller-side mistake: wrong key/nonce length, bad round, out-of-range uid or weight
  | 'malformed-ciphertext' // the bytes are not a TLECiphertext<TinyBLS381> (truncated, wrong lengths, bad point)
  | 'invalid-signature' // the signature bytes are not a valid compressed G1 point
  | 'wrong-signature' // the IBE check r·G2 == U failed: not the signature of this ciphertext's round, or tampered header
  | 'decryption-failed' // AES-GCM refused the body: the body or nonce was altered
  | 'malformed-payload' // the plaintext is not a SCALE WeightsTlockPayload
  | 'no-webcrypto'; // globalThis.crypto.subtle is missing (insecure context, or a Node older than 20)

export class TimelockError extends Error {
  constructor(
    readonly code: TimelockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TimelockError';
  }
}
