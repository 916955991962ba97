// Network choice, Connect/Disconnect, the connection status and what the node says about itself (chain, runtime,
// head block, genesis check). UI realm.
import { For, Show } from 'solid-js';
import { NETWORKS, type NetworkId } from '../../chain/networks.ts';
import type { ChainSession } from './chain-session.ts';

const CHOICES: { id: NetworkId; label: string }[] = [
  { id: 'finney', label: NETWORKS.finney.label },
  { id: 'testnet', label: NETWORKS.testnet.label },
  { id: 'local', label: `${NETWORKS.local.label} (${NETWORKS.local.url})` },
  { id: 'custom', label: 'Custom endpoint' },
];

function genesisText(info: { genesisMatches: boolean | null; genesisHash: string }): string {
  if (info.genesisMatches === true) return `matches (${info.genesisHash.slice(0, 10)}…)`;
  if (info.genesisMatches === false) return `does not match (${info.genesisHash.slice(0, 10)}…)`;
  return `not checked for this endpoint (${info.genesisHash.slice(0, 10)}…)`;
}

export function NetworkPanel(props: { chain: ChainSession }) {
  const c = () => props.chain;
  const state = () => c().status()?.state ?? 'disconnected';
  return (
    <section class="panel" aria-labelledby="network-title">
      <h3 id="network-title">1. Network</h3>
      <fieldset>
        <legend>Network</legend>
        <For each={CHOICES}>
          {(choice) => (
            <label class="inline">
              <input
                type="radio"
                name="network"
                value={choice.id}
                checked={c().networkId() === choice.id}
                onChange={() => c().setNetworkId(choice.id)}
              />{' '}
              {choice.label}
            </label>
          )}
        </For>
        <Show when={c().networkId() === 'custom'}>
          <label>
            Endpoint URL{' '}
            <input
              type="text"
              size={44}
              placeholder="ws://127.0.0.1:9944"
              value={c().customUrl()}
              onInput={(e) => c().setCustomUrl(e.currentTarget.value)}
              aria-invalid={c().endpointError() ? 'true' : undefined}
              aria-describedby="endpoint-error"
            />
          </label>
          <Show when={c().endpointError()}>
            <p class="error" role="alert" id="endpoint-error">
              {c().endpointError()}
            </p>
          </Show>
        </Show>
      </fieldset>
      <div class="actions">
        <button type="button" onClick={() => void c().connect()} disabled={state() === 'connecting'}>
          Connect
        </button>
        <button type="button" onClick={() => void c().disconnect()} disabled={!c().connection()}>
          Disconnect
        </button>
        <span role="status" data-testid="connection-state" class={`conn-${state()}`}>
          {state()}
          <Show when={c().status()?.lastError && state() !== 'connected'}>: {c().status()?.lastError}</Show>
        </span>
      </div>
      <Show when={c().connectError()}>
        <p class="error" role="alert">
          {c().connectError()}
        </p>
      </Show>
      <Show when={c().connection()}>
        {(conn) => (
          <dl class="chain-info" data-testid="chain-info">
            <dt>Chain</dt>
            <dd>{conn().info.chain}</dd>
            <dt>Runtime</dt>
            <dd>
              {conn().info.specName} spec {conn().info.specVersion} (generation {conn().features.generation})
            </dd>
            <dt>Block</dt>
            <dd data-testid="head-block">#{c().head() ?? conn().info.bestBlock}</dd>
            <dt>Genesis</dt>
            <dd>{genesisText(conn().info)}</dd>
          </dl>
        )}
      </Show>
      <Show when={c().connection()?.info.warning}>
        <p class="error" role="alert">
          {c().connection()?.info.warning}
        </p>
      </Show>
    </section>
  );
}
