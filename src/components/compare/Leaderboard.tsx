// The leaderboard: every chosen model ranked by rule weights (or by mean), Affine's published models tagged and
// shown with their published weight beside the local ones. UI realm.
import { For } from 'solid-js';
import type { CompareApi } from './compare-state.ts';
import { fmt } from './rows.ts';

export function Leaderboard(props: { api: CompareApi }) {
  const board = () => props.api.leaderboard();
  return (
    <section class="panel" aria-labelledby="board-title">
      <h3 id="board-title">5. Leaderboard</h3>
      <table class="leaderboard" data-testid="leaderboard">
        <caption>
          {board().basis === 'weights'
            ? 'Ranked by the 4-stage rule’s weights (ties by mean)'
            : 'Ranked by mean over each model’s environments (the 4-stage rule gave no weights to rank by)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Model</th>
            <th scope="col">Source</th>
            <th scope="col">Weight</th>
            <th scope="col">Mean of env means</th>
            <th scope="col">Envs</th>
            <th scope="col">Affine’s published weight</th>
          </tr>
        </thead>
        <tbody>
          <For each={board().rows}>
            {(r) => (
              <tr data-model-id={r.id}>
                <td>{r.rank}</td>
                <th scope="row">{r.label}</th>
                <td>
                  <span class={`tag ${r.source === 'Affine' ? 'affine' : 'local'}`}>
                    {r.source === 'Affine' ? 'Affine (published)' : `local ${r.source}`}
                  </span>
                </td>
                <td>{fmt(r.weight)}</td>
                <td>{fmt(r.mean)}</td>
                <td>{r.envs}</td>
                <td>{fmt(r.publishedWeight)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  );
}
