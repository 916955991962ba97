// The Validator page's chain connection as Solid signals: which network, connect/disconnect, the live status and
// head block, and the errors to show (a bad custom URL, a failed connect). UI realm.
import { createSignal, onCleanup } from 'solid-js';
import { connectChain, type ChainConnection } from '../../chain/connection.ts';
import { makeConnectionStatus, type ConnectionStatus } from '../../chain/connection-status.ts';
import { NETWORKS, customNetwork, type Network, type NetworkId } from '../../chain/networks.ts';

export interface ChainSession {
  networkId: () => NetworkId;
  setNetworkId: (id: NetworkId) => void;
  customUrl: () => string;
  setCustomUrl: (url: string) => void;
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
      const n = customNetwork(customUrl());
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
    endpointError,
    connection,
    status,
    head,
    connectError,
    connect,
    disconnect,
  };
}
