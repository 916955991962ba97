// The Bittensor networks the client can talk to: presets with their endpoints and expected genesis hashes, and
// validation of user-typed endpoint URLs. Pure data and checks, no I/O; runs in the UI realm (and in Node tests).
import { ChainConnectionError } from './connection-error.ts';

export type NetworkId = 'finney' | 'testnet' | 'local' | 'custom';

export interface Network {
  id: NetworkId;
  label: string;
  /** Websocket endpoint, `ws://` or `wss://`. */
  url: string;
  /**
   * Genesis hash the endpoint must report, or null when it cannot be known in advance (a local dev chain, a custom
   * URL). A mismatch means the endpoint serves a different chain than the user picked.
   */
  genesisHash: string | null;
  tokenSymbol: string;
}

/** Endpoints from the Python SDK and btcli (chain.md §1.1); genesis hashes from subtensor and btcli (§1.1). */
export const NETWORKS = {
  finney: {
    id: 'finney',
    label: 'Finney (mainnet)',
    url: 'wss://entrypoint-finney.opentensor.ai:443',
    genesisHash: '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03',
    tokenSymbol: 'TAO',
  },
  testnet: {
    id: 'testnet',
    label: 'Testnet',
    url: 'wss://test.finney.opentensor.ai:443',
    genesisHash: '0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105',
    tokenSymbol: 'testTAO',
  },
  // A local subtensor's genesis depends on how it was built and started, so it is not checked.
  local: { id: 'local', label: 'Local node', url: 'ws://127.0.0.1:9944', genesisHash: null, tokenSymbol: 'TAO' },
} as const satisfies Record<Exclude<NetworkId, 'custom'>, Network>;

export const DEFAULT_NETWORK: Network = NETWORKS.finney;

/**
 * Checks that `input` is a websocket URL @polkadot/api's WsProvider can open and returns it trimmed.
 * @throws {ChainConnectionError} code `invalid-endpoint`, with a message naming what is wrong.
 */
export function validateEndpoint(input: string): string {
  const text = input.trim();
  const bad = (why: string): never => {
    throw new ChainConnectionError('invalid-endpoint', `Invalid endpoint "${text}": ${why}.`);
  };
  if (!text) bad('the address is empty; enter a ws:// or wss:// URL');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('it is not a URL; expected something like wss://entrypoint-finney.opentensor.ai:443');
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    bad(`the scheme is ${url.protocol.slice(0, -1)}, but nodes are reached over websockets; use ws:// or wss://`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    bad(`the scheme "${url.protocol.slice(0, -1)}" is not supported; use ws:// or wss://`);
  }
  if (!url.hostname) bad('the host name is missing');
  if (url.username || url.password) bad('credentials in the URL are not supported');
  if (url.hash) bad('a #fragment has no meaning for a websocket endpoint');
  // Returned as typed: URL's normalisation would drop an explicit :443, which users compare against docs.
  return text;
}

/** A network for a URL the user typed; its genesis is unknown, so only the chain's own report is shown. */
export function customNetwork(url: string): Network {
  return { id: 'custom', label: 'Custom endpoint', url: validateEndpoint(url), genesisHash: null, tokenSymbol: 'TAO' };
}

/** The same network through another endpoint (an archive or third-party node), keeping its genesis check. */
export function withEndpoint(network: Network, url: string): Network {
  return { ...network, url: validateEndpoint(url) };
}
