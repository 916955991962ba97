// Modal viewer of one sample's prompt, reply and scoring details. Long replies are cut for display only. UI realm.
import { Show, createSignal, onMount } from 'solid-js';
import type { SampleRecord } from '../shared/eval/sample.ts';

/** Rendering megabytes of text in a <pre> freezes the tab; show this much and offer the rest on request. */
const PREVIEW_CHARS = 100_000;

export function SampleViewer(props: { sample: SampleRecord; onClose: () => void }) {
  let dialog: HTMLDialogElement | undefined;
  const [full, setFull] = createSignal(false);
  onMount(() => dialog?.showModal());
  const reply = () => (full() ? props.sample.reply : props.sample.reply.slice(0, PREVIEW_CHARS));
  return (
    <dialog ref={(el) => (dialog = el)} class="viewer" onClose={() => props.onClose()} aria-labelledby="viewer-title">
      <h3 id="viewer-title">
        {props.sample.envName} · task {props.sample.taskId} · score {props.sample.score}
      </h3>
      <Show when={props.sample.error}>
        {(err) => (
          <p class="error">
            {err().type}: {err().message}
          </p>
        )}
      </Show>
      <h4>Prompt</h4>
      <pre data-testid="viewer-prompt">{props.sample.prompt}</pre>
      <h4>Reply ({props.sample.reply.length.toLocaleString()} characters)</h4>
      <pre data-testid="viewer-reply">{reply()}</pre>
      <Show when={!full() && props.sample.reply.length > PREVIEW_CHARS}>
        <button type="button" onClick={() => setFull(true)}>
          Show the whole reply
        </button>
      </Show>
      <h4>Details</h4>
      <pre>
        {JSON.stringify(
          {
            seed: props.sample.seed,
            usage: props.sample.usage,
            attempts: props.sample.attempts,
            ...props.sample.extra,
          },
          null,
          2,
        )}
      </pre>
      <form method="dialog">
        <button type="submit" autofocus>
          Close (Esc)
        </button>
      </form>
    </dialog>
  );
}
