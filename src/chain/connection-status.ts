// A framework-free observable holding the state of one chain connection, for the UI to render (a Solid wrapper can
// feed it into a signal). Runs in the UI realm; no @polkadot imports.

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'error';

export interface ConnectionStatus {
  state: ConnectionState;
  /** The endpoint this status is about. */
  url: string;
  /** The most recent error message, kept after recovery so the UI can explain a flapping connection. */
  lastError: string | null;
  /** `Date.now()` when `state` last changed. */
  since: number;
}

export interface ConnectionStatusStore {
  get(): ConnectionStatus;
  /** Calls `listener` on every change (not with the current value); returns the unsubscribe function. */
  subscribe(listener: (status: ConnectionStatus) => void): () => void;
  /** Moves to `state`; an `error` message also becomes `lastError`. */
  set(state: ConnectionState, error?: string): void;
}

export function makeConnectionStatus(url: string): ConnectionStatusStore {
  let current: ConnectionStatus = { state: 'connecting', url, lastError: null, since: Date.now() };
  const listeners = new Set<(status: ConnectionStatus) => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(state, error) {
      if (state === current.state && error === undefined) return;
      current = {
        state,
        url,
        lastError: error ?? current.lastError,
        since: state === current.state ? current.since : Date.now(),
      };
      for (const listener of listeners) listener(current);
    },
  };
}
