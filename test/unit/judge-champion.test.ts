// Era G champion rule (spec §6.5): the worked example's win and loss, the overlap restriction on task ids, the
// sampling-count gate, a missing champion mean, the options, the task-pool arithmetic and multi-model queues.
// Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { championReadyCount, championRule, championVerdict, taskPoolSize } from '../../src/shared/judge/champion.ts';
import { runRule } from '../../src/shared/judge/index.ts';
import type { EnvScores, ModelScores } from '../../src/shared/judge/types.ts';

const model = (id: string, envs: Record<string, [number, number]>, extra: Partial<ModelScores> = {}): ModelScores => ({
  id,
  label: id,
  envs: Object.fromEntries(Object.entries(envs).map(([e, [mean, n]]) => [e, { mean, n }])),
  ...extra,
});

/** Per-task scores ids from..to-1 whose mean is `mean`: k ones and the rest zeros. */
const tasks = (from: number, to: number, ones: number): EnvScores => {
  const m = new Map<string, number>();
  for (let i = from; i < to; i++) m.set(String(i), i - from < ones ? 1 : 0);
  return { n: m.size, mean: ones / m.size, tasks: m };
};

const champion = model('champ', { 'SWE-INFINITE': [0.33, 200], 'DISTILL-V2': [0.05, 100], TERMINAL: [0.4, 300] });
const challenger = (terminal: number) =>
  model('chal', { 'SWE-INFINITE': [0.365, 200], 'DISTILL-V2': [-0.02, 100], TERMINAL: [terminal, 300] });
const envOf = (v: ReturnType<typeof championVerdict>, step: string, env: string) =>
  v.steps.find((s) => s.title === step)!.envs!.find((e) => e.env === env)!;

describe('champion rule: the worked example of §6.5', () => {
  it('the challenger wins: SWE dominant (0.365 > 0.360), DISTILL-V2 and TERMINAL not worse', () => {
    const v = championVerdict(champion, challenger(0.395));
    expect(v.rule).toBe('champion');
    expect(v.winner).toBe('chal');
    expect(v.weights).toEqual({ chal: 1, champ: 0 });
    const swe = envOf(v, 'Per-env verdict', 'SWE-INFINITE');
    expect(swe.outcome).toBe('dominant');
    expect(swe.test).toBe('0.365 > 0.330 + 0.03 + 1e-9');
    expect(swe.values.champ).toEqual({ mean: 0.33, n: 200, threshold: 0.33 + 0.03 + 1e-9 });
    const distill = envOf(v, 'Per-env verdict', 'DISTILL-V2');
    expect(distill.outcome).toBe('not-worse');
    // Signed env: margin 0.10 for dominance, additive tolerance for not worse: −0.020 ≥ 0.050 − 0.10 = −0.050.
    expect(distill.test).toContain('-0.020 ≤ 0.050 + 0.1 + 1e-9');
    expect(distill.test).toContain('-0.020 ≥ 0.050 − 0.1 − 1e-9 = -0.050 (signed score)');
    const terminal = envOf(v, 'Per-env verdict', 'TERMINAL');
    expect(terminal.outcome).toBe('not-worse');
    expect(terminal.test).toContain('0.395 ≥ 0.400 × (1 − 0.02) − 1e-9 = 0.392');
    const decision = v.steps.find((s) => s.title === 'Decision')!;
    expect(decision.passed).toBe(true);
    expect(v.summary).toBe('chal beats champion champ: dominant on SWE-INFINITE and not worse elsewhere.');
  });

  it('the challenger loses with TERMINAL 0.390 < 0.392', () => {
    const v = championVerdict(champion, challenger(0.39));
    expect(v.winner).toBe('champ');
    expect(v.weights).toEqual({ champ: 1, chal: 0 });
    const terminal = envOf(v, 'Per-env verdict', 'TERMINAL');
    expect(terminal.outcome).toBe('worse');
    expect(terminal.passed).toBe(false);
    expect(terminal.test).toContain('0.390 < 0.400 × (1 − 0.02) − 1e-9 = 0.392');
    expect(v.steps.find((s) => s.title === 'Decision')!.passed).toBe(false);
    expect(v.summary).toBe('champ stays champion: chal is worse on TERMINAL.');
  });

  it('needs a dominant env: not worse everywhere is a tie, and a tie keeps the champion', () => {
    const v = championVerdict(
      champion,
      model('chal', { 'SWE-INFINITE': [0.36, 200], 'DISTILL-V2': [0.05, 100], TERMINAL: [0.4, 300] }),
    );
    expect(v.winner).toBe('champ');
    expect(envOf(v, 'Per-env verdict', 'SWE-INFINITE').outcome).toBe('not-worse');
    expect(v.summary).toContain('dominant on 0 env(s), 1 needed');
  });
});

