// Era D four-stage scorer (spec §6.4): the threshold examples incl. the unbeatable p = 0.99, the U5/U9/U12 worked
// example to five decimals, common-task thresholds (#277), completeness, layers, geometric means and stage 4's
// dust to UID 0. Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/shared/judge/index.ts';
import { geometricMean, stagesRule, threshold, thresholdDec2025 } from '../../src/shared/judge/stages.ts';
import type { EnvScores, ModelScores } from '../../src/shared/judge/types.ts';

const model = (uid: number, firstBlock: number, envs: Record<string, [number, number]>): ModelScores => ({
  id: `u${uid}`,
  label: `U${uid}`,
  uid,
  firstBlock,
  envs: Object.fromEntries(Object.entries(envs).map(([e, [mean, n]]) => [e, { mean, n }])),
});

describe('stage 1 thresholds', () => {
  it('reproduces the examples of §6.4', () => {
    expect(threshold(0.5, 100, 1.5)).toBeCloseTo(0.575, 12);
    expect(threshold(0.5, 500, 1.5)).toBeCloseTo(0.53354, 5);
    expect(threshold(0.5, 50, 1.5)).toBeCloseTo(0.6, 12); // gap capped at 0.10
    expect(threshold(0.95, 200, 2)).toBeCloseTo(0.98082, 5);
    expect(threshold(0.99, 300, 2)).toBe(1); // 0.99 + 0.02 floor, capped at 1: no later miner can exceed it
    expect(threshold(0.5, 0)).toBeCloseTo(0.6, 12); // n ≤ 0: gap 0.10
    expect(threshold(0.999, 1e6, 1.5)).toBe(1);
  });

  it('the Dec 2025 form uses (1 − p) × 0.2 clamped to [0.02, 0.10]', () => {
    expect(thresholdDec2025(0.5)).toBeCloseTo(0.6, 12);
    expect(thresholdDec2025(0.8)).toBeCloseTo(0.84, 12);
    expect(thresholdDec2025(0.95)).toBeCloseTo(0.97, 12);
    expect(thresholdDec2025(0.99)).toBe(1);
  });
});

describe('stage 3 geometric mean', () => {
  it('smoothed max(Π(v + ε)^(1/k) − ε, 0) and plain', () => {
    expect(geometricMean([0.7, 0.54])).toBeCloseTo(0.61554, 5);
    expect(geometricMean([0.6, 0.5])).toBeCloseTo(0.54807, 5);
    expect(geometricMean([0.6, 0], 'smoothed')).toBeCloseTo(Math.sqrt(0.7 * 0.1) - 0.1, 12);
    expect(geometricMean([0.6, 0], 'plain')).toBe(0);
    expect(geometricMean([0.64, 0.25], 'plain')).toBeCloseTo(0.4, 12);
    expect(geometricMean([0.5, 0.5], 'smoothed', 0.01)).toBeCloseTo(0.5, 12);
    expect(geometricMean([-0.2, 0.5])).toBe(0); // v + ε ≤ 0
  });
});

describe('the U5 / U9 / U12 worked example', () => {
  const U5 = model(5, 100, { X: [0.6, 200], Y: [0.5, 200] });
  const U9 = model(9, 200, { X: [0.64, 200], Y: [0.52, 200] });
  const U12 = model(12, 300, { X: [0.7, 200], Y: [0.54, 200] });

  it('gives U12 0.69195 and U5 0.30805, U9 filtered', () => {
    // Input order does not matter: models are sorted by (first_block, uid).
    const v = stagesRule([U12, U9, U5]);
    expect(v.rule).toBe('stages');
    expect(v.weights!.u12).toBeCloseTo(0.69195, 5);
    expect(v.weights!.u5).toBeCloseTo(0.30805, 5);
    expect(v.weights!.u9).toBe(0);
    expect(v.winner).toBe('u12');
    expect(v.summary).toBe('UID 12 gets the largest weight, 0.69195.');
  });

  it('explains each stage with its numbers', () => {
    const v = stagesRule([U5, U9, U12]);
    const titles = v.steps.map((s) => s.title);
    expect(titles).toEqual([
      'Stage 1: averages and thresholds',
      'Stage 2: Pareto filter on {X, Y}',
      'Stage 3: subset {X, Y}, layer 2',
      'Stage 4: weights',
    ]);
    const s1 = v.steps[0]!;
    expect(s1.detail).toContain('UID 5: X 0.600 → 0.65196, Y 0.500 → 0.55303');
    expect(s1.detail).toContain('UID 9: X 0.640 → 0.69091, Y 0.520 → 0.57299');
    expect(s1.envs![0]!.values.u5!.threshold).toBeCloseTo(0.65196, 5);
    const s2 = v.steps[1]!;
    expect(s2.detail).toBe(
      'UID 5 wins every env, UID 9 filtered; UID 5 vs UID 12 split; UID 9 vs UID 12 split. Filtered: UID 9.',
    );
    const x512 = s2.envs!.find((r) => r.env === 'X' && 'u5' in r.values && 'u12' in r.values)!;
    expect(x512.test).toBe("UID 12 0.700 > UID 5's threshold 0.65196 + 1e-9 (stage-1 means)");
    expect(x512.outcome).toBe('UID 12 wins');
    const y512 = s2.envs!.find((r) => r.env === 'Y' && 'u5' in r.values && 'u12' in r.values)!;
    expect(y512.outcome).toBe('UID 5 wins');
    const s3 = v.steps[2]!.detail;
    expect(s3).toContain('Weight 2.000 (layer 2 × 2^0 = 2 over 1 subset(s))');
    expect(s3).toContain('UID 12 gm 0.61554 × 0.5^0 = 0.61554');
    expect(s3).toContain('UID 5 gm 0.54807 × 0.5^1 = 0.27404');
    expect(v.steps[3]!.detail).toContain('normalised to UID 5 0.30805, UID 9 0.000, UID 12 0.69195');
  });

  it('MAX_LAYERS 6 scores the single-env subsets too', () => {
    const v = stagesRule([U5, U9, U12], { maxLayers: 6 });
    expect(v.steps.filter((s) => s.title.startsWith('Stage 3')).map((s) => s.title)).toEqual([
      'Stage 3: subset {X, Y}, layer 2',
      'Stage 3: subset {X}, layer 1',
      'Stage 3: subset {Y}, layer 1',
    ]);
    // On {X} alone U12 beats U5 and U9 (0.70 > 0.65196 and > 0.69091), so both are filtered there; on {Y} U5 wins all.
    const x = v.steps.find((s) => s.title === 'Stage 2: Pareto filter on {X}')!;
    expect(x.detail).toContain('Filtered: UID 9, UID 5.');
    // Layer 2 weight 2·2^1 = 4 (split 0.69195/0.30805), layer 1 weight 2 over {X} (all to U12) and {Y} (all to U5).
    expect(v.weights!.u12).toBeCloseTo((4 * 0.691947 + 1) / 6, 4);
    expect(v.weights!.u5).toBeCloseTo((4 * 0.308053 + 1) / 6, 4);
  });
});

