// The three Compare plots (per-env means with intervals, Pareto view of two envs, running mean over tasks), each
// in a titled figure with an accessible description and a PNG export. UI realm.
import { createEffect, createMemo, createSignal, onCleanup, Show, For, type JSX } from 'solid-js';
import type { CompareApi } from './compare-state.ts';
import { allEnvs } from './model.ts';
import { envBarsPlot, envsBySpread, paretoPlot, paretoPoints, runningMeanPlot, runningMeans } from './plot-specs.ts';
import { download } from '../download.ts';
import { slug, svgToPng } from './export.ts';

/** A titled figure holding one rendered Plot; re-renders when `render` changes, offers a PNG download. */
function PlotFigure(props: { id: string; title: string; render: () => Element; controls?: JSX.Element }) {
  const [holder, setHolder] = createSignal<HTMLDivElement>();
  const [error, setError] = createSignal<string | null>(null);
  createEffect(() => {
    const box = holder();
    if (!box) return;
    const el = props.render();
    box.replaceChildren(el);
    onCleanup(() => el.remove());
  });
  async function onPng() {
    setError(null);
    const svg = holder()?.querySelector('svg');
    if (!svg) return setError('Nothing to export: the plot is empty.');
    try {
      download(await svgToPng(svg, props.title), `${slug(props.title)}.png`);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <figure class="plot" aria-labelledby={`${props.id}-title`} data-testid={props.id}>
      <figcaption id={`${props.id}-title`}>
        <strong>{props.title}</strong>
      </figcaption>
      {props.controls}
      <div class="plot-holder" ref={setHolder} />
      <button type="button" onClick={onPng}>
        Save PNG<span class="sr-only">: {props.title}</span>
      </button>
      <Show when={error()}>
        <p class="error" role="alert">
          {error()}
        </p>
      </Show>
    </figure>
  );
}

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
