// The wallet as Solid signals: the extension's accounts once "Connect wallet" enabled it (from the click), the
// account chosen to sign, and why the wallet could not be used. The Validator (hotkey) and Stake (coldkey) pages
// share it; AccountPicker renders it. UI realm.
import { createSignal } from 'solid-js';
import { enableWallet, type WalletAccount } from '../wallet/extension.ts';

export function createWalletSession() {
  const [accounts, setAccounts] = createSignal<WalletAccount[]>([]);
  const [account, setAccount] = createSignal<WalletAccount | null>(null);
  const [walletError, setWalletError] = createSignal<string | null>(null);

  async function connectWallet() {
    setWalletError(null);
    try {
      const list = await enableWallet();
      setAccounts(list);
      setAccount(list[0] ?? null);
    } catch (e) {
      setAccounts([]);
      setAccount(null);
      setWalletError((e as Error).message);
    }
  }

  return { accounts, account, setAccount, walletError, connectWallet };
}
