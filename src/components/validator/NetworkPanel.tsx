// Network choice (for a custom endpoint, also which known chain's genesis to expect), Connect/Disconnect, the
// connection status and what the node says about itself (chain, runtime, head block, genesis check). UI realm.
import { For, Show } from 'solid-js';
import type { ChainConnection } from '../../chain/connection.ts';
import { NETWORKS, type NetworkId } from '../../chain/networks.ts';
import type { ChainSession, GenesisCheck } from './chain-session.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

const CHOICES: { id: NetworkId; label: string }[] = [
  { id: 'finney', label: NETWORKS.finney.label },
  { id: 'testnet', label: NETWORKS.testnet.label },
  { id: 'local', label: `${NETWORKS.local.label} (${NETWORKS.local.url})` },
  { id: 'custom', label: 'Custom endpoint' },
];

const GENESIS_CHECKS: { id: GenesisCheck; label: string }[] = [
  { id: 'none', label: 'Nothing (unknown chain)' },
  { id: 'finney', label: NETWORKS.finney.label },
  { id: 'testnet', label: NETWORKS.testnet.label },
];

function genesisText(conn: ChainConnection): string {
  const { genesisMatches, genesisHash } = conn.info;
  const hash = `${genesisHash.slice(0, 10)}…`;
  if (genesisMatches === true) return `matches ${conn.network.label} (${hash})`;
  if (genesisMatches === false) return `does not match ${conn.network.label}: the node reports ${hash}`;
  return `not checked for this endpoint (${hash})`;
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
          <label>
            Check genesis against{' '}
            <select
              value={c().customGenesis()}
              onChange={(e) => c().setCustomGenesis(e.currentTarget.value as GenesisCheck)}
              aria-describedby="genesis-check-hint"
            >
              <For each={GENESIS_CHECKS}>{(g) => <option value={g.id}>{g.label}</option>}</For>
            </select>
          </label>
          <p class="hint" id="genesis-check-hint">
            For an archive or third-party node of a known network: pick it, and a node of any other chain is flagged and
            cannot sign.
          </p>
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
          {/* A drop after connecting keeps the connection: WsProvider retries, so there is nothing to click. */}
          <Show when={c().connection() && (state() === 'disconnected' || state() === 'error')}>
            {' '}
            (reconnecting by itself…)
          </Show>
        </span>
      </div>
      <ErrorAlert message={c().connectError()} />
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
            <dd data-testid="genesis">{genesisText(conn())}</dd>
          </dl>
        )}
      </Show>
      <ErrorAlert message={c().connection()?.info.warning} />
    </section>
  );
}
