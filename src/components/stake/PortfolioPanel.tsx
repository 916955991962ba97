// The wallet step of the Stake page: "Connect wallet" (the extension prompt only ever opens from this click), the
// coldkey picker (the coldkey signs staking calls), its free balance and its positions per hotkey and subnet in
// alpha with their TAO value at spot and if sold now. UI realm.
import { For, Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import { AccountPicker } from '../AccountPicker.tsx';
import { shortKey } from '../validator/MetagraphPanel.tsx';
import type { StakeApi } from './stake-state.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

export function PortfolioPanel(props: { api: StakeApi }) {
  const s = () => props.api;
  const nameOf = (netuid: number) =>
    s()
      .markets()
      .find((m) => m.netuid === netuid)?.name ?? '';
  return (
    <section class="panel" aria-labelledby="portfolio-title">
      <h3 id="portfolio-title">3. Coldkey and positions</h3>
      <AccountPicker
        label="Coldkey"
        accounts={s().accounts}
        account={s().account}
        setAccount={s().setAccount}
        connect={s().connectWallet}
        error={s().walletError}
      />
      <ErrorAlert message={s().portfolioError()} />
      <Show when={s().portfolio()}>
        {(p) => (
          <>
            <p>
              Free balance: <strong data-testid="free-balance">{formatRao(p().free)} TAO</strong>; staked, at spot
              prices: <span data-testid="total-staked">{formatRao(p().totalAtSpot)} TAO</span>.
            </p>
            <Show when={p().positions.length > 0} fallback={<p class="hint">No stake yet.</p>}>
              <table data-testid="positions">
                <caption class="visually-hidden">Stake per hotkey and subnet</caption>
                <thead>
                  <tr>
                    <th scope="col">Hotkey</th>
                    <th scope="col">Subnet</th>
                    <th scope="col">Stake (α)</th>
                    <th scope="col">Value at spot (τ)</th>
                    <th scope="col">If sold now (τ)</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().positions}>
                    {(x) => (
                      <tr>
                        <td title={x.hotkey}>{shortKey(x.hotkey)}</td>
                        <td>
                          {x.netuid} {nameOf(x.netuid)}
                        </td>
                        <td>{formatRao(x.alpha)}</td>
                        <td>{formatRao(x.valueAtSpot)}</td>
                        <td>{x.valueIfSold === null ? 'pool refuses' : formatRao(x.valueIfSold)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
