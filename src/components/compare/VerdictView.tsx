// The rule selector with its main options, and the verdict explained: the summary sentence, then each step with
// passed/failed and its per-environment reasons (means, n, thresholds, the test and its outcome). UI realm.
import { For, Show } from 'solid-js';
import type { EnvReason, RuleName, Verdict, VerdictStep } from '../../shared/judge/types.ts';
import type { CompareApi } from './compare-state.ts';
import { RULE_LABELS } from './judge.ts';
import { fmt } from './rows.ts';

const RULES: RuleName[] = ['champion', 'stages', 'pareto'];

function RuleControls(props: { api: CompareApi }) {
  return (
    <div class="rule-controls">
      <fieldset>
        <legend>Rule</legend>
        <For each={RULES}>
          {(r) => (
            <label class="inline">
              <input
                type="radio"
                name="rule"
                value={r}
                checked={props.api.rule() === r}
                onChange={() => props.api.setRule(r)}
              />{' '}
              {RULE_LABELS[r]}
            </label>
          )}
        </For>
      </fieldset>
      <Show when={props.api.optionSpecs().length > 0}>
        <fieldset class="row">
          <legend>Options</legend>
          <For each={props.api.optionSpecs()}>
            {(o) => (
              <label title={o.hint}>
                {o.label}{' '}
                <input
                  type="number"
                  name={o.key}
                  min={o.min}
                  max={o.max}
                  step={o.step}
                  value={props.api.options[props.api.rule()][o.key] ?? o.def}
                  aria-describedby={`hint-${o.key}`}
                  onInput={(e) => props.api.setOption(o.key, e.currentTarget.valueAsNumber)}
                />
                <span class="hint block" id={`hint-${o.key}`}>
                  {o.hint}
                </span>
              </label>
            )}
          </For>
        </fieldset>
      </Show>
    </div>
  );
}

function passText(p: boolean | undefined) {
  return p === undefined ? 'computed' : p ? 'passed' : 'failed';
}

function ReasonTable(props: { reasons: EnvReason[]; labels: Map<string, string> }) {
  return (
    <table class="reasons">
      <thead>
        <tr>
          <th scope="col">Env</th>
          <th scope="col">Values (mean, n, threshold)</th>
          <th scope="col">Test</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.reasons}>
          {(r) => (
            <tr class={r.passed ? 'pass' : 'fail'}>
              <th scope="row">{r.env}</th>
              <td>
                <For each={Object.entries(r.values)}>
                  {([id, v]) => (
                    <div>
                      {props.labels.get(id) ?? id}: mean {fmt(v.mean)}, n {v.n}
                      {v.threshold !== undefined ? `, threshold ${fmt(v.threshold)}` : ''}
                    </div>
                  )}
                </For>
              </td>
              <td>
                <code>{r.test}</code>
              </td>
              <td>
                <span class={r.passed ? 'ok' : 'bad'}>{r.passed ? '✓' : '✗'}</span> {r.outcome}
              </td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}

function Step(props: { step: VerdictStep; index: number; labels: Map<string, string> }) {
  const state = () => passText(props.step.passed);
  return (
    <li class={`step ${state()}`} data-testid="verdict-step">
      <p>
        <span class={`status ${state()}`}>{state()}</span> <strong>{props.step.title}</strong>
      </p>
      <p class="detail">{props.step.detail}</p>
      <Show when={props.step.envs?.length}>
        <ReasonTable reasons={props.step.envs!} labels={props.labels} />
      </Show>
    </li>
  );
}

export function VerdictView(props: { api: CompareApi }) {
  const labels = () => new Map(props.api.models().map((m) => [m.scores.id, m.scores.label]));
  const v = (): Verdict | null => props.api.verdict().verdict;
  return (
    <section class="panel" aria-labelledby="verdict-title">
      <h3 id="verdict-title">3. Verdict</h3>
      <RuleControls api={props.api} />
      <Show when={props.api.models().length < 2}>
        <p class="hint">Choose at least two models to see a verdict.</p>
      </Show>
      <Show when={props.api.verdict().error}>
        <p class="error" role="alert" data-testid="verdict-error">
          {props.api.verdict().error}
        </p>
      </Show>
      <Show when={v()}>
        {(verdict) => (
          <div class="verdict" aria-live="polite">
            <p class="summary" data-testid="verdict-summary">
              <strong>{verdict().summary}</strong>
            </p>
            <Show when={verdict().weights}>
              {(w) => (
                <p data-testid="verdict-weights">
                  Weights:{' '}
                  {Object.entries(w())
                    .map(([id, x]) => `${labels().get(id) ?? id} ${fmt(x)}`)
                    .join(' · ')}
                </p>
              )}
            </Show>
            <ol class="steps" aria-label="Steps of the rule">
              <For each={verdict().steps}>{(s, i) => <Step step={s} index={i()} labels={labels()} />}</For>
            </ol>
          </div>
        )}
      </Show>
    </section>
  );
}
