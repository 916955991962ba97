// The Validator page's "what will Yuma do": from the live metagraph (weights, bonds, stakes and hyperparameters read
// from the chain), the subnet as it stands against the same subnet with the signing hotkey's weights replaced by the
// weights about to be set or committed, over K epochs. UI realm.
import { createMemo, Show } from 'solid-js';
import { rowOf } from '../../chain/metagraph-state.ts';
import { readYumaInputs } from '../../chain/yuma-inputs.ts';
import type { ValidatorApi } from '../validator/validator-state.ts';
import { withValidatorWeights } from './scenario-edit.ts';
import { YumaControls } from './YumaControls.tsx';
import { YumaResults } from './YumaResults.tsx';
import './yuma.css';
import { createYumaSim, type YumaChoice } from './yuma-sim.ts';

export function YumaPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  const sim = createYumaSim();
  const myUid = createMemo(() => {
    const mg = v().metagraph();
    const acc = v().account();
    return mg && acc ? (rowOf(mg, acc.address)?.uid ?? null) : null;
  });
  const defaultUids = () => {
    const mg = v().metagraph();
    if (!mg) return '';
    const draft = v().draft().draft;
    const mine = myUid();
    // The user's validator and the miners its weights name; otherwise the five highest incentives.
    if (draft && mine !== null) return [mine, ...draft.uids.filter((u) => u !== mine)].slice(0, 8).join(', ');
    return [...mg.rows]
      .sort((a, b) => b.incentive - a.incentive || a.uid - b.uid)
      .slice(0, 5)
      .map((r) => r.uid)
      .join(', ');
  };
  const blocker = () =>
    !v().chain.connection() ? 'Connect to a network.' : !v().metagraph() ? 'Load the metagraph.' : null;

  async function run(epochs: number, uids: number[]) {
    const conn = v().chain.connection();
    const mg = v().metagraph();
    if (!conn || !mg) return;
    let choices: YumaChoice[];
    try {
      const { params, state } = await readYumaInputs(conn.api, mg);
      choices = [{ label: 'Weights on chain now', scenario: { params, state, epochs } }];
      const draft = v().draft().draft;
      const mine = myUid();
      if (draft && mine !== null) {
        const weights = new Map(draft.uids.map((u, i) => [u, draft.values[i]!]));
        const changed = withValidatorWeights(state, mine, weights);
        choices.push({ label: `With these weights (UID ${mine})`, scenario: { params, state: changed, epochs } });
      }
    } catch (e) {
      sim.fail(`Yuma's inputs could not be read: ${(e as Error).message}`);
      return;
    }
    await sim.run(choices, uids);
  }

  return (
    <section class="panel" aria-labelledby="yuma-title">
      <h3 id="yuma-title">7. What Yuma Consensus will do</h3>
      <p class="hint">
        Runs the subnet's epochs as the chain computes them, from its weights, bonds and stakes now: as it stands, and
        with this hotkey's weights replaced by the ones above (when a weights draft and a registered hotkey are there).
      </p>
      <YumaControls
        sim={sim}
        n={() => v().metagraph()?.rows.length ?? null}
        defaultUids={defaultUids}
        onRun={run}
        disabled={blocker}
      />
      <Show when={sim.result()}>{(r) => <YumaResults run={r()} idPrefix="validator-yuma" />}</Show>
    </section>
  );
}
