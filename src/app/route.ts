// Hash routing: '#/evaluate', '#/runs', '#/run/<id>', '#/compare', '#/validator'. A hash keeps every page
// reachable from the static server.
import { createSignal, onCleanup } from 'solid-js';

export type Route =
  { page: 'evaluate' } | { page: 'runs' } | { page: 'run'; id: string } | { page: 'compare' } | { page: 'validator' };

export function parseRoute(hash: string): Route {
  const m = /^#\/run\/(.+)$/.exec(hash);
  if (m) return { page: 'run', id: decodeURIComponent(m[1]!) };
  if (hash === '#/runs') return { page: 'runs' };
  if (hash === '#/compare') return { page: 'compare' };
  if (hash === '#/validator') return { page: 'validator' };
  return { page: 'evaluate' };
}

export function navigate(route: Route): void {
  location.hash = route.page === 'run' ? `#/run/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}

/** The current route as a signal. */
export function createRoute() {
  const [route, setRoute] = createSignal(parseRoute(location.hash));
  const onHash = () => setRoute(parseRoute(location.hash));
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  return route;
}
