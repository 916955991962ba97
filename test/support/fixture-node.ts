// A local JSON-RPC websocket "node" for tests: serves finney's real metadata and scripted state to @polkadot/api,
// answering the methods of chain.md §6.2 (and their subscriptions), recording submitted extrinsics. Node realm.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { blake2AsHex } from '@polkadot/util-crypto';
import { compactAddLength, hexToU8a, u8aToHex } from '@polkadot/util';
import {
  eventRecords,
  extrinsicSuccess,
  FINNEY_GENESIS,
  fixtureHeader,
  loadFixtureChain,
  type EventSpec,
  type FixtureChain,
} from './fixture-chain.ts';

// `ws` ships no types and @types/ws is not installed; this is the little of it used here.
interface WsSocket {
  send(data: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'close', listener: () => void): void;
}
interface WsServer {
  clients: Set<WsSocket>;
  address(): AddressInfo;
  close(done?: () => void): void;
  on(event: 'connection', listener: (socket: WsSocket) => void): void;
  once(event: 'listening', listener: () => void): void;
  once(event: 'error', listener: (error: Error) => void): void;
}
const { WebSocketServer } = createRequire(import.meta.url)('ws') as {
  WebSocketServer: new (options: { host: string; port: number }) => WsServer;
};

/** A canned `state_call` answer: SCALE hex, or computed from the call's SCALE-encoded arguments. */
export type RuntimeCallAnswer = string | ((paramsHex: string) => string);

export interface FixtureNodeOptions {
  /** Genesis hash to report; finney's by default. Another value plays a node of the wrong network. */
  genesisHash?: string;
  /** Best block number; 1000 by default. */
  head?: number;
  /** Initial storage, key hex → value hex. */
  storage?: Record<string, string>;
  /** Initial runtime calls by `Api_method` name, e.g. `SwapRuntimeApi_current_alpha_price`. */
  runtimeCalls?: Record<string, RuntimeCallAnswer>;
  /**
   * The events a submitted extrinsic emits (default: `System.ExtrinsicSuccess` only). Watched submissions are
   * included in the current head block, whose `System.Events` and `chain_getBlock` then show them.
   */
  onSubmit?: (extrinsicHex: string) => EventSpec[];
}

