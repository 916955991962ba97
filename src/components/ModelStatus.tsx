// In-browser model status on the run page: per-file download progress while loading, then device, dtype and
// warnings. UI realm.
import { For, Show } from 'solid-js';
import type { ModelInfo } from '../shared/api/llm.ts';
import type { RunView } from '../state/run-controller.ts';

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Tail of each live row shown: enough to see tokens arrive without re-rendering long texts. */
const LIVE_TAIL = 400;

export function ModelStatus(props: { loading: RunView['loading']; model: ModelInfo | null; live: string[] }) {
  return (
    <>
      <Show when={props.loading}>
        {(l) => (
          <div class="loading" role="status" data-testid="model-loading">
            <p>{l().step}</p>
            <For each={l().files}>
              {(f) => (
                <div class="file">
                  <progress max={f.total || 1} value={f.loaded} aria-label={`Download of ${f.file}`} />{' '}
                  <code>{f.file}</code> {f.total ? `${mb(f.loaded)} / ${mb(f.total)}` : ''}
                </div>
              )}
            </For>
          </div>
        )}
      </Show>
      <Show when={props.model}>
        {(m) => (
          <p class="meta" data-testid="model-info">
            Model <code>{m().name}</code> ({m().modelType}) on <strong>{m().device}</strong> as{' '}
            <strong>{m().dtype}</strong>, loaded in {(m().loadMs / 1000).toFixed(1)} s.
            <For each={m().warnings}>{(w) => <span class="warn"> {w}</span>}</For>
          </p>
        )}
      </Show>
      <Show when={props.live.length > 0}>
        <div class="live" aria-live="off" data-testid="live-output">
          <h4>Generating</h4>
          <For each={props.live}>{(text) => <pre>{text.slice(-LIVE_TAIL) || '…'}</pre>}</For>
        </div>
      </Show>
    </>
  );
}
