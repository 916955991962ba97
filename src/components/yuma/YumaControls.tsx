// The simulator's controls: how many epochs, which UIDs to plot, Simulate and Cancel, the running status and the
// error to show. Both the Validator page's panel and the Yuma page use them. UI realm.
import { createSignal, Show } from 'solid-js';
import { parseUidList, type YumaSim } from './yuma-sim.ts';

export const MAX_EPOCHS = 1000;

export function YumaControls(props: {
  sim: YumaSim;
  /** Number of UIDs, for checking the list; null until the scenario is known (then the list is checked later). */
  n: () => number | null;
  defaultUids: () => string;
  onRun: (epochs: number, uids: number[]) => void | Promise<void>;
  disabled?: () => string | null;
}) {
  const [epochs, setEpochs] = createSignal(20);
  const [uidText, setUidText] = createSignal<string | null>(null);
  const [formError, setFormError] = createSignal<string | null>(null);
  const uids = () => uidText() ?? props.defaultUids();

  function submit(e: Event) {
    e.preventDefault();
    setFormError(null);
    const k = epochs();
    if (!Number.isInteger(k) || k < 1 || k > MAX_EPOCHS)
      return setFormError(`Epochs must be a whole number from 1 to ${MAX_EPOCHS}.`);
    try {
      const list = parseUidList(uids(), props.n() ?? Number.MAX_SAFE_INTEGER);
      void props.onRun(k, list);
    } catch (err) {
      setFormError((err as Error).message);
    }
  }

  return (
    // noValidate: our messages name the problem and the allowed range; the browser's own bubble stops the submit first.
    <form class="actions" onSubmit={submit} noValidate>
      <label class="inline">
        Epochs{' '}
        <input
          type="number"
          min="1"
          max={MAX_EPOCHS}
          value={epochs()}
          onInput={(e) => setEpochs(e.currentTarget.valueAsNumber)}
        />
      </label>
      <label class="inline">
        UIDs to plot <input type="text" size={24} value={uids()} onInput={(e) => setUidText(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={props.sim.running() !== null || (props.disabled?.() ?? null) !== null}>
        Simulate
      </button>
      <Show when={props.sim.running()}>
        <button type="button" onClick={() => props.sim.cancel()}>
          Cancel
        </button>
        <span role="status" class="hint">
          <progress aria-label="Simulating" /> {props.sim.running()}
        </span>
      </Show>
      <Show when={props.disabled?.()}>
        <span class="hint" data-testid="yuma-blocker">
          {props.disabled?.()}
        </span>
      </Show>
      <Show when={formError() ?? props.sim.error()}>
        <p class="error" role="alert" data-testid="yuma-error">
          {formError() ?? props.sim.error()}
        </p>
      </Show>
    </form>
  );
}
