// Every subnet's market: alpha price from the runtime, TAO and alpha reserves, per-block emission; a search by name
// or netuid and sortable columns (header buttons with aria-sort), and a Trade button per row to pick the subnet for
// the order form. All of it works from the keyboard. UI realm.
import { For, Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import type { SortKey, StakeApi } from './stake-state.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'netuid', label: 'Netuid' },
  { key: 'price', label: 'Price (τ per α)' },
  { key: 'tao', label: 'TAO reserve' },
  { key: 'emission', label: 'Emission (τ per block)' },
];

function SortHeader(props: { api: StakeApi; column: SortKey }) {
  const label = () => COLUMNS.find((c) => c.key === props.column)!.label;
  const active = () => props.api.sort().key === props.column;
  const dir = () => (props.api.sort().descending ? 'descending' : 'ascending');
  return (
    <th scope="col" aria-sort={active() ? dir() : 'none'}>
      <button type="button" class="sort" onClick={() => props.api.sortBy(props.column)}>
        {label()}
        <span aria-hidden="true">{active() ? (props.api.sort().descending ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
}

export function SubnetsPanel(props: { api: StakeApi }) {
  const s = () => props.api;
  return (
    <section class="panel" aria-labelledby="subnets-title">
      <h3 id="subnets-title">2. Subnets</h3>
      <div class="actions">
        <label class="inline">
          Search subnets{' '}
          <input
            type="search"
            placeholder="name or netuid"
            value={s().search()}
            onInput={(e) => s().setSearch(e.currentTarget.value)}
          />
        </label>
        <button type="button" onClick={() => void s().loadMarkets()} disabled={!s().chain.connection()}>
          Refresh
        </button>
        <Show when={s().loadingMarkets()}>
          <span role="status">Reading subnets…</span>
        </Show>
      </div>
      <ErrorAlert message={s().marketsError()} />
      <Show when={s().markets().length > 0} fallback={<p class="hint">Connect to a network to see its subnets.</p>}>
        <table data-testid="subnets">
          <caption class="visually-hidden">Subnets, sortable by the column buttons</caption>
          <thead>
            <tr>
              <SortHeader api={s()} column="netuid" />
              <th scope="col">Name</th>
              <SortHeader api={s()} column="price" />
              <SortHeader api={s()} column="tao" />
              <th scope="col">Alpha reserve</th>
              <SortHeader api={s()} column="emission" />
              <th scope="col">
                <span class="visually-hidden">Trade</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={s().visibleMarkets()}>
              {(m) => (
                <tr
                  aria-current={s().netuid() === m.netuid ? 'true' : undefined}
                  class={s().netuid() === m.netuid ? 'selected' : ''}
                >
                  <td>{m.netuid}</td>
                  <td>
                    {m.name} <span class="hint">{m.symbol}</span>
                    <Show when={!m.subtokenEnabled}>
                      {' '}
                      <span class="bad">(staking disabled)</span>
                    </Show>
                  </td>
                  <td title={`${m.price} rao per alpha`}>{formatRao(m.price)}</td>
                  <td>{formatRao(m.taoReserve, 4)}</td>
                  <td>{formatRao(m.alphaReserve, 4)}</td>
                  <td>{formatRao(m.emission.tao)}</td>
                  <td>
                    <button type="button" onClick={() => s().select(m.netuid)}>
                      Trade<span class="visually-hidden"> on subnet {m.netuid}</span>
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <Show when={s().visibleMarkets().length === 0}>
          <p class="hint">No subnet matches "{s().search()}".</p>
        </Show>
      </Show>
    </section>
  );
}
