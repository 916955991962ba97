// The three Compare plots (per-env means with intervals, Pareto view of two envs, running mean over tasks), each
// in a titled figure with an accessible description and a PNG export. UI realm.
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { CompareApi } from './compare-state.ts';
import { allEnvs } from './model.ts';
import { envBarsPlot, envsBySpread, paretoPlot, paretoPoints, runningMeanPlot, runningMeans } from './plot-specs.ts';
import { PlotFigure } from '../PlotFigure.tsx';

function EnvSelect(props: {
  label: string;
  name: string;
  envs: string[];
  value: string;
  onValue: (v: string) => void;
}) {
  return (
    <label class="inline">
      {props.label}{' '}
      <select name={props.name} value={props.value} onChange={(e) => props.onValue(e.currentTarget.value)}>
        <For each={props.envs}>{(e) => <option value={e}>{e}</option>}</For>
      </select>
    </label>
  );
}

export function Plots(props: { api: CompareApi }) {
  const envs = createMemo(() => allEnvs(props.api.models()));
  // Defaults show the envs where the models differ most: an env where all score alike makes an empty-looking plot.
  const bySpread = createMemo(() => envsBySpread(props.api.rows(), envs()));
  const labels = () => props.api.models().map((m) => m.scores.label);
  const [pickA, setA] = createSignal('');
  const [pickB, setB] = createSignal('');
  const [pickRun, setRun] = createSignal('');
  // A pick that no longer exists (a model was removed) falls back to the first envs.
  const envA = () => (envs().includes(pickA()) ? pickA() : (bySpread()[0] ?? ''));
  const envB = () =>
    envs().includes(pickB()) ? pickB() : (bySpread().find((e) => e !== envA()) ?? bySpread()[0] ?? '');
  const runEnv = () => (envs().includes(pickRun()) ? pickRun() : (bySpread()[0] ?? ''));

  return (
    <section class="panel" aria-labelledby="plots-title">
      <h3 id="plots-title">4. Plots</h3>
      <Show when={props.api.rows().length > 0} fallback={<p class="hint">Choose models to plot.</p>}>
        <PlotFigure
          id="plot-envs"
          title="Mean score per environment (95% intervals)"
          render={() => envBarsPlot(props.api.rows(), labels())}
        />
        <PlotFigure
          id="plot-pareto"
          title={`Pareto view: ${envA()} vs ${envB()}`}
          controls={
            <div>
              <EnvSelect label="x: environment A" name="pareto-a" envs={envs()} value={envA()} onValue={setA} />
              <EnvSelect label="y: environment B" name="pareto-b" envs={envs()} value={envB()} onValue={setB} />
            </div>
          }
          render={() => paretoPlot(paretoPoints(props.api.rows(), envA(), envB()), envA(), envB(), labels())}
        />
        <PlotFigure
          id="plot-running"
          title={`Running mean over tasks: ${runEnv()}`}
          controls={
            <EnvSelect label="Environment" name="running-env" envs={envs()} value={runEnv()} onValue={setRun} />
          }
          render={() => runningMeanPlot(runningMeans(props.api.models(), runEnv()), runEnv(), labels())}
        />
      </Show>
    </section>
  );
}