export interface FixtureNode {
  /** `ws://127.0.0.1:<port>`. */
  url: string;
  chain: FixtureChain;
  /** Hex of every extrinsic submitted, in order. */
  submitted: string[];
  setStorage(key: string, value: string | null): void;
  setRuntimeCall(name: string, answer: RuntimeCallAnswer): void;
  /** Moves the best (and finalized) head, notifying header subscribers. */
  setHead(number: number): void;
  /**
   * Reports another `specVersion` from `state_getRuntimeVersion` without notifying subscribers: a runtime upgrade the
   * page has not picked up yet, so its metadata is stale.
   */
  setSpecVersion(specVersion: number): void;
  /** Cuts every client socket without closing the server, as a network drop would. */
  dropConnections(): void;
  /** Stops listening (clients see a refused connection) until `restart()`, which reuses the port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

type Kind = 'runtimeVersion' | 'storage' | 'newHead' | 'allHead' | 'finalizedHead' | 'extrinsic';
interface Subscription {
  socket: WsSocket;
  kind: Kind;
  keys?: string[];
}
class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }
}

/** Thrown by `onSubmit`: the transaction pool refuses the extrinsic, as `1010: Invalid Transaction: Custom error: N`. */
export class PoolRejection extends RpcError {
  constructor(customCode: number) {
    super(1010, 'Invalid Transaction', `Custom error: ${customCode}`);
  }
}

/** Wire name → notification kind. `subscribeNewHead` is the wire name of `api.rpc.chain.subscribeNewHeads`. */
const SUBSCRIBE: Record<string, Kind> = {
  state_subscribeRuntimeVersion: 'runtimeVersion',
  chain_subscribeRuntimeVersion: 'runtimeVersion',
  state_subscribeStorage: 'storage',
  chain_subscribeNewHead: 'newHead',
  chain_subscribeNewHeads: 'newHead',
  chain_subscribeAllHeads: 'allHead',
  chain_subscribeFinalizedHeads: 'finalizedHead',
  chain_subscribeFinalisedHeads: 'finalizedHead',
};
const NOTIFY: Record<Kind, string> = {
  runtimeVersion: 'state_runtimeVersion',
  storage: 'state_storage',
  newHead: 'chain_newHead',
  allHead: 'chain_allHead',
  finalizedHead: 'chain_finalizedHead',
  extrinsic: 'author_extrinsicUpdate',
};
const UNSUBSCRIBE = [
  'state_unsubscribeRuntimeVersion',
  'chain_unsubscribeRuntimeVersion',
  'state_unsubscribeStorage',
  'chain_unsubscribeNewHead',
  'chain_unsubscribeNewHeads',
  'chain_unsubscribeAllHeads',
  'chain_unsubscribeFinalizedHeads',
  'chain_unsubscribeFinalisedHeads',
  'author_unwatchExtrinsic',
];
const PLAIN = [
  'chain_getBlockHash',
  'chain_getHeader',
  'chain_getBlock',
  'chain_getFinalizedHead',
  'chain_getFinalisedHead',
  'state_getRuntimeVersion',
  'state_getMetadata',
  'state_call',
  'state_getStorage',
  'state_queryStorageAt',
  'state_getKeysPaged',
  'system_chain',
  'system_properties',
  'system_health',
  'system_name',
  'system_version',
  'author_submitExtrinsic',
  'author_submitAndWatchExtrinsic',
  'rpc_methods',
];

export async function startFixtureNode(options: FixtureNodeOptions = {}): Promise<FixtureNode> {
  const chain = loadFixtureChain();
  const genesis = options.genesisHash ?? FINNEY_GENESIS;
  const storage = new Map(Object.entries(options.storage ?? {}));
  const calls = new Map<string, RuntimeCallAnswer>([
    // Metadata versions 14, 15, 16, then the file itself as Option<OpaqueMetadata> (chain.md §6.2).
    ['Metadata_metadata_versions', '0x0c0e0000000f00000010000000'],
    ['Metadata_metadata_at_version', () => '0x01' + u8aToHex(compactAddLength(hexToU8a(chain.metadataHex))).slice(2)],
    ...Object.entries(options.runtimeCalls ?? {}),
  ]);
  const subscriptions = new Map<string, Subscription>();
  const submitted: string[] = [];
  /** Extrinsics included per block number, with their events. */
  const blocks = new Map<number, { hex: string; events: EventSpec[] }[]>();
  const include = (hex: string) => {
    const events = options.onSubmit?.(hex) ?? [extrinsicSuccess()]; // may throw PoolRejection
    const list = blocks.get(head) ?? [];
    list.push({ hex, events });
    blocks.set(head, list);
    const records = list.map((x, extrinsic) => ({ extrinsic, events: x.events }));
    storage.set(chain.storageKey('system', 'events'), eventRecords(chain, records));
  };
  let head = options.head ?? 1000;
  let runtimeVersion = chain.version.toJSON() as Record<string, unknown>;
  let nextId = 1;

  const header = (n: number) => fixtureHeader(chain, n, genesis);
  const blockHash = (n: number) => (n === 0 ? genesis : header(n).hash.toHex());
  const send = (socket: WsSocket, message: object) => socket.send(JSON.stringify({ jsonrpc: '2.0', ...message }));
  const notify = (id: string, result: unknown) => {
    const sub = subscriptions.get(id);
    if (sub) send(sub.socket, { method: NOTIFY[sub.kind], params: { subscription: id, result } });
  };
  const changeSet = (keys: string[]) => ({
    block: blockHash(head),
    changes: keys.map((k) => [k, storage.get(k) ?? null]),
  });
  const findHeader = (hash: unknown) => {
    if (typeof hash !== 'string' || hash === blockHash(head)) return header(head);
    for (let n = head - 1; n > Math.max(head - 256, 0); n--) if (blockHash(n) === hash) return header(n);
    throw new RpcError(4003, `Header was not found: ${hash}`);
  };

  function call(name: string, args: string): string {
    const answer = calls.get(name);
    // Wording of a real node's error for a runtime API the runtime does not have.
    if (!answer) throw new RpcError(4003, `Client error: Execution failed: Exported method ${name} is not found`);
    return typeof answer === 'string' ? answer : answer(args);
  }

  function subscribe(socket: WsSocket, kind: Kind, params: unknown[]): string {
    const id = `fixture-${nextId++}`;
    const keys = kind === 'storage' ? ((params[0] as string[] | undefined) ?? []) : undefined;
    subscriptions.set(id, { socket, kind, keys });
    // After the response that carries the id, the first value, as a node sends the current state on subscribing.
    setImmediate(() => {
      if (kind === 'runtimeVersion') notify(id, runtimeVersion);
      else if (kind === 'storage') notify(id, changeSet(keys!));
      else if (kind !== 'extrinsic') notify(id, header(head).toJSON());
    });
    return id;
  }

  function answer(socket: WsSocket, method: string, params: unknown[]): unknown {
    if (method in SUBSCRIBE) return subscribe(socket, SUBSCRIBE[method]!, params);
    if (UNSUBSCRIBE.includes(method)) return subscriptions.delete(String(params[0]));
    switch (method) {
      case 'chain_getBlockHash':
        return blockHash(params[0] == null ? head : Number(params[0]));
      case 'chain_getHeader':
        return findHeader(params[0]).toJSON();
      case 'chain_getBlock': {
        const h = findHeader(params[0]);
        const extrinsics = (blocks.get(h.number.toNumber()) ?? []).map((x) => x.hex);
        return { block: { header: h.toJSON(), extrinsics }, justifications: null };
      }
      case 'chain_getFinalizedHead':
      case 'chain_getFinalisedHead':
        return blockHash(head);
      case 'state_getRuntimeVersion':
        return runtimeVersion;
      case 'state_getMetadata':
        return chain.metadataHex;
      case 'state_call':
        return call(String(params[0]), String(params[1] ?? '0x'));
      case 'state_getStorage':
        return storage.get(String(params[0])) ?? null;
      case 'state_queryStorageAt':
        return [changeSet(params[0] as string[])];
      case 'state_getKeysPaged': {
        const [prefix, count, startKey] = params as [string, number, string | undefined];
        const keys = [...storage.keys()].filter((k) => k.startsWith(prefix) && (!startKey || k > startKey));
        return keys.sort().slice(0, count);
      }
      case 'system_chain':
        return 'Bittensor';
      case 'system_properties':
        return { ss58Format: 42, tokenDecimals: 9, tokenSymbol: 'TAO' };
      case 'system_health':
        return { peers: 1, isSyncing: false, shouldHavePeers: true };
      case 'system_name':
        return 'arbiter-fixture-node';
      case 'system_version':
        return '0.0.0';
      case 'rpc_methods':
        return { version: 1, methods: [...PLAIN, ...Object.keys(SUBSCRIBE), ...UNSUBSCRIBE].sort() };
      case 'author_submitExtrinsic':
      case 'author_submitAndWatchExtrinsic': {
        const hex = String(params[0]);
        if (method === 'author_submitAndWatchExtrinsic') include(hex);
        submitted.push(hex);
        if (method === 'author_submitExtrinsic') return blake2AsHex(hexToU8a(hex), 256);
        const id = subscribe(socket, 'extrinsic', params);
        const at = blockHash(head);
        setImmediate(() => {
          for (const status of ['ready', { inBlock: at }, { finalized: at }]) notify(id, status);
        });
        return id;
      }
    }
    throw new RpcError(-32601, `Method not found: ${method}`);
  }

  function onConnection(socket: WsSocket) {
    socket.on('message', (data) => {
      let request: { id?: number | string; method?: string; params?: unknown[] };
      try {
        request = JSON.parse(data.toString());
      } catch {
        return send(socket, { id: null, error: { code: -32700, message: 'Parse error' } });
      }
      try {
        send(socket, { id: request.id, result: answer(socket, String(request.method), request.params ?? []) });
      } catch (error) {
        const code = error instanceof RpcError ? error.code : -32603;
        const data = error instanceof RpcError ? error.data : undefined;
        send(socket, { id: request.id, error: { code, message: (error as Error).message, data } });
      }
    });
    socket.on('close', () => {
      for (const [id, sub] of subscriptions) if (sub.socket === socket) subscriptions.delete(id);
    });
  }

  let port = 0;
  let server: WsServer | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port });
      wss.once('error', reject);
      wss.once('listening', () => {
        port = wss.address().port;
        server = wss;
        resolve();
      });
      wss.on('connection', onConnection);
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const wss = server;
      server = null;
      if (!wss) return resolve();
      for (const socket of wss.clients) socket.terminate();
      wss.close(() => resolve());
    });
  await listen();

  return {
    url: `ws://127.0.0.1:${port}`,
    chain,
    submitted,
    setStorage(key, value) {
      if (value === null) storage.delete(key);
      else storage.set(key, value);
      for (const [id, sub] of subscriptions) if (sub.keys?.includes(key)) notify(id, changeSet([key]));
    },
    setRuntimeCall: (name, answer) => void calls.set(name, answer),
    setSpecVersion: (specVersion) => void (runtimeVersion = { ...runtimeVersion, specVersion }),
    setHead(number) {
      head = number;
      for (const [id, sub] of subscriptions) if (sub.kind.endsWith('Head')) notify(id, header(head).toJSON());
    },
    dropConnections() {
      for (const socket of server?.clients ?? []) socket.terminate();
    },
    stop,
    restart: () => (server ? Promise.resolve() : listen()),
    close: stop,
  };
}
