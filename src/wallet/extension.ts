// The browser wallet, through @polkadot/extension-dapp: enable the injected extensions (only ever from a user
// gesture: extensions open a permission prompt), list their accounts, and get the signer of one. Nothing here signs
// by itself. UI realm.
import type { InjectedAccountWithMeta } from '@polkadot/extension-inject/types';
import type { Signer } from '@polkadot/api/types';

export class WalletError extends Error {
  constructor(
    readonly code: 'no-extension' | 'not-authorised' | 'no-accounts' | 'unknown-account',
    message: string,
  ) {
    super(message);
  }
}

export interface WalletAccount {
  address: string;
  name: string;
  /** The extension that holds it ('polkadot-js', 'talisman', 'subwallet-js'...). */
  source: string;
}

const APP_NAME = 'Arbiter';

/**
 * Asks every injected extension for access and returns all their accounts. Call it from a click handler. The
 * extension-dapp module is loaded here, on demand: it touches `window.injectedWeb3` when imported.
 */
export async function enableWallet(): Promise<WalletAccount[]> {
  const dapp = await import('@polkadot/extension-dapp');
  const injected = (window as { injectedWeb3?: Record<string, unknown> }).injectedWeb3 ?? {};
  if (Object.keys(injected).length === 0)
    throw new WalletError(
      'no-extension',
      'No wallet extension found. Install one that supports Polkadot-style accounts (polkadot{.js}, Talisman, ' +
        'SubWallet), add your hotkey to it, and reload this page.',
    );
  const extensions = await dapp.web3Enable(APP_NAME);
  if (extensions.length === 0)
    throw new WalletError(
      'not-authorised',
      'The wallet extension did not allow Arbiter to see your accounts. Allow this site in the extension and retry.',
    );
  const accounts: InjectedAccountWithMeta[] = await dapp.web3Accounts({ ss58Format: 42 });
  if (accounts.length === 0)
    throw new WalletError('no-accounts', 'The wallet extension has no accounts for this site. Add or allow one.');
  return accounts.map((a) => ({ address: a.address, name: a.meta.name ?? a.address, source: a.meta.source }));
}

/** The signer of the extension holding `account`. */
export async function signerOf(account: WalletAccount): Promise<Signer> {
  const dapp = await import('@polkadot/extension-dapp');
  const ext = await dapp.web3FromSource(account.source).catch(() => null);
  if (!ext?.signer)
    throw new WalletError('unknown-account', `The extension ${account.source} cannot sign for ${account.address}.`);
  return ext.signer;
}
