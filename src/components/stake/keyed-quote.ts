// A quote that belongs to exactly the inputs it was asked for: a Solid resource keyed by a string of the inputs, so
// a quote still loading for the old amount (a resource keeps its last value) is never shown for the new one, and a
// failed quote becomes a message rather than an exception. The order and move forms use it. UI realm.
import { createResource } from 'solid-js';

export interface KeyedQuote<Q> {
  key: string;
  quote: Q | null;
  error: string | null;
}

export function createKeyedQuote<K extends { key: string }, Q>(
  source: () => K | null,
  fetchQuote: (k: K) => Promise<Q>,
) {
  const [state, { refetch }] = createResource(source, async (k): Promise<KeyedQuote<Q>> => {
    try {
      return { key: k.key, quote: await fetchQuote(k), error: null };
    } catch (e) {
      return { key: k.key, quote: null, error: (e as Error).message };
    }
  });
  /** The quote of exactly the current inputs, or null while it loads (or without inputs). */
  const current = (): KeyedQuote<Q> | null => {
    const k = source();
    const s = state.latest;
    return k && s && s.key === k.key ? s : null;
  };
  return { current, quote: () => current()?.quote ?? null, requote: () => void refetch() };
}

/** The end of an order's blocker: the quote still loading or failed, or the chain's refusals (shown by the fields). */
export function quoteBlocker(current: KeyedQuote<unknown> | null, issueCount: number): string | null {
  if (!current) return 'Quoting…';
  if (current.error) return current.error;
  if (issueCount > 0) return 'The chain would refuse this order: see the messages above.';
  return null;
}
