// The Yuma page (#/yuma): an editable scenario (JSON, the format of src/shared/yuma/scenario-json.ts; a sample to
// start from, a file to load, kept in this browser across reloads), optionally compared with one validator's weights
// changed, run for K epochs with incentive, dividends and validator trust plotted per UID. UI realm.
import { createMemo, createSignal, Show } from 'solid-js';
import { parseScenario } from '../../shared/yuma/scenario-json.ts';
import type { YumaScenario } from '../../shared/yuma/types.ts';
import { SAMPLE_CHANGE, SAMPLE_SCENARIO } from './sample-scenario.ts';
import { parseWeightsText, withValidatorWeights } from './scenario-edit.ts';
import { YumaControls } from './YumaControls.tsx';
import { YumaResults } from './YumaResults.tsx';
import { createYumaSim, type YumaChoice } from './yuma-sim.ts';
import './yuma.css';

const STORE_KEY = 'arbiter.yuma.scenario';
const sampleText = () => JSON.stringify(SAMPLE_SCENARIO, null, 2);

function stored(): string {
  try {
    return localStorage.getItem(STORE_KEY) ?? sampleText();
  } catch {
    return sampleText();
  }
}

/** The scenario in the editor, or the reason it is not one (JSON syntax, then the scenario's own checks). */
function readScenario(text: string): { scenario?: YumaScenario; error?: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `The scenario is not valid JSON: ${(e as Error).message}` };
  }
  try {
    return { scenario: parseScenario(json) };
  } catch (e) {
    return { error: `The scenario is not valid: ${(e as Error).message}` };
  }
}

export function YumaPage() {
  const sim = createYumaSim();
  const [text, setText] = createSignal(stored());
  const [compare, setCompare] = createSignal(true);
  const [changeUid, setChangeUid] = createSignal(SAMPLE_CHANGE.uid);
  const [changeWeights, setChangeWeights] = createSignal(SAMPLE_CHANGE.weights);
  const parsed = createMemo(() => readScenario(text()));

  function edit(value: string) {
    setText(value);
    // Kept as typed, valid or not: a reload must not lose an edit in progress.
    try {
      localStorage.setItem(STORE_KEY, value);
    } catch {
      // Storage full or disabled: the editor still works for this visit.
    }
  }

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (file) edit(await file.text());
  }

  async function run(epochs: number, uids: number[]) {
    const { scenario, error } = parsed();
    if (!scenario) return void sim.fail(error ?? 'No scenario.');
    const choices: YumaChoice[] = [{ label: 'Scenario', scenario: { ...scenario, epochs } }];
    if (compare()) {
      try {
        const uid = Number(changeUid());
        const state = withValidatorWeights(scenario.state, uid, parseWeightsText(changeWeights()));
        choices.push({ label: `Validator ${uid} changed`, scenario: { ...scenario, state, epochs } });
      } catch (e) {
        return void sim.fail(`The changed weights are not valid: ${(e as Error).message}`);
      }
    }
    await sim.run(choices, uids);
  }

  return (
    <div class="yuma">
      <h2>Yuma Consensus simulator</h2>
      <p class="hint">
        Epochs as subtensor computes them (stake-weighted median with κ, clipping, bonds, dividends, emission), on your
        GPU when there is one. Start from the sample, a scenario file, or the Validator page's live subnet.
      </p>
      <section class="panel" aria-labelledby="scenario-title">
        <h3 id="scenario-title">1. Scenario</h3>
        <div class="actions">
          <label class="inline">
            Load scenario file{' '}
            <input type="file" accept=".json,application/json" onChange={(e) => void onFile(e.currentTarget)} />
          </label>
          <button type="button" onClick={() => edit(sampleText())}>
            Reset to the sample
          </button>
        </div>
        <label class="block">
          Scenario (JSON)
          <textarea
            rows={16}
            spellcheck={false}
            value={text()}
            onInput={(e) => edit(e.currentTarget.value)}
            aria-invalid={parsed().error ? 'true' : undefined}
            aria-describedby="scenario-status"
          />
        </label>
        <p id="scenario-status" class={parsed().error ? 'error' : 'hint'} data-testid="scenario-status">
          {parsed().error ??
            `${parsed().scenario!.state.n} UIDs, ${parsed().scenario!.state.rows.length} validators with weights or bonds.`}
        </p>
      </section>
      <section class="panel" aria-labelledby="compare-title">
        <h3 id="compare-title">2. Compare with other weights</h3>
        <label class="inline">
          <input type="checkbox" checked={compare()} onChange={(e) => setCompare(e.currentTarget.checked)} /> Also run
          with one validator's weights changed
        </label>
        <Show when={compare()}>
          <div class="actions">
            <label class="inline">
              Validator UID{' '}
              <input type="text" size={5} value={changeUid()} onInput={(e) => setChangeUid(e.currentTarget.value)} />
            </label>
            <label class="inline">
              New weights (uid: weight, …){' '}
              <input
                type="text"
                size={32}
                value={changeWeights()}
                onInput={(e) => setChangeWeights(e.currentTarget.value)}
              />
            </label>
          </div>
          <p class="hint">Whole numbers up to 65535 are stored u16 values; other numbers are shares, max-upscaled.</p>
        </Show>
      </section>
      <section class="panel" aria-labelledby="run-title">
        <h3 id="run-title">3. Run</h3>
        <YumaControls
          sim={sim}
          n={() => parsed().scenario?.state.n ?? null}
          defaultUids={() =>
            Array.from({ length: Math.min(8, parsed().scenario?.state.n ?? 0) }, (_, i) => i).join(', ')
          }
          onRun={run}
          disabled={() => (parsed().error ? 'Fix the scenario first.' : null)}
        />
        <Show when={sim.result()}>{(r) => <YumaResults run={r()} idPrefix="yuma" />}</Show>
      </section>
    </div>
  );
}
