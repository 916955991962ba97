// Backoff arithmetic and an abortable sleep for backend retries. Both realms, no DOM or Node.

/** No single wait between attempts is longer than this, whatever the server's Retry-After says. */
export const MAX_RETRY_DELAY_MS = 60_000;

/**
 * Reads a `Retry-After` header (delay in seconds or an HTTP date) as milliseconds from `nowMs`; undefined when the
 * header is missing or unreadable.
 */
export function parseRetryAfter(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null || !header.trim()) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Delay before retry number `retry` (1 for the first retry). The server's Retry-After wins when given; otherwise
 * exponential backoff with "equal jitter" (half fixed, half random), so parallel workers that failed together spread
 * out instead of hitting the server again in lockstep. Both are capped at MAX_RETRY_DELAY_MS.
 */
export function backoffMs(retry: number, baseMs: number, retryAfterMs?: number, random = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_RETRY_DELAY_MS);
  const exp = Math.min(baseMs * 2 ** (retry - 1), MAX_RETRY_DELAY_MS);
  return exp / 2 + random() * (exp / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
