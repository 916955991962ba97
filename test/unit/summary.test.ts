// The results table: Wilson 95% intervals checked against Python, per-environment aggregation, and the plain-text
// table's alignment. Node (vitest 'unit'). Set PYTHON to pick the interpreter (default python3).

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatSummaryTable, SummaryBuilder, wilson, type EnvSummary } from '../../src/shared/eval/summary.ts';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Wilson bounds from Python, written in the (k + z²/2) / (n + z²) form, with z from the normal quantile. */
function pythonWilson(cases: [number, number][]): [number, number][] {
  const script = `
import json, sys
from math import sqrt
from statistics import NormalDist
z = NormalDist().inv_cdf(0.975)
out = []
for k, n in json.load(sys.stdin):
    c = (k + z * z / 2) / (n + z * z)
    h = z / (n + z * z) * sqrt(k * (n - k) / n + z * z / 4)
    out.append([max(0.0, c - h), min(1.0, c + h)])
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script], { input: JSON.stringify(cases) }).toString()) as [
    number,
    number,
  ][];
}

describe('wilson', () => {
  it('matches the published example k = 81, n = 263', () => {
    const [lo, hi] = wilson(81, 263);
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
  });

  it('agrees with an independent Python computation for many k, n', () => {
    const cases: [number, number][] = [];
    for (const n of [1, 2, 3, 5, 10, 37, 100, 263, 1000, 123_457])
      for (const k of new Set([0, 1, Math.floor(n / 3), Math.floor(n / 2), n - 1, n])) if (k >= 0) cases.push([k, n]);
    const expected = pythonWilson(cases);
    cases.forEach(([k, n], i) => {
      const [lo, hi] = wilson(k, n);
      expect(lo, `lo for ${k}/${n}`).toBeCloseTo(expected[i]![0], 12);
      expect(hi, `hi for ${k}/${n}`).toBeCloseTo(expected[i]![1], 12);
    });
  });

  it('handles the edges: no successes, all successes, no trials', () => {
    const z2 = 1.959963984540054 ** 2;
    for (const n of [1, 10, 500]) {
      const [lo0, hi0] = wilson(0, n);
      expect(lo0).toBeGreaterThanOrEqual(0);
      expect(lo0).toBeCloseTo(0, 12);
      expect(hi0).toBeCloseTo(z2 / (n + z2), 12); // closed form when k = 0
      const [loN, hiN] = wilson(n, n);
      expect(loN).toBeCloseTo(n / (n + z2), 12); // closed form when k = n
      expect(hiN).toBeCloseTo(1, 12);
      expect(hiN).toBeLessThanOrEqual(1);
    }
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it('always contains the observed mean and narrows as n grows', () => {
    for (const [k, n] of [
      [3, 10],
      [30, 100],
      [300, 1000],
    ] as const) {
      const [lo, hi] = wilson(k, n);
      expect(lo).toBeLessThan(k / n);
      expect(hi).toBeGreaterThan(k / n);
    }
    const width = (k: number, n: number) => wilson(k, n)[1] - wilson(k, n)[0];
    expect(width(300, 1000)).toBeLessThan(width(30, 100));
  });
});

describe('SummaryBuilder', () => {
  it('aggregates per environment: n, mean, interval and errors, envs sorted by name', () => {
    const b = new SummaryBuilder();
    const scores: [string, number, boolean][] = [
      ['sat', 1, false],
      ['sat', 0, true],
      ['sat', 1, false],
      ['sat', 1, false],
      ['abd', 0, false],
      ['abd', 1, false],
      ['ded', 0, true],
    ];
    for (const [env, score, failed] of scores) b.add(env, score, failed);
    const rows = b.rows();
    expect(rows.map((r) => r.env)).toEqual(['abd', 'ded', 'sat']);
    const [lo, hi] = wilson(3, 4);
    expect(rows[2]).toEqual({ env: 'sat', n: 4, mean: 0.75, lo, hi, errors: 1 });
    expect(rows[0]).toMatchObject({ n: 2, mean: 0.5, errors: 0 });
    expect(rows[1]).toMatchObject({ n: 1, mean: 0, errors: 1, lo: 0 });
  });

  it('has no rows before any sample', () => {
    expect(new SummaryBuilder().rows()).toEqual([]);
  });
});

describe('formatSummaryTable', () => {
  const row = (env: string, n: number, k: number, errors: number): EnvSummary => {
    const [lo, hi] = wilson(k, n);
    return { env, n, mean: n ? k / n : 0, lo, hi, errors };
  };

  it('prints a header, a rule and one row per env with 4-decimal numbers', () => {
    const text = formatSummaryTable([row('sat', 263, 81, 2)]);
    expect(text).toBe(
      [
        'env    n    mean      95% interval  errors',
        '---  ---  ------  ----------------  ------',
        'sat  263  0.3080  [0.2553, 0.3662]       2',
      ].join('\n'),
    );
  });

  it('left-aligns env and right-aligns the numbers, whatever their widths', () => {
    const rows = [row('sat', 7, 7, 0), row('a-much-longer-env', 1_234_567, 1, 1_234_566), row('x', 10, 0, 0)];
    const lines = formatSummaryTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1); // every line has the same width
    // Columns start right after each run of two spaces in the rule line; all cells respect those boundaries.
    const rule = lines[1]!;
    const starts = [0, ...[...rule.matchAll(/ {2}-/g)].map((m) => m.index! + 2)];
    const ends = [...starts.slice(1).map((s) => s - 2), rule.length];
    for (const line of [lines[0]!, ...lines.slice(2)]) {
      const cells = starts.map((s, i) => line.slice(s, ends[i]));
      expect(cells[0]!.startsWith(' ')).toBe(false); // env: left-aligned
      for (const cell of cells.slice(1)) expect(cell.endsWith(' ')).toBe(false); // numbers: right-aligned
      expect(starts.slice(1).every((s) => line.slice(s - 2, s) === '  ')).toBe(true);
    }
    expect(lines[3]).toMatch(/^a-much-longer-env {2}1234567 {2}0\.0000 {2}\[0\.0000, 0\.0000\] {2}1234566$/);
    expect(lines[2]).toMatch(/^sat {16}/);
  });
});
