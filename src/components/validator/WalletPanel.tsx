// The wallet step: "Connect wallet" (the extension prompt only ever opens from this click) and the account picker.
// The chosen account is the hotkey that signs. UI realm.
import { For, Show } from 'solid-js';
import { rowOf } from '../../chain/metagraph-state.ts';
import type { ValidatorApi } from './validator-state.ts';

export function WalletPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  const uid = () => {
    const mg = v().metagraph();
    const acc = v().account();
    return mg && acc ? (rowOf(mg, acc.address)?.uid ?? null) : undefined;
  };
  return (
    <section class="panel" aria-labelledby="wallet-title">
      <h3 id="wallet-title">3. Hotkey</h3>
      <div class="actions">
        <button type="button" onClick={() => void v().connectWallet()}>
          Connect wallet
        </button>
        <Show when={v().accounts().length > 0}>
          <label class="inline">
            Account{' '}
            <select
              value={v().account()?.address ?? ''}
              onChange={(e) =>
                v().setAccount(
                  v()
                    .accounts()
                    .find((a) => a.address === e.currentTarget.value) ?? null,
                )
              }
            >
              <For each={v().accounts()}>
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
      <Show when={v().walletError()}>
        <p class="error" role="alert" data-testid="wallet-error">
          {v().walletError()}
        </p>
      </Show>
      <Show when={uid() !== undefined}>
        <p data-testid="hotkey-uid">
          {uid() === null ? 'This hotkey is not registered on the subnet.' : `This hotkey is UID ${uid()}.`}
        </p>
      </Show>
    </section>
  );
}
