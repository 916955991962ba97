// The three Compare plots as Observable Plot specs, built from plain rows: per-env means with intervals, a Pareto
// view of two envs, and the running mean over tasks. UI realm (Plot renders SVG into the page).
import * as Plot from '@observablehq/plot';
import type { CompareModel } from './model.ts';
import type { EnvRow } from './rows.ts';

const WIDTH = 960;
/** One colour per model, in list order, shared by all three plots. */
const colour = (labels: string[]) => ({ domain: labels, scheme: 'tableau10' as const });

/** (a) Per environment: one bar per model, with its interval as an error bar. */
export function envBarsPlot(rows: EnvRow[], labels: string[]) {
  const envs = [...new Set(rows.map((r) => r.env))];
  const withIv = rows.filter((r) => r.lo !== null && r.hi !== null);
  // Error-bar caps a third of a bar wide: the bar width follows from the plot width, envs and models.
  const barWidth = (WIDTH - 60) / Math.max(1, envs.length) / Math.max(1, labels.length);
  const capInset = Math.max(2, barWidth * 0.35);
  const describe = rows
    .map(
      (r) =>
        `${r.label} on ${r.env}: mean ${r.mean.toFixed(3)}, n ${r.n}${r.lo !== null ? `, interval ${r.lo.toFixed(3)} to ${r.hi!.toFixed(3)}` : ''}`,
    )
    .join('; ');
  return Plot.plot({
    width: WIDTH,
    height: 320,
    marginBottom: 70,
    ariaLabel: 'Mean score per environment and model, with 95% intervals',
    ariaDescription: describe,
    fx: { domain: envs, label: null, axis: 'top' },
    x: { domain: labels, label: null, tickRotate: -25, axis: 'bottom' },
    y: { label: 'Mean score', grid: true, zero: true },
    color: colour(labels),
    marks: [
      Plot.barY(rows, {
        fx: 'env',
        x: 'label',
        y: 'mean',
        fill: 'label',
        fillOpacity: 0.8,
        title: (r: EnvRow) => `${r.label}\n${r.env}: ${r.mean.toFixed(4)} (n ${r.n})`,
      }),
      Plot.ruleX(withIv, { fx: 'env', x: 'label', y1: 'lo', y2: 'hi', stroke: '#1b1f24', strokeWidth: 1.5 }),
      Plot.tickY(withIv, { fx: 'env', x: 'label', y: 'lo', stroke: '#1b1f24', inset: capInset }),
      Plot.tickY(withIv, { fx: 'env', x: 'label', y: 'hi', stroke: '#1b1f24', inset: capInset }),
      Plot.ruleY([0]),
    ],
  });
}