describe('champion rule: overlap, gate and options', () => {
  it('restricts both sides to common task ids', () => {
    // Champion: tasks 0..299, 100 ones on 0..99 and... its overall mean is 1/3 but on the overlap 100..299 it is 0.
    const champ: ModelScores = { id: 'A', label: 'A', envs: { 'affine:sat': tasks(0, 300, 100) } };
    // Challenger: tasks 100..399, 30 ones (ids 100..129): overlap 100..299 has those 30 ones: mean 0.15.
    const chal: ModelScores = { id: 'B', label: 'B', envs: { 'affine:sat': tasks(100, 400, 30) } };
    const v = championVerdict(champ, chal, { samplingCount: 200 });
    const r = envOf(v, 'Per-env verdict', 'affine:sat');
    expect(r.values.B).toEqual({ mean: 0.15, n: 200 });
    expect(r.values.A!.mean).toBe(0);
    expect(r.values.A!.n).toBe(200);
    expect(r.outcome).toBe('dominant');
    expect(v.steps[0]!.detail).toContain('affine:sat: 200 common task ids');
    expect(v.winner).toBe('B');
  });

  it('falls back to aggregate means without per-task scores and says so', () => {
    const v = championVerdict(champion, challenger(0.395));
    expect(v.steps[0]!.detail).toContain('no per-task scores on both sides: aggregate means');
  });

  it('early loss: a complete env below the not-worse bound ends the battle; otherwise Affine would wait', () => {
    // SWE short of its 200; TERMINAL complete and below 0.4 × 0.98 = 0.392: early loss.
    const losing = model('chal', { 'SWE-INFINITE': [0.5, 150], 'DISTILL-V2': [0.05, 100], TERMINAL: [0.39, 300] });
    const lost = championVerdict(champion, losing);
    expect(lost.winner).toBe('champ');
    const early = lost.steps.find((s) => s.title === 'Early loss')!;
    expect(early.passed).toBe(false);
    expect(early.detail).toContain('below the not-worse bound on TERMINAL');
    expect(lost.summary).toMatch(/stays champion: chal is worse on SWE-INFINITE, TERMINAL \(early loss\)/);
    // Same shortfall, but TERMINAL is fine: undecided, the summary says Affine would keep sampling SWE.
    const pending = championVerdict(
      champion,
      model('chal', { 'SWE-INFINITE': [0.5, 150], 'DISTILL-V2': [0.05, 100], TERMINAL: [0.45, 300] }),
    );
    expect(pending.winner).toBe('champ');
    expect(pending.steps.find((s) => s.title === 'Early loss')!.passed).toBe(true);
    expect(pending.summary).toBe(
      'champ stays champion for now: too little overlap on SWE-INFINITE (Affine would wait for more samples).',
    );
    // With every overlap complete there is no early-loss step at all.
    expect(championVerdict(champion, challenger(0.395)).steps.some((s) => s.title === 'Early loss')).toBe(false);
  });

  it('an overlap below the sampling count is worse (defaults: SWE 200, TERMINAL 300; others 100)', () => {
    const short = model('chal', { 'SWE-INFINITE': [0.5, 199], 'DISTILL-V2': [0.05, 100], TERMINAL: [0.5, 300] });
    const v = championVerdict(champion, short);
    expect(v.winner).toBe('champ');
    const gate = envOf(v, 'Sampling-count gate', 'SWE-INFINITE');
    expect(gate.test).toBe('overlap 199 < sampling count 200');
    expect(gate.passed).toBe(false);
    expect(envOf(v, 'Per-env verdict', 'SWE-INFINITE').test).toBe('overlap 199 < sampling count 200');
    // An env the spec does not know uses `samplingCount` (default 100).
    const local = championVerdict(model('a', { 'affine:sat': [0.5, 99] }), model('b', { 'affine:sat': [0.9, 99] }));
    expect(envOf(local, 'Per-env verdict', 'affine:sat').outcome).toBe('worse');
    const lowered = championVerdict(model('a', { 'affine:sat': [0.5, 99] }), model('b', { 'affine:sat': [0.9, 99] }), {
      samplingCount: 50,
    });
    expect(lowered.winner).toBe('b');
    // Per-env counts accept either spelling of the env name.
    const perEnv = championVerdict(champion, short, { samplingCounts: { 'affine:swe-infinite': 150 } });
    expect(perEnv.winner).toBe('chal');
  });

  it('a missing champion mean counts as 0', () => {
    const v = championVerdict(model('A', { X: [0.5, 200] }), model('B', { X: [0.5, 200], Y: [0.04, 100] }), {
      samplingCount: 100,
    });
    const y = envOf(v, 'Per-env verdict', 'Y');
    expect(y.values.A).toEqual({ mean: 0, n: 0, threshold: 0.03 + 1e-9 });
    expect(y.outcome).toBe('dominant');
    expect(v.winner).toBe('B');
  });

  it('takes margin, tolerance, signed envs and the dominant count from options', () => {
    const wide = championVerdict(champion, challenger(0.395), { margin: 0.05 });
    expect(wide.winner).toBe('champ');
    expect(envOf(wide, 'Per-env verdict', 'SWE-INFINITE').test).toContain('0.365 ≤ 0.330 + 0.05 + 1e-9');
    expect(championVerdict(champion, challenger(0.39), { tolerance: 0.03 }).winner).toBe('chal');
    // DISTILL-V2 treated as unsigned: −0.020 < 0.050 × 0.98.
    expect(championVerdict(champion, challenger(0.395), { signedEnvs: [] }).winner).toBe('champ');
    expect(championVerdict(champion, challenger(0.395), { minDominantEnvs: 2 }).winner).toBe('champ');
    const strict = championVerdict(champion, challenger(0.395), { minDominantEnvs: 0 });
    expect(strict.winner).toBe('chal');
  });
});

