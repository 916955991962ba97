// Live list of the latest samples; each opens the prompt/reply viewer. UI realm.
import { For, Show, createSignal } from 'solid-js';
import type { SampleRecord } from '../shared/eval/sample.ts';
import { SampleViewer } from './SampleViewer.tsx';

export function SampleList(props: { samples: SampleRecord[] }) {
  const [open, setOpen] = createSignal<SampleRecord | null>(null);
  const newestFirst = () => [...props.samples].reverse();
  return (
    <>
      <Show when={props.samples.length > 0}>
        <table class="samples" data-testid="samples">
          <caption>Latest samples (select one to read the prompt and reply)</caption>
          <thead>
            <tr>
              <th scope="col">Env</th>
              <th scope="col">Task</th>
              <th scope="col">Score</th>
              <th scope="col">Latency</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            <For each={newestFirst()}>
              {(s) => (
                <tr>
                  <td>{s.env}</td>
                  <td>
                    <button type="button" class="link" onClick={() => setOpen(s)}>
                      {s.taskId}
                    </button>
                  </td>
                  <td class={s.score > 0 ? 'ok' : 'bad'}>{s.score}</td>
                  <td>{s.latencyMs} ms</td>
                  <td>{s.error ? `${s.error.type}: ${s.error.message.slice(0, 80)}` : ''}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={open()}>{(s) => <SampleViewer sample={s()} onClose={() => setOpen(null)} />}</Show>
    </>
  );
}
