// An injected test wallet for Playwright pages (chain.md §6.3): `window.injectedWeb3['arbiter-test']` defined before
// any page script, whose signer forwards the payload to Node, where //Alice signs it with the fixture registry. The
// key never enters the page; every signed payload is recorded for the test to verify. Node realm, tests only.
import type { KeyringPair } from '@polkadot/keyring/types';
import type { SignerPayloadJSON } from '@polkadot/types/types';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';
import type { Page } from 'playwright';
import type { FixtureChain } from '../support/fixture-chain.ts';

export interface SignedPayload {
  payload: SignerPayloadJSON;
  /** The bytes the signature covers: the SCALE payload, or its blake2-256 when longer than 256 bytes. */
  message: Uint8Array;
  /** Type-prefixed signature hex, as returned to the page. */
  signature: string;
}

/**
 * Installs the wallet on `page` (call before `goto`); returns the list of payloads it signed. With `refuse`, the user
 * rejects every request, as an extension's Cancel does.
 */
export async function injectTestWallet(
  page: Page,
  chain: FixtureChain,
  pair: KeyringPair,
  { refuse = false } = {},
): Promise<SignedPayload[]> {
  await cryptoWaitReady();
  const signed: SignedPayload[] = [];
  await page.exposeFunction('__testSign', (payload: SignerPayloadJSON) => {
    if (refuse) throw new Error('Cancelled');
    const ext = chain.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    const bytes = ext.toU8a({ method: true });
    const { signature } = ext.sign(pair);
    signed.push({ payload, message: bytes.length > 256 ? blake2AsU8a(bytes) : bytes, signature });
    return signature;
  });
  await page.addInitScript(
    ({ address }) => {
      type Sign = (payload: unknown) => Promise<string>;
      const w = window as unknown as { injectedWeb3?: Record<string, unknown>; __testSign: Sign };
      const account = { address, name: 'Alice (test)', type: 'sr25519' };
      w.injectedWeb3 = w.injectedWeb3 ?? {};
      w.injectedWeb3['arbiter-test'] = {
        version: '1.0.0',
        enable: async () => ({
          accounts: {
            get: async () => [account],
            subscribe: (cb: (a: unknown[]) => void) => {
              cb([account]);
              return () => undefined;
            },
          },
          signer: {
            signPayload: async (payload: unknown) => ({ id: 1, signature: await w.__testSign(payload) }),
          },
        }),
      };
    },
    { address: pair.address },
  );
  return signed;
}
