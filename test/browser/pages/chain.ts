// Page side of the chain tests (UI realm): the timelock module as the app bundles it, and, as an independent
// decryptor, the Rust `tle` crate's wasm build (@ideallabs/timelock_wasm_wrapper, a dev dependency; never shipped).
// Only hex strings cross the Playwright boundary.
import initRust, { tld } from '@ideallabs/timelock_wasm_wrapper';
import { bytesToHex as hex, hexToBytes as bytes } from '@noble/hashes/utils';
import { decryptWithSignature, encodeWeightsPayload, encryptForRound } from '../../../src/chain/timelock/index.ts';

const counting = (from: number, n: number) => Uint8Array.from({ length: n }, (_, i) => from + i);

const chainPage = {
  /** chain.md §7's inputs: K = 00..1f, σ = 20..3f, nonce = 40..4b. */
  async golden(plaintextHex: string, round: number): Promise<string> {
    const opts = { key: counting(0x00, 32), sigma: counting(0x20, 32), nonce: counting(0x40, 12) };
    return hex(await encryptForRound(bytes(plaintextHex), round, opts));
  },
  /** A weights payload for `hotkeyHex` committed to `round` with fresh randomness: plaintext and ciphertext. */
  async commit(hotkeyHex: string, uids: number[], values: number[], round: number) {
    const plaintext = encodeWeightsPayload({ hotkey: bytes(hotkeyHex), uids, values, versionKey: 0n });
    return { plaintext: hex(plaintext), ciphertext: hex(await encryptForRound(plaintext, round)) };
  },
  async open(ciphertextHex: string, signatureHex: string): Promise<string> {
    return hex(await decryptWithSignature(bytes(ciphertextHex), signatureHex));
  },
  async openWithRust(ciphertextHex: string, signatureHex: string): Promise<string> {
    await initRust();
    return hex(Uint8Array.from(tld(bytes(ciphertextHex), bytes(signatureHex), 'bls12_381') as number[]));
  },
};

declare global {
  interface Window {
    chainPage: typeof chainPage;
  }
}
window.chainPage = chainPage;
