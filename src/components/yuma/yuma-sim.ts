// Running the Yuma simulator from the UI: one or two weight choices over K epochs in the scoring worker (GPU when
// there is one, else the CPU reference; the backend is reported), cancellable, with the results kept as signals.
// UI realm.
import { createSignal } from 'solid-js';
import { scoringClient } from '../../judge/worker-client.ts';
import type { ScoringBackendKind } from '../../shared/api/judge.ts';
import type { YumaOutputs, YumaScenario } from '../../shared/yuma/types.ts';

export interface YumaChoice {
  label: string;
  scenario: YumaScenario;
}

export interface YumaRun {
  choices: string[];
  /** Per choice, per epoch. */
  epochs: YumaOutputs[][];
  n: number;
  /** The UIDs to plot and tabulate. */
  uids: number[];
  backend: ScoringBackendKind;
  ms: number;
}

export function createYumaSim() {
  const [result, setResult] = createSignal<YumaRun | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [running, setRunning] = createSignal<string | null>(null);
  let abort: AbortController | null = null;

  async function run(choices: YumaChoice[], uids: number[]) {
    abort?.abort();
    const mine = (abort = new AbortController());
    setError(null);
    const k = choices[0]?.scenario.epochs ?? 0;
    setRunning(
      `Simulating ${k} epoch${k === 1 ? '' : 's'} for ${choices.length} weight choice${choices.length === 1 ? '' : 's'}…`,
    );
    const t0 = performance.now();
    try {
      const r = await scoringClient().yuma(
        choices.map((c) => c.scenario),
        mine.signal,
      );
      if (abort !== mine) return;
      setResult({
        choices: choices.map((c) => c.label),
        epochs: r.epochs,
        n: choices[0]!.scenario.state.n,
        uids,
        backend: r.backend,
        ms: performance.now() - t0,
      });
    } catch (e) {
      if (abort !== mine) return;
      const err = e as Error;
      setError(err.name === 'AbortError' ? 'Cancelled: no results.' : `The simulation failed: ${err.message}`);
    } finally {
      if (abort === mine) {
        abort = null;
        setRunning(null);
      }
    }
  }

  return {
    result,
    error,
    running,
    run,
    cancel: () => abort?.abort(),
    fail: (message: string) => void setError(message),
  };
}

export type YumaSim = ReturnType<typeof createYumaSim>;

/** "1, 2, 5" → uids below n; throws naming the bad entry. */
export function parseUidList(text: string, n: number): number[] {
  const parts = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!parts.length) throw new Error('List at least one UID to plot.');
  const uids = parts.map((p) => {
    const u = Number(p);
    if (!Number.isInteger(u) || u < 0 || u >= n) throw new Error(`"${p}" is not a UID of this subnet (0…${n - 1}).`);
    return u;
  });
  return [...new Set(uids)];
}
