// Hash routing: '#/evaluate' (optionally '#/evaluate?model=…&revision=…', prefilled), '#/runs', '#/run/<id>',
// '#/compare', '#/validator', '#/yuma', '#/stake'. A hash keeps every page reachable from the static server.
import { createSignal, onCleanup } from 'solid-js';

export type Route =
  | { page: 'evaluate'; model?: string; revision?: string }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  | { page: 'compare' }
  | { page: 'validator' }
  | { page: 'yuma' }
  | { page: 'stake' };

export function parseRoute(hash: string): Route {
  const m = /^#\/run\/(.+)$/.exec(hash);
  if (m) return { page: 'run', id: decodeURIComponent(m[1]!) };
  if (hash === '#/runs') return { page: 'runs' };
  if (hash === '#/compare') return { page: 'compare' };
  if (hash === '#/validator') return { page: 'validator' };
  if (hash === '#/yuma') return { page: 'yuma' };
  if (hash === '#/stake') return { page: 'stake' };
  const e = /^#\/evaluate\?(.*)$/.exec(hash);
  if (e) {
    // Only the two fields the Evaluate form takes; anything else in the query is ignored.
    const q = new URLSearchParams(e[1]);
    const model = q.get('model')?.trim();
    const revision = q.get('revision')?.trim();
    return { page: 'evaluate', ...(model ? { model } : {}), ...(model && revision ? { revision } : {}) };
  }
  return { page: 'evaluate' };
}

/** The hash of `route`: the inverse of `parseRoute`. */
export function hrefOf(route: Route): string {
  if (route.page === 'run') return `#/run/${encodeURIComponent(route.id)}`;
  if (route.page === 'evaluate' && route.model) {
    const q = new URLSearchParams({ model: route.model, ...(route.revision ? { revision: route.revision } : {}) });
    return `#/evaluate?${q.toString()}`;
  }
  return `#/${route.page}`;
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

/** The current route as a signal. */
export function createRoute() {
  const [route, setRoute] = createSignal(parseRoute(location.hash));
  const onHash = () => setRoute(parseRoute(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  return route;
}
