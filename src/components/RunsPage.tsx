// Runs page: every stored run with its status and progress; open, resume, delete, export, import. UI realm.
import { For, Show, createResource, createSignal } from 'solid-js';
import { describeIds, modelName } from '../shared/eval/run-config.ts';
import { deleteRun, listRuns, markInterruptedRuns } from '../storage/runs.ts';
import { countSamples } from '../storage/samples.ts';
import { exportRunJsonl, importRunJsonl } from '../storage/transfer.ts';
import { useApp } from '../app/context.tsx';
import { navigate } from '../app/route.ts';
import { download } from './download.ts';

async function loadRuns() {
  // Re-checked on every visit: right after a reload the old page's run lock may not have been released yet.
  await markInterruptedRuns().catch(() => []);
  const runs = await listRuns();
  return Promise.all(runs.map(async (run) => ({ run, done: await countSamples(run.id) })));
}

export function RunsPage() {
  const app = useApp();
  const [runs, { refetch }] = createResource(loadRuns);
  const [message, setMessage] = createSignal<{ kind: 'error' | 'ok'; text: string } | null>(null);

  async function onDelete(id: string) {
    if (app.runs.active() && app.runs.view.run?.id === id) {
      setMessage({ kind: 'error', text: 'Stop the run before deleting it.' });
      return;
    }
    if (!confirm(`Delete run ${id} and all its samples? This cannot be undone.`)) return;
    await deleteRun(id);
    setMessage({ kind: 'ok', text: `Deleted ${id}.` });
    void refetch();
  }

  async function onImport(e: Event & { currentTarget: HTMLInputElement }) {
    const file = e.currentTarget.files?.[0];
    e.currentTarget.value = '';
    if (!file) return;
    try {
      const run = await importRunJsonl(await file.text(), file.name);
      setMessage({ kind: 'ok', text: `Imported ${run.total} samples from ${file.name} as ${run.id}.` });
      void refetch();
    } catch (err) {
      setMessage({
        kind: 'error',
        text: `Could not import ${file.name}: ${(err as Error).message} Nothing was stored.`,
      });
    }
  }

  return (
    <section class="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <label class="import">
        Import JSONL{' '}
        <input
          type="file"
          accept=".jsonl,.ndjson,.json,application/x-ndjson"
          onChange={onImport}
          data-testid="import"
        />
      </label>
      <Show when={message()}>
        {(m) => (
          <p class={m().kind} role={m().kind === 'error' ? 'alert' : 'status'} data-testid="runs-message">
            {m().text}
          </p>
        )}
      </Show>
      <Show when={runs.error}>
        <p class="error" role="alert">
          Could not read runs: {(runs.error as Error).message}
        </p>
      </Show>
      <Show when={runs()?.length === 0}>
        <p>No runs yet. Start one on the Evaluate page.</p>
      </Show>
      <Show when={(runs()?.length ?? 0) > 0}>
        <table class="runs" data-testid="runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Created</th>
              <th scope="col">Model</th>
              <th scope="col">Tasks</th>
              <th scope="col">Status</th>
              <th scope="col">Done</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            <For each={runs()}>
              {({ run, done }) => (
                <tr data-run-id={run.id}>
                  <td>
                    <a href={`#/run/${encodeURIComponent(run.id)}`}>{run.id}</a>
                  </td>
                  <td>{new Date(run.createdAt).toLocaleString()}</td>
                  <td>{modelName(run.config.model)}</td>
                  <td>
                    {run.config.envs.join(', ')}: {describeIds(run.config.ids, run.config.shard)}
                  </td>
                  <td class={`status ${run.status}`}>{run.status}</td>
                  <td>
                    {done} / {run.total}
                  </td>
                  <td class="actions">
                    <button type="button" onClick={() => navigate({ page: 'run', id: run.id })}>
                      {['interrupted', 'stopped', 'error'].includes(run.status) ? 'Open / resume' : 'Open'}
                    </button>
                    <button
                      type="button"
                      onClick={async () => download(await exportRunJsonl(run.id), `${run.id}.jsonl`)}
                    >
                      Export
                    </button>
                    <button type="button" class="danger" onClick={() => onDelete(run.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