/** Envs ordered by how far apart the models' means are (largest first); ties keep `envs` order. */
export function envsBySpread(rows: readonly EnvRow[], envs: readonly string[]): string[] {
  const spread = (env: string) => {
    const means = rows.filter((r) => r.env === env).map((r) => r.mean);
    return means.length ? Math.max(...means) - Math.min(...means) : 0;
  };
  return envs
    .map((env, i) => ({ env, i, s: spread(env) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.env);
}

export interface ParetoPoint {
  label: string;
  x: number;
  y: number;
  xlo: number | null;
  xhi: number | null;
  ylo: number | null;
  yhi: number | null;
  frontier: boolean;
}

/** Models that have both envs, with whether no other model is at least as good on both and better on one. */
export function paretoPoints(rows: EnvRow[], envA: string, envB: string): ParetoPoint[] {
  const byModel = new Map<string, { a?: EnvRow; b?: EnvRow }>();
  for (const r of rows) {
    if (r.env !== envA && r.env !== envB) continue;
    const p = byModel.get(r.modelId) ?? {};
    if (r.env === envA) p.a = r;
    if (r.env === envB) p.b = r;
    byModel.set(r.modelId, p);
  }
  const pts = [...byModel.values()]
    .filter((p): p is { a: EnvRow; b: EnvRow } => !!p.a && !!p.b)
    .map(({ a, b }) => ({ label: a.label, x: a.mean, y: b.mean, xlo: a.lo, xhi: a.hi, ylo: b.lo, yhi: b.hi }));
  return pts.map((p) => ({
    ...p,
    frontier: !pts.some((q) => q !== p && q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)),
  }));
}

/** (b) Pareto view: x = mean on env A, y = mean on env B, interval crosses, the frontier joined and labelled. */
export function paretoPlot(points: ParetoPoint[], envA: string, envB: string, labels: string[]) {
  const front = points.filter((p) => p.frontier).sort((p, q) => p.x - q.x);
  const xs = points.filter((p) => p.xlo !== null);
  const ys = points.filter((p) => p.ylo !== null);
  return Plot.plot({
    width: WIDTH,
    height: 380,
    marginRight: 40,
    inset: 20,
    ariaLabel: `Pareto view: mean on ${envA} against mean on ${envB}`,
    ariaDescription:
      points
        .map(
          (p) =>
            `${p.label}: ${envA} ${p.x.toFixed(3)}, ${envB} ${p.y.toFixed(3)}${p.frontier ? ', on the frontier' : ''}`,
        )
        .join('; ') || 'No model has both environments.',
    x: { label: `${envA} mean →`, grid: true },
    y: { label: `↑ ${envB} mean`, grid: true },
    color: colour(labels),
    marks: [
      Plot.ruleY(xs, { y: 'y', x1: 'xlo', x2: 'xhi', stroke: 'label', strokeOpacity: 0.7, strokeWidth: 1.5 }),
      Plot.ruleX(ys, { x: 'x', y1: 'ylo', y2: 'yhi', stroke: 'label', strokeOpacity: 0.7, strokeWidth: 1.5 }),
      Plot.line(front, { x: 'x', y: 'y', stroke: '#b42318', strokeWidth: 2, strokeDasharray: '5,3' }),
      // Two dot marks with fixed radii: an `r` channel would be scaled, not taken as pixels.
      ...[false, true].map((onFront) =>
        Plot.dot(
          points.filter((p) => p.frontier === onFront),
          {
            x: 'x',
            y: 'y',
            fill: 'label',
            r: onFront ? 7 : 5,
            stroke: onFront ? '#b42318' : 'white',
            strokeWidth: 2,
            title: (p: ParetoPoint) => `${p.label}${p.frontier ? ' (frontier)' : ''}`,
          },
        ),
      ),
      Plot.text(points, {
        x: 'x',
        y: 'y',
        text: (p: ParetoPoint) => (p.frontier ? `${p.label} ★` : p.label),
        dy: -14,
        fontSize: 11,
      }),
    ],
  });
}

export interface RunningPoint {
  label: string;
  tasks: number;
  mean: number;
}

/** Running mean after each task, per model that has per-task scores for `env`. */
export function runningMeans(models: readonly CompareModel[], env: string): RunningPoint[] {
  const out: RunningPoint[] = [];
  for (const m of models) {
    let sum = 0;
    (m.series[env] ?? []).forEach((t, i) => {
      sum += t.score;
      out.push({ label: m.scores.label, tasks: i + 1, mean: sum / (i + 1) });
    });
  }
  return out;
}

/** (c) Score over task count: the running mean as tasks come in, one line per model, labelled at its end. */
export function runningMeanPlot(points: RunningPoint[], env: string, labels: string[]) {
  const last = new Map(points.map((p) => [p.label, p]));
  return Plot.plot({
    width: WIDTH,
    height: 320,
    marginRight: 160,
    ariaLabel: `Running mean score on ${env} against the number of tasks`,
    ariaDescription:
      [...last.values()].map((p) => `${p.label}: ${p.mean.toFixed(3)} after ${p.tasks} tasks`).join('; ') ||
      `No model has per-task scores for ${env}.`,
    x: { label: 'Tasks scored →', grid: true },
    y: { label: `↑ Running mean (${env})`, grid: true },
    color: colour(labels),
    marks: [
      Plot.line(points, { x: 'tasks', y: 'mean', stroke: 'label', strokeWidth: 2 }),
      Plot.dot([...last.values()], { x: 'tasks', y: 'mean', fill: 'label', r: 3 }),
      Plot.text([...last.values()], { x: 'tasks', y: 'mean', text: 'label', dx: 6, textAnchor: 'start', fontSize: 11 }),
    ],
  });
}
