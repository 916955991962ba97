// Results table: per environment n, mean and a 95% interval (Wilson for 0/1 scores). Both realms.

export interface EnvSummary {
  env: string;
  n: number;
  mean: number;
  lo: number;
  hi: number;
  errors: number;
}

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for k successes in n trials ([0, 1] when n = 0: nothing is known). */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Incrementally folds samples into per-environment totals. */
export class SummaryBuilder {
  private readonly acc = new Map<string, { n: number; sum: number; errors: number }>();

  add(env: string, score: number, failed: boolean): void {
    const a = this.acc.get(env) ?? { n: 0, sum: 0, errors: 0 };
    a.n++;
    a.sum += score;
    if (failed) a.errors++;
    this.acc.set(env, a);
  }

  rows(): EnvSummary[] {
    return [...this.acc.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([env, a]) => {
        // Scores in the in-scope envs are 0/1, so the sum counts successes.
        const [lo, hi] = wilson(a.sum, a.n);
        return { env, n: a.n, mean: a.n ? a.sum / a.n : 0, lo, hi, errors: a.errors };
      });
  }
}

/** Plain-text table, the same in the CLI and the UI's copy button. */
export function formatSummaryTable(rows: EnvSummary[]): string {
  const head = ['env', 'n', 'mean', '95% interval', 'errors'];
  const body = rows.map((r) => [
    r.env,
    String(r.n),
    r.mean.toFixed(4),
    `[${r.lo.toFixed(4)}, ${r.hi.toFixed(4)}]`,
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
