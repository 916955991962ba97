// Opens and watches the websocket connection to a subtensor node through @polkadot/api: connect with a deadline,
// check the genesis hash against the chosen network, detect runtime features, and report connection state while
// WsProvider reconnects on its own. Framework-free; UI realm (also runs in Node tests).
import { ApiPromise, WsProvider } from '@polkadot/api';
import { ChainConnectionError } from './connection-error.ts';
import { makeConnectionStatus, type ConnectionStatusStore } from './connection-status.ts';
import { readFeatures, type RuntimeFeatures } from './features.ts';
import { validateEndpoint, type Network } from './networks.ts';

/** What the node says about itself, plus the genesis check. */
export interface ChainInfo {
  /** `system_chain`, e.g. `Bittensor`. */
  chain: string;
  specName: string;
  specVersion: number;
  transactionVersion: number;
  /** Best block number at connect time. */
  bestBlock: number;
  genesisHash: string;
  /** The genesis hash the chosen network should have; null when unknown (local or custom endpoints). */
  expectedGenesis: string | null;
  /** True or false when `expectedGenesis` is known, null otherwise. */
  genesisMatches: boolean | null;
  /** Set when the genesis hash does not match: a sentence the UI can show as is. */
  warning: string | null;
  ss58Format: number;
  tokenSymbol: string;
  tokenDecimals: number;
}

export interface ChainConnection {
  api: ApiPromise;
  network: Network;
  info: ChainInfo;
  features: RuntimeFeatures;
  /** Live state; WsProvider keeps reconnecting after drops until `disconnect()`. */
  status: ConnectionStatusStore;
  disconnect(): Promise<void>;
}

export interface ConnectOptions {
  /** Give up if the API is not ready by then. Default 15 s. */
  timeoutMs?: number;
  /** Delay between reconnection attempts. Default 2.5 s (WsProvider's own default). */
  retryMs?: number;
  /** Return a connection whose genesis does not match, with `info.warning` set, instead of throwing. */
  allowWrongNetwork?: boolean;
  /** A store to report into, so the UI can show `connecting` before this call resolves. */
  status?: ConnectionStatusStore;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY_MS = 2_500;

/**
 * Connects to `network` and resolves once the API is ready and the genesis check passed.
 * @throws {ChainConnectionError} `invalid-endpoint`, `timeout`, `wrong-network`, `init-failed` or `aborted`; the
 *   connection is closed before throwing.
 */
export async function connectChain(network: Network, options: ConnectOptions = {}): Promise<ChainConnection> {
  const url = validateEndpoint(network.url);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const status = options.status ?? makeConnectionStatus(url);
  status.set('connecting');
  if (options.signal?.aborted) throw new ChainConnectionError('aborted', 'Connection cancelled.');

  // The per-request timeout stays WsProvider's 60 s: whole-network runtime calls can be slow on finney.
  const provider = new WsProvider(url, options.retryMs ?? DEFAULT_RETRY_MS);
  let ready = false;
  const stopWatching = watchProvider(provider, status, () => ready);
  // noInitWarn: the warnings about the subtensor-specific signed extensions are expected (chain.md §1.3).
  const api = new ApiPromise({ provider, noInitWarn: true });
  // Rejects on the first socket error; unobserved, that is an unhandled rejection (ApiPromise.create does the same).
  api.isReadyOrError.catch(() => undefined);
  const close = async () => {
    stopWatching();
    await api.disconnect().catch(() => undefined);
  };

  try {
    await untilReady(api, provider, url, timeoutMs, status, options.signal);
    ready = true;
    const [info, features] = await Promise.all([readInfo(api, network), readFeatures(api)]);
    if (info.genesisMatches === false && !options.allowWrongNetwork) {
      throw new ChainConnectionError('wrong-network', info.warning!);
    }
    // Unless a drop while reading already moved it on (the watcher then reports the reconnection).
    if (status.get().state === 'connecting') status.set('connected');
    return {
      api,
      network,
      info,
      features,
      status,
      async disconnect() {
        await close();
        status.set('disconnected');
      },
    };
  } catch (error) {
    await close();
    const wrapped =
      error instanceof ChainConnectionError
        ? error
        : new ChainConnectionError('init-failed', `Could not read chain state from ${url}: ${message(error)}`, {
            cause: error,
          });
    status.set('error', wrapped.message);
    throw wrapped;
  }
}

/** Mirrors provider events into `status`. Before the API is ready, a drop is still part of `connecting`. */
function watchProvider(provider: WsProvider, status: ConnectionStatusStore, isReady: () => boolean): () => void {
  const offs = [
    provider.on('connected', () => {
      if (isReady()) status.set('connected');
    }),
    provider.on('disconnected', () => status.set(isReady() ? 'disconnected' : 'connecting')),
    // A socket error is followed by a close, which WsProvider answers with a retry: keep the state, note the error.
    provider.on('error', (error: unknown) => {
      const state = status.get().state;
      status.set(state === 'connected' ? 'error' : state, message(error));
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** Resolves when `api` is ready; rejects on the deadline, on abort, or when initialisation fails on an open socket. */
function untilReady(
  api: ApiPromise,
  provider: WsProvider,
  url: string,
  timeoutMs: number,
  status: ConnectionStatusStore,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const finish = (error?: ChainConnectionError) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      api.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => {
      const last = status.get().lastError;
      const why = last ? ` (last error: ${last})` : '';
      finish(
        new ChainConnectionError(
          'timeout',
          `No usable answer from ${url} within ${timeoutMs / 1000} s${why}. ` +
            'Check the address and your network, or pick another endpoint.',
        ),
      );
    }, timeoutMs);
    const onAbort = () => finish(new ChainConnectionError('aborted', 'Connection cancelled.'));
    // The API re-emits socket errors too; only an error while the socket is open means initialisation failed.
    const onError = (error: unknown) => {
      if (!provider.isConnected) return;
      finish(
        new ChainConnectionError('init-failed', `${url} answered, but the API could not start: ${message(error)}`),
      );
    };
    signal?.addEventListener('abort', onAbort);
    api.on('error', onError);
    api.isReady.then(
      () => finish(),
      () => undefined,
    );
  });
}

async function readInfo(api: ApiPromise, network: Network): Promise<ChainInfo> {
  const header = await api.rpc.chain.getHeader();
  const genesisHash = api.genesisHash.toHex();
  const expectedGenesis = network.genesisHash;
  const genesisMatches = expectedGenesis === null ? null : expectedGenesis.toLowerCase() === genesisHash;
  const version = api.runtimeVersion;
  return {
    chain: api.runtimeChain.toString(),
    specName: version.specName.toString(),
    specVersion: version.specVersion.toNumber(),
    transactionVersion: version.transactionVersion.toNumber(),
    bestBlock: header.number.toNumber(),
    genesisHash,
    expectedGenesis,
    genesisMatches,
    warning:
      genesisMatches === false
        ? `Wrong network: ${network.url} serves a chain with genesis ${genesisHash}, not ${network.label} ` +
          `(${expectedGenesis}). Pick the network this endpoint belongs to, or another endpoint.`
        : null,
    ss58Format: api.registry.chainSS58 ?? 42,
    tokenSymbol: api.registry.chainTokens[0] ?? network.tokenSymbol,
    tokenDecimals: api.registry.chainDecimals[0] ?? 9,
  };
}

function message(error: unknown): string {
  if (error instanceof Error) return error.message;
  // WebSocket error events carry a message in Node's ws and none in browsers.
  if (typeof error === 'object' && error && 'message' in error && typeof error.message === 'string') {
    return error.message;
  }
  return 'websocket error';
}
