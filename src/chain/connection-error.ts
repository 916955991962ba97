// The one error type of the chain connection layer, with a code the UI can branch on. Shared by the UI realm and
// Node tests; no I/O.

export type ChainConnectionErrorCode =
  /** The endpoint URL is malformed or not a websocket URL. */
  | 'invalid-endpoint'
  /** Nothing usable answered within the connect timeout. */
  | 'timeout'
  /** The endpoint answered, but with another chain's genesis hash. */
  | 'wrong-network'
  /** The endpoint answered, but @polkadot/api could not initialise against it (bad metadata, failed RPC). */
  | 'init-failed'
  /** The caller aborted the connection attempt. */
  | 'aborted';

export class ChainConnectionError extends Error {
  override name = 'ChainConnectionError';
  constructor(
    readonly code: ChainConnectionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
