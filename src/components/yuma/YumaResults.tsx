// What a simulation gave: which backend ran it and how long it took, incentive, dividends and validator trust over
// epochs for the chosen UIDs (the weight choices side by side), and the last epoch as a table with the difference
// between the two choices. UI realm.
import { For, Show } from 'solid-js';
import { PlotFigure } from '../PlotFigure.tsx';
import { METRIC_LABEL, metricPlot, metricPoints, type YumaMetric } from './yuma-plots.ts';
import type { YumaRun } from './yuma-sim.ts';

const METRICS: YumaMetric[] = ['incentive', 'dividends', 'validatorTrust'];
const fmt = (x: number) => x.toFixed(4);

export function YumaResults(props: { run: YumaRun; idPrefix: string }) {
  const last = (c: number) => props.run.epochs[c]!.at(-1)!;
  const two = () => props.run.choices.length === 2;
  return (
    <div class="yuma-results">
      <p class="hint" data-testid="yuma-backend">
        {props.run.epochs[0]!.length} epochs × {props.run.choices.length} choice(s) of {props.run.n} UIDs on the{' '}
        {props.run.backend === 'gpu' ? 'GPU (WebGPU)' : 'CPU'} in {props.run.ms.toFixed(0)} ms.
      </p>
      <For each={METRICS}>
        {(m) => (
          <PlotFigure
            id={`${props.idPrefix}-${m}`}
            title={`${METRIC_LABEL[m]} over epochs`}
            render={() =>
              metricPlot(metricPoints(props.run.choices, props.run.epochs, props.run.uids, m), props.run.choices, m)
            }
          />
        )}
      </For>
      <table data-testid={`${props.idPrefix}-last`}>
        <caption>After the last epoch</caption>
        <thead>
          <tr>
            <th scope="col">UID</th>
            <For each={props.run.choices}>
              {(c) => (
                <For each={METRICS}>
                  {(m) => (
                    <th scope="col">
                      {METRIC_LABEL[m]} ({c})
                    </th>
                  )}
                </For>
              )}
            </For>
            <Show when={two()}>
              <th scope="col">Δ dividends</th>
              <th scope="col">Δ incentive</th>
            </Show>
          </tr>
        </thead>
        <tbody>
          <For each={props.run.uids}>
            {(uid) => (
              <tr>
                <th scope="row">{uid}</th>
                <For each={props.run.choices}>
                  {(_, c) => <For each={METRICS}>{(m) => <td>{fmt(last(c())[m][uid]!)}</td>}</For>}
                </For>
                <Show when={two()}>
                  <td>{fmt(last(1).dividends[uid]! - last(0).dividends[uid]!)}</td>
                  <td>{fmt(last(1).incentive[uid]! - last(0).incentive[uid]!)}</td>
                </Show>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