describe('champion rule: pools and queues', () => {
  it('task pool ceil(count × 1.1) in doubles and the champion-ready count', () => {
    expect([100, 200, 300, 450].map(taskPoolSize)).toEqual([111, 221, 330, 496]);
    expect([111, 221, 330].map(championReadyCount)).toEqual([106, 210, 314]);
  });

  it('several challengers battle in commitment order; each winner defends next', () => {
    const c1 = model('c1', { X: [0.6, 200] }, { firstBlock: 300 });
    const c2 = model('c2', { X: [0.5, 200] }, { firstBlock: 200 });
    const v = championRule([model('old', { X: [0.45, 200] }, { firstBlock: 100 }), c1, c2]);
    // c2 (block 200) goes first and wins 0.5 > 0.48; then c1 beats c2 with 0.6 > 0.53.
    expect(v.steps[0]!.title).toBe('Battle 1 (c2): Overlap');
    expect(v.winner).toBe('c1');
    expect(v.weights).toEqual({ old: 0, c1: 1, c2: 0 });
    expect(v.summary).toBe('c1 is champion after 2 battles (started with old).');
  });

  it('runRule refuses fewer than two models', () => {
    expect(() => runRule('champion', [champion])).toThrow(/champion and at least one challenger, got 1/);
  });
});
