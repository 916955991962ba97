// The wallet step: "Connect wallet" (the extension prompt only ever opens from this click) and the account picker.
// The chosen account is the hotkey that signs. UI realm.
import { Show } from 'solid-js';
import { rowOf } from '../../chain/metagraph-state.ts';
import { AccountPicker } from '../AccountPicker.tsx';
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
      <AccountPicker
        label="Account"
        accounts={v().accounts}
        account={v().account}
        setAccount={v().setAccount}
        connect={v().connectWallet}
        error={v().walletError}
      />
      <Show when={uid() !== undefined}>
        <p data-testid="hotkey-uid">
          {uid() === null ? 'This hotkey is not registered on the subnet.' : `This hotkey is UID ${uid()}.`}
        </p>
      </Show>
    </section>
  );
}
