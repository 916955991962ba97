// "Connect wallet" and the account to sign with: enables the extensions from the click, lists their accounts in a
// labelled select, and shows why the wallet could not be used. The Validator (hotkey) and Stake (coldkey) pages use
// it. UI realm.
import { For, Show } from 'solid-js';
import type { WalletAccount } from '../wallet/extension.ts';

export function AccountPicker(props: {
  label: string;
  accounts: () => WalletAccount[];
  account: () => WalletAccount | null;
  setAccount: (a: WalletAccount | null) => void;
  connect: () => Promise<void>;
  error: () => string | null;
}) {
  return (
    <>
      <div class="actions">
        <button type="button" onClick={() => void props.connect()}>
          Connect wallet
        </button>
        <Show when={props.accounts().length > 0}>
          <label class="inline">
            {props.label}{' '}
            <select
              value={props.account()?.address ?? ''}
              onChange={(e) =>
                props.setAccount(props.accounts().find((a) => a.address === e.currentTarget.value) ?? null)
              }
            >
              <For each={props.accounts()}>
                {(a) => (
                  <option value={a.address}>
                    {a.name} ({a.address.slice(0, 8)}…, {a.source})
                  </option>
                )}
              </For>
            </select>
          </label>
        </Show>
      </div>
      <Show when={props.error()}>
        <p class="error" role="alert" data-testid="wallet-error">
          {props.error()}
        </p>
      </Show>
    </>
  );
}
