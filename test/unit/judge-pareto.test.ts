// Era A ε-Pareto rule (spec §6.1): the P / Q / Q′ worked example with its ε values, eligibility at 90% of the
// largest n, and the winner's tie-break by block. Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/shared/judge/index.ts';
import { paretoEpsilon, paretoRule } from '../../src/shared/judge/pareto.ts';
import type { ModelScores } from '../../src/shared/judge/types.ts';

const model = (id: string, firstBlock: number, sat: number, abd: number, ded: number, n = 500): ModelScores => ({
  id,
  label: id,
  firstBlock,
  envs: { SAT: { mean: sat, n }, ABD: { mean: abd, n }, DED: { mean: ded, n } },
});
const P = model('P', 1000, 0.98, 0.6, 0.8);
const Q = model('Q', 2000, 0.985, 0.62, 0.8);
const Q2 = model('Q2', 2000, 0.985, 0.7, 0.8);

describe('ε', () => {
  it('matches §6.1: SAT 0.01364, ABD 0.05073, DED 0.04162; Q′ ABD 0.04935; floor 0.01', () => {
    expect(paretoEpsilon(0.98, 500, 0.985, 500)).toBeCloseTo(0.01364, 5);
    expect(paretoEpsilon(0.6, 500, 0.62, 500)).toBeCloseTo(0.05073, 5);
    expect(paretoEpsilon(0.8, 500, 0.8, 500)).toBeCloseTo(0.04162, 5);
    expect(paretoEpsilon(0.6, 500, 0.7, 500)).toBeCloseTo(0.04935, 5);
    expect(paretoEpsilon(1, 500, 1, 500)).toBe(0.01);
    expect(paretoEpsilon(0.5, 0, 0.5, 0)).toBeCloseTo(1.645 * Math.sqrt(0.5), 12); // max(n, 1)
  });
});

describe('the worked example', () => {
  it('P (earlier) dominates Q because every gap is inside ε; Q does not dominate P: P wins', () => {
    const v = paretoRule([Q, P]);
    expect(v.rule).toBe('pareto');
    expect(v.winner).toBe('P');
    expect(v.weights).toEqual({ Q: 0, P: 1 });
    const pq = v.steps.find((s) => s.title === 'P vs Q')!;
    expect(pq.passed).toBe(true);
    expect(pq.detail).toBe('P dominates Q: within ε everywhere and committed earlier.');
    expect(pq.envs!.find((e) => e.env === 'SAT')!.test).toBe('|0.980 − 0.985| = 0.005 vs ε 0.01364');
    expect(pq.envs!.find((e) => e.env === 'ABD')!.values.Q!.threshold).toBeCloseTo(0.05073, 5);
    const qp = v.steps.find((s) => s.title === 'Q vs P')!;
    expect(qp.passed).toBe(false);
    expect(qp.detail).toBe('Q does not dominate P: within ε everywhere but not earlier.');
    expect(v.steps.at(-1)!.detail).toContain('Dominated counts: Q 0 (block 2000), P 1 (block 1000)');
  });

  it('Q′ with ABD 0.70 dominates P (0.70 ≥ 0.60 + 0.04935) and wins', () => {
    const v = paretoRule([P, Q2]);
    expect(v.winner).toBe('Q2');
    const qp = v.steps.find((s) => s.title === 'Q2 vs P')!;
    expect(qp.detail).toBe('Q2 dominates P: not worse anywhere and better by ε somewhere.');
    const abd = qp.envs!.find((e) => e.env === 'ABD')!;
    expect(abd.outcome).toBe('better');
    expect(abd.test).toBe('|0.700 − 0.600| = 0.100 vs ε 0.04935');
    expect(v.steps.find((s) => s.title === 'P vs Q2')!.detail).toBe(
      'P does not dominate Q2: worse by more than ε somewhere.',
    );
    expect(v.summary).toBe('Q2 wins: it dominates 1 of the other 1 pool member(s).');
  });
});

describe('eligibility and ties', () => {
  it('needs n ≥ int(0.9 × max n) on every env', () => {
    // 449 < int(0.9 × 500) = 450: Q′ leaves the pool and P wins although Q′ would dominate it.
    const v = paretoRule([P, model('Q2', 2000, 0.985, 0.7, 0.8, 449), model('R', 3000, 0.5, 0.5, 0.5, 450)]);
    const sat = v.steps[0]!.envs!.find((e) => e.env === 'SAT')!;
    expect(sat.test).toBe('n ≥ int(0.9 × max n) = 450: P 500, Q2 449, R 450');
    expect(sat.outcome).toBe('2 of 3 eligible');
    expect(v.steps[0]!.detail).toBe('Pool: P, R.');
    expect(v.winner).toBe('P');
  });

  it('with nobody eligible everyone is in the pool; equal counts go to the earlier block', () => {
    const a: ModelScores = {
      id: 'a',
      label: 'a',
      firstBlock: 5,
      envs: { X: { mean: 0.9, n: 100 }, Y: { mean: 0.1, n: 10 } },
    };
    const b: ModelScores = {
      id: 'b',
      label: 'b',
      firstBlock: 3,
      envs: { X: { mean: 0.1, n: 10 }, Y: { mean: 0.9, n: 100 } },
    };
    const v = runRule('pareto', [a, b]);
    expect(v.steps[0]!.passed).toBe(false);
    expect(v.steps[0]!.detail).toBe('No model has enough samples on every env, so every model is in the pool.');
    // Neither dominates (each is worse somewhere); 0 = 0, block 3 < 5: b wins.
    expect(v.winner).toBe('b');
  });

  it('without blocks, input order stands for commitment order', () => {
    const x = { ...P, firstBlock: undefined };
    const y = { ...Q, firstBlock: undefined };
    expect(paretoRule([y, x]).winner).toBe('Q');
  });
});
