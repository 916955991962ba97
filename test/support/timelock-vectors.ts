// The timelock test data shared by the Node and Chromium tests: chain.md §7's golden vector and the drand quicknet
// fixture (real round-1000 pulse) read from ../shared. Node realm.
import { readFileSync } from 'node:fs';

export interface QuicknetFixture {
  chain_hash: string;
  public_key_g2_compressed_hex: string;
  genesis_time: number;
  period_seconds: number;
  pulses: { round: number; randomness: string; signature_g1_compressed_hex: string }[];
}

export function quicknetFixture(): QuicknetFixture {
  const url = new URL('../../../shared/fixtures/chain/drand-quicknet.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as QuicknetFixture;
}

/** The round-1000 signature, hex. */
export const signature1000 = () => quicknetFixture().pulses.find((p) => p.round === 1000)!.signature_g1_compressed_hex;

/** chain.md §7, copied from the document (line breaks removed): R = 1000, K = 00..1f, σ = 20..3f, nonce = 40..4b. */
export const GOLDEN_PLAINTEXT =
  '80d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d0c0000010002000cffff008001000000000000000000';
export const GOLDEN_CIPHERTEXT = [
  '8bb3792fbc3745e9e6133d84723f789899f01166e746f2546dcbf2a24ac8f73af4d011d65e961ab8da429b1431d26688',
  '175c620cc7040778cf2b0666b025060bbe3af9590cbf6fe64d6a98f838a1c2c8e8e782a6636103d33c8fe4f95dc0c1fe',
  '2000000000000000e261120411babf6cb7a9e82b8f8748abf391b64d772f358a34270abbb3ee71c6',
  '200000000000000072dab53068737e072bf137afcf58fce1fa94612807c651618f886d8bdd3f8e9b',
  '6300000000000000',
  '4700000000000000626d9bb0e1297ad0d1a5032c2660bac4af447ed9efb043ee94dd186170b68079e504f3acdfb9dd542d',
  '0bf46f110cdfdacb71aa3133c7e23ccb13f20d4b2304be65ed5422ec0904',
  '0c00000000000000404142434445464748494a4b',
  '08000000000000004145535f47434d5f',
].join('');
export const GOLDEN_SHA256 = 'af1d62d4f0363b9598ed3a733fe71ac028d6ce82536dfcba5082f30bca7be87b';