describe('stage 2 on common tasks (#277) and completeness', () => {
  const run = (from: number, to: number, ones: number): EnvScores => {
    const m = new Map<string, number>();
    for (let i = from; i < to; i++) m.set(String(i), i - from < ones ? 1 : 0);
    return { n: m.size, mean: ones / m.size, tasks: m };
  };

  it('recomputes the threshold from the common-task mean and n', () => {
    // A: tasks 0..199, ones on 0..99 (mean 0.5). B: tasks 100..299, ones on 100..159 (mean 0.3). Common 100..199:
    // A 0/100 = 0, threshold 0 + 0.02 = 0.02; B 60/100 = 0.6 beats it. On stage-1 means B (0.3) would lose.
    const A: ModelScores = { id: 'a', label: 'A', firstBlock: 1, envs: { X: run(0, 200, 100) } };
    const B: ModelScores = { id: 'b', label: 'B', firstBlock: 2, envs: { X: run(100, 300, 60) } };
    const v = stagesRule([A, B]);
    const r = v.steps[1]!.envs![0]!;
    expect(r.values.a).toEqual({ mean: 0, n: 100, threshold: 0.02 });
    expect(r.values.b).toEqual({ mean: 0.6, n: 100 });
    expect(r.test).toBe("B 0.600 > A's threshold 0.020 + 1e-9 (100 common tasks)");
    expect(v.steps[1]!.detail).toContain('B wins every env, A filtered');
    expect(v.weights).toEqual({ a: 0, b: 1 });
    const old = stagesRule([A, B], { commonTasks: false });
    expect(old.steps[1]!.detail).toContain('A wins every env, B filtered');
    expect(old.weights).toEqual({ a: 1, b: 0 });
  });

  it('an env below 0.9 completeness makes the model invalid on it', () => {
    const v = stagesRule([model(1, 1, { X: [0.5, 100] }), model(2, 2, { X: [0.9, 89] })]);
    expect(v.steps[0]!.envs![0]!.test).toBe('completeness ≥ 0.9 of 100: UID 1 100/100, UID 2 89/100');
    expect(v.steps[0]!.envs![0]!.outcome).toBe('1 of 2 valid');
    expect(v.weights).toEqual({ u1: 1, u2: 0 });
    expect(
      stagesRule([model(1, 1, { X: [0.5, 100] }), model(2, 2, { X: [0.9, 89] })], { minCompleteness: 0.8 }).winner,
    ).toBe('u2');
  });
});

describe('stage 4: dust below 0.01', () => {
  // Ten models whose X rises as Y falls: every pair splits the envs, so nobody is filtered and the rank decay
  // 0.5^(r−1) pushes the last ranks below 0.01.
  const many = Array.from({ length: 10 }, (_, i) =>
    model(i + 1, i + 1, { X: [0.3 + 0.05 * i, 1000], Y: [0.9 - 0.05 * i, 1000] }),
  );

  it('sends the dust to UID 0 when it is among the models, and reports the burn otherwise', () => {
    const v = stagesRule(many);
    const ws = Object.values(v.weights!);
    const kept = ws.reduce((a, b) => a + b, 0);
    expect(kept).toBeLessThan(1);
    expect(ws.filter((w) => w > 0).every((w) => w >= 0.01)).toBe(true);
    expect(v.steps.at(-1)!.detail).toContain('(burn to UID 0); UID 0 is not among the models, so the weights sum to');
    const withZero = stagesRule([model(0, 0, { X: [0, 1000], Y: [0, 1000] }), ...many]);
    const total = Object.values(withZero.weights!).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(withZero.weights!.u0).toBeGreaterThan(0);
    expect(withZero.steps.at(-1)!.detail).toMatch(/below 0\.01 goes to UID 0\.$/);
  });

  it('runRule dispatches to it', () => {
    expect(runRule('stages', many).rule).toBe('stages');
  });
});
