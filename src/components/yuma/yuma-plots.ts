// The simulator's plots as Observable Plot specs: one metric (incentive, dividends or validator trust) over epochs,
// a line per chosen uid, the weight choices side by side as facets. UI realm (Plot renders SVG into the page).
import * as Plot from '@observablehq/plot';
import type { YumaOutputs } from '../../shared/yuma/types.ts';

export type YumaMetric = 'incentive' | 'dividends' | 'validatorTrust';

export const METRIC_LABEL: Record<YumaMetric, string> = {
  incentive: 'Incentive',
  dividends: 'Dividends',
  validatorTrust: 'Validator trust',
};

export interface MetricPoint {
  choice: string;
  epoch: number;
  uid: string;
  value: number;
}

/** Points of `metric` for `uids`, per choice (labels in `choices`) and epoch (1-based, as a user counts). */
export function metricPoints(
  choices: readonly string[],
  epochs: readonly (readonly YumaOutputs[])[],
  uids: readonly number[],
  metric: YumaMetric,
): MetricPoint[] {
  return choices.flatMap((choice, c) =>
    epochs[c]!.flatMap((out, e) =>
      uids.map((uid) => ({ choice, epoch: e + 1, uid: `UID ${uid}`, value: out[metric][uid] ?? 0 })),
    ),
  );
}

export function metricPlot(points: MetricPoint[], choices: readonly string[], metric: YumaMetric) {
  const label = METRIC_LABEL[metric];
  const describe = choices
    .map((c) => {
      const last = points.filter((p) => p.choice === c && p.epoch === Math.max(...points.map((q) => q.epoch)));
      return `${c}, last epoch: ${last.map((p) => `${p.uid} ${p.value.toFixed(4)}`).join(', ')}`;
    })
    .join('; ');
  return Plot.plot({
    width: 960,
    height: 260,
    ariaLabel: `${label} over epochs, per UID, for each weight choice`,
    ariaDescription: describe,
    fx: { domain: [...choices], label: null, axis: 'top' },
    x: { label: 'Epoch', grid: true },
    y: { label, grid: true, zero: true },
    color: { legend: true, scheme: 'tableau10' },
    marks: [
      Plot.line(points, { fx: 'choice', x: 'epoch', y: 'value', stroke: 'uid', marker: 'dot' }),
      Plot.tip(
        points,
        Plot.pointer({
          fx: 'choice',
          x: 'epoch',
          y: 'value',
          title: (p: MetricPoint) => `${p.uid}, epoch ${p.epoch}: ${p.value.toFixed(5)}`,
        }),
      ),
      Plot.ruleY([0]),
    ],
  });
}
