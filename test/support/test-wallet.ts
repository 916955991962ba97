// The wallet extension's part in Node tests: a keyring signer that signs the payload the API hands over, as
// polkadot{.js} does, records what it signed, and checks that a captured extrinsic carries exactly that signature.
import { Keyring } from '@polkadot/keyring';
import type { ApiPromise } from '@polkadot/api';
import type { Signer, SignerResult } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Extrinsic } from '@polkadot/types/interfaces';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { hexToU8a, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady, signatureVerify } from '@polkadot/util-crypto';
import { expect } from 'vitest';

export interface SignedPayload {
  /** The bytes signed: the payload, or its blake2-256 when longer than 256 bytes. */
  message: Uint8Array;
  signature: string;
  payload: SignerPayloadJSON;
}

export class TestWallet {
  /** Every payload signed, in order. */
  readonly signed: SignedPayload[] = [];
  /** The signing key; set by ready(). */
  pair!: KeyringPair;

  /** `beforeSign` runs as the wallet is asked; throwing from it refuses the signature with that error. */
  constructor(
    private readonly api: () => ApiPromise,
    private readonly beforeSign: () => void = () => {},
  ) {}

  /** Call from beforeAll: sr25519 needs the crypto wasm. */
  async ready(uri = '//Alice'): Promise<KeyringPair> {
    await cryptoWaitReady();
    return (this.pair = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri));
  }

  readonly signer: Signer = {
    signPayload: (payload: SignerPayloadJSON): Promise<SignerResult> => {
      try {
        this.beforeSign();
      } catch (e) {
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
      const ext = this.api().registry.createType('ExtrinsicPayload', payload, { version: payload.version });
      const { signature } = ext.sign(this.pair);
      const bytes = ext.toU8a({ method: true });
      this.signed.push({ message: bytes.length > 256 ? blake2AsU8a(bytes) : bytes, signature, payload });
      return Promise.resolve({ id: this.signed.length, signature });
    },
  };

  /** The captured extrinsic is this wallet's, and its signature verifies over exactly the payload signed last. */
  expectSignedLast(ext: Extrinsic): void {
    expect(ext.isSigned).toBe(true);
    expect(ext.signer.toString()).toBe(this.pair.address);
    const last = this.signed.at(-1)!;
    expect(last.payload.method).toBe(ext.method.toHex());
    expect(ext.signature.toHex()).toBe(u8aToHex(hexToU8a(last.signature).slice(1))); // without the sr25519 type byte
    expect(signatureVerify(last.message, last.signature, this.pair.address).isValid).toBe(true);
    const tampered = last.message.slice();
    tampered[0]! ^= 1;
    expect(signatureVerify(tampered, last.signature, this.pair.address).isValid).toBe(false);
  }
}
