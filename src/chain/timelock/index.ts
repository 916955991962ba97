// Public API of the drand-quicknet timelock used by `commit_timelocked_weights`: encrypt a weights payload to a
// round, decrypt with that round's signature, and the beacon's constants. Pure; both realms.

export { TimelockError, type TimelockErrorCode } from './errors.ts';
export {
  QUICKNET_CHAIN_HASH,
  QUICKNET_DST,
  QUICKNET_GENESIS_TIME,
  QUICKNET_PERIOD_SECONDS,
  QUICKNET_PUBLIC_KEY_HEX,
  quicknetPublicKey,
  roundAt,
  roundMessage,
  roundPoint,
  roundTime,
  verifyRoundSignature,
} from './quicknet.ts';
export { CIPHERTEXT_OVERHEAD, parseCiphertext, serializeCiphertext, type TleCiphertext } from './ciphertext.ts';
export { gtToBytes, GT_BYTES } from './gt-bytes.ts';
export { encryptForRound, type EncryptOptions, type TimelockRandomness } from './encrypt.ts';
export { decryptWithSignature } from './decrypt.ts';
export { decodeWeightsPayload, encodeWeightsPayload, type WeightsTlockPayload } from './payload.ts';
