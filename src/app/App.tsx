// The application shell: navigation, storage warnings, and the pages (evaluate, runs, one run, compare, validator,
// Yuma, stake). UI realm.
import { Match, Switch, onMount } from 'solid-js';
import { markInterruptedRuns } from '../storage/runs.ts';
import { ComparePage } from '../components/compare/ComparePage.tsx';
import { EvaluatePage } from '../components/EvaluatePage.tsx';
import { RunPage } from '../components/RunPage.tsx';
import { RunsPage } from '../components/RunsPage.tsx';
import { StakePage } from '../components/stake/StakePage.tsx';
import { StorageBanner } from '../components/StorageBanner.tsx';
import { ValidatorPage } from '../components/validator/ValidatorPage.tsx';
import { YumaPage } from '../components/yuma/YumaPage.tsx';
import { AppProvider } from './context.tsx';
import { createRoute } from './route.ts';

export function App() {
  const route = createRoute();
  onMount(() => {
    // A run left 'running' by a closed or reloaded tab shows up as interrupted, ready to resume.
    void markInterruptedRuns().catch(() => undefined);
  });
  return (
    <AppProvider>
      <header class="top">
        <h1>Arbiter</h1>
        <nav aria-label="Pages">
          <a href="#/evaluate" aria-current={route().page === 'evaluate' ? 'page' : undefined}>
            Evaluate
          </a>
          <a href="#/runs" aria-current={['runs', 'run'].includes(route().page) ? 'page' : undefined}>
            Runs
          </a>
          <a href="#/compare" aria-current={route().page === 'compare' ? 'page' : undefined}>
            Compare
          </a>
          <a href="#/validator" aria-current={route().page === 'validator' ? 'page' : undefined}>
            Validator
          </a>
          <a href="#/yuma" aria-current={route().page === 'yuma' ? 'page' : undefined}>
            Yuma
          </a>
          <a href="#/stake" aria-current={route().page === 'stake' ? 'page' : undefined}>
            Stake
          </a>
        </nav>
      </header>
      <StorageBanner />
      <main>
        <Switch>
          <Match when={route().page === 'evaluate'}>
            <EvaluatePage />
          </Match>
          <Match when={route().page === 'runs'}>
            <RunsPage />
          </Match>
          <Match when={route().page === 'compare'}>
            <ComparePage />
          </Match>
          <Match when={route().page === 'validator'}>
            <ValidatorPage />
          </Match>
          <Match when={route().page === 'yuma'}>
            <YumaPage />
          </Match>
          <Match when={route().page === 'stake'}>
            <StakePage />
          </Match>
          <Match
            when={(() => {
              const r = route();
              return r.page === 'run' ? r.id : false;
            })()}
          >
            {(id) => <RunPage id={id()} />}
          </Match>
        </Switch>
      </main>
    </AppProvider>
  );
}
