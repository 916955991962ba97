// The Validator page's chain connection as Solid signals: which network (for a custom endpoint, also which known
// chain's genesis to check it against), connect/disconnect, the live status and head block, and the errors to show
// (a bad custom URL, a failed connect). UI realm.
import { createSignal, onCleanup } from 'solid-js';
import { connectChain, type ChainConnection } from '../../chain/connection.ts';
import { makeConnectionStatus, type ConnectionStatus } from '../../chain/connection-status.ts';
import { NETWORKS, customNetwork, withEndpoint, type Network, type NetworkId } from '../../chain/networks.ts';

/**
 * Which known chain a custom endpoint must belong to: 'none' for a chain Arbiter does not know (no genesis check),
 * or a preset whose genesis hash the node must report (an archive or third-party node of finney or testnet).
 */
export type GenesisCheck = 'none' | 'finney' | 'testnet';

export interface ChainSession {
  networkId: () => NetworkId;
  setNetworkId: (id: NetworkId) => void;
  customUrl: () => string;
  setCustomUrl: (url: string) => void;
  /** Only used with the custom endpoint; takes effect on the next Connect. */
  customGenesis: () => GenesisCheck;
  setCustomGenesis: (check: GenesisCheck) => void;
  /** The custom URL's validation message, shown next to the field. */
  endpointError: () => string | null;
  connection: () => ChainConnection | null;
  status: () => ConnectionStatus | null;
  /** Best block, live while connected. */
  head: () => number | null;
  connectError: () => string | null;
  connect: () => Promise<void>;
  disconnect: () => Promise<void>;
}

export function createChainSession(): ChainSession {
  const [networkId, setNetworkId] = createSignal<NetworkId>('finney');
  const [customUrl, setCustomUrl] = createSignal('');
  const [customGenesis, setCustomGenesis] = createSignal<GenesisCheck>('none');
  const [endpointError, setEndpointError] = createSignal<string | null>(null);
  const [connection, setConnection] = createSignal<ChainConnection | null>(null);
  const [status, setStatus] = createSignal<ConnectionStatus | null>(null);
  const [head, setHead] = createSignal<number | null>(null);
  const [connectError, setConnectError] = createSignal<string | null>(null);
  let cleanup: (() => void)[] = [];
  // Each connect attempt gets a number, so a slow earlier attempt cannot overwrite a later one.
  let attempt = 0;

  function network(): Network | null {
    const id = networkId();
    if (id !== 'custom') return NETWORKS[id];
    try {
      const check = customGenesis();
      // withEndpoint keeps the preset's genesis hash, so a node of another chain is flagged as the wrong network.
      const n = check === 'none' ? customNetwork(customUrl()) : withEndpoint(NETWORKS[check], customUrl());
      setEndpointError(null);
      return n;
    } catch (e) {
      setEndpointError((e as Error).message);
      return null;
    }
  }

  async function disconnect() {
    attempt++;
    cleanup.forEach((f) => f());
    cleanup = [];
    const conn = connection();
    setConnection(null);
    setHead(null);
    if (conn) await conn.disconnect();
  }

  async function connect() {
    setConnectError(null);
    const target = network();
    if (!target) return;
    await disconnect();
    const mine = ++attempt;
    const store = makeConnectionStatus(target.url);
    setStatus(store.get());
    cleanup.push(store.subscribe(setStatus));
    try {
      // The wrong-network case still connects, so the page can show which chain answered; signing stays disabled.
      const conn = await connectChain(target, { status: store, allowWrongNetwork: true });
      if (mine !== attempt) return void conn.disconnect();
      setConnection(conn);
      setHead(conn.info.bestBlock);
      const unsub = await conn.api.rpc.chain.subscribeNewHeads((h) => {
        setHead(h.number.toNumber());
      });
      cleanup.push(unsub);
    } catch (e) {
      if (mine === attempt) setConnectError((e as Error).message);
    }
  }

  onCleanup(() => void disconnect());
  return {
    networkId,
    setNetworkId: (id) => {
      setNetworkId(id);
      setEndpointError(null);
    },
    customUrl,
    setCustomUrl,
    customGenesis,
    setCustomGenesis,
    endpointError,
    connection,
    status,
    head,
    connectError,
    connect,
    disconnect,
  };
}
