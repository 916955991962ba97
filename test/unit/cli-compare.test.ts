// `arbiter compare` as a child process on JSONL files written here and the Affine API fixtures: the table and
// verdict, --json, each rule, --sampling-count, and exit code 2 with one line for bad input. Node (vitest 'unit').
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleToJsonl, taskKey, type SampleRecord } from '../../src/shared/eval/sample.ts';
import { ROOT, runCli } from '../support/cli.ts';

let dir: string;
const path = (name: string) => join(dir, name);

/** JSONL of `model` on env `envName`: tasks 0..n-1, the first `ones` scoring 1 (or `score(i)` when given). */
function jsonl(model: string, envName: string, n: number, ones: number, score?: (i: number) => number): string {
  return Array.from({ length: n }, (_, i): SampleRecord => ({
    runId: 'r',
    env: envName.replace('affine:', ''),
    envName,
    taskId: String(i),
    taskKey: taskKey(String(i)),
    prompt: `p${i}`,
    reply: 'x',
    score: score ? score(i) : i < ones ? 1 : 0,
    latencyMs: 5,
    timestamp: 1_700_000_000_000 + i,
    model,
    modelRevision: 'abcdef0123456789',
    seed: i,
    usage: null,
    attempts: 1,
    error: null,
    extra: {},
  }))
    .map(sampleToJsonl)
    .join('\n');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arbiter-compare-'));
  await Promise.all([
    // Champion 60/120 on SAT; challenger 70/120 (0.583 > 0.5 + 0.03): dominant. The weak one 50/120: worse.
    writeFile(path('champ.jsonl'), `${jsonl('org/Affine-champ', 'affine:sat', 120, 60)}\n`),
    writeFile(path('chal.jsonl'), jsonl('org/Affine-chal', 'affine:sat', 120, 70)),
    writeFile(path('weak.jsonl'), jsonl('org/Affine-weak', 'affine:sat', 120, 50)),
    // Non-0/1 scores get a bootstrap interval.
    writeFile(
      path('graded.jsonl'),
      jsonl('org/Affine-graded', 'affine:sat', 120, 0, (i) => (i % 4) / 4),
    ),
    writeFile(
      path('two-models.jsonl'),
      `${jsonl('org/Affine-champ', 'affine:sat', 120, 60)}\n${jsonl('org/Affine-chal', 'affine:sat', 120, 70)}\n`,
    ),
    writeFile(
      path('bad.jsonl'),
      `${jsonl('m', 'affine:sat', 1, 1)}\n{"env":"affine:sat","task_id":2,"score":"high","extra":{"conversation":[]}}\n`,
    ),
    copyFile(join(ROOT, 'test/fixtures/affine-api/scores-latest.json'), path('scores.json')),
    copyFile(join(ROOT, 'test/fixtures/affine-api/weights-latest.json'), path('weights.json')),
  ]);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('arbiter compare', () => {
  it('prints the per-env table and the champion verdict step by step', async () => {
    const r = await runCli(['compare', path('champ.jsonl'), path('chal.jsonl'), '--sampling-count', '100']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^env\s+model\s+n\s+mean\s+95% interval$/);
    expect(lines[2]).toMatch(/^affine:sat\s+org\/Affine-champ@abcdef01\s+120\s+0\.5000\s+\[0\.4119, 0\.5881\] wilson$/);
    expect(lines[3]).toMatch(/^affine:sat\s+org\/Affine-chal@abcdef01\s+120\s+0\.5833\s+\[0\.4939, 0\.6676\] wilson$/);
    expect(r.stdout).toContain(
      'Verdict (champion): org/Affine-chal@abcdef01 beats champion org/Affine-champ@abcdef01: dominant on affine:sat and not worse elsewhere.',
    );
    expect(r.stdout).toContain('affine:sat: overlap 120 ≥ sampling count 100 -> enough');
    expect(r.stdout).toContain('affine:sat: 0.58333 > 0.500 + 0.03 + 1e-9 -> dominant');
    expect(r.stdout).toContain('4. Decision [yes]: 1 dominant env(s)');
  }, 60_000);

  it('--json gives the models with intervals and the verdict; the default gate (100) is met by 120 tasks', async () => {
    const [lose, graded] = await Promise.all([
      runCli(['compare', path('champ.jsonl'), path('weak.jsonl'), '--json']),
      runCli(['compare', path('champ.jsonl'), path('graded.jsonl'), '--json']),
    ]);
    expect(lose.code).toBe(0);
    const out = JSON.parse(lose.stdout) as {
      rule: string;
      models: {
        id: string;
        envs: Record<string, { n: number; mean: number; interval: { method: string; lo: number } }>;
      }[];
      verdict: { winner: string; steps: { title: string; envs?: { outcome: string; test: string }[] }[] };
    };
    expect(out.rule).toBe('champion');
    expect(out.models.map((m) => m.id)).toEqual(['file:champ.jsonl', 'file:weak.jsonl']);
    expect(out.models[1]!.envs['affine:sat']).toMatchObject({ n: 120, interval: { method: 'wilson' } });
    expect(out.verdict.winner).toBe('file:champ.jsonl');
    const perEnv = out.verdict.steps.find((s) => s.title === 'Per-env verdict')!;
    expect(perEnv.envs![0]).toMatchObject({
      outcome: 'worse',
      test: expect.stringContaining('0.41667 < 0.500 × (1 − 0.02)'),
    });
    const g = JSON.parse(graded.stdout) as typeof out;
    const iv = g.models[1]!.envs['affine:sat']!;
    expect(iv.mean).toBeCloseTo(0.375, 12);
    expect(iv.interval.method).toBe('bootstrap');
    expect(iv.interval.lo).toBeGreaterThan(0.3);
    expect(iv.interval.lo).toBeLessThan(0.375);
  }, 60_000);

  it('runs stages and pareto, on a file with two models and an Affine scores document', async () => {
    const [stages, pareto, affine] = await Promise.all([
      runCli(['compare', path('two-models.jsonl'), path('weak.jsonl'), '--rule', 'stages', '--json']),
      runCli(['compare', path('two-models.jsonl'), '--rule', 'pareto']),
      runCli(['compare', path('scores.json'), '--rule', 'champion', '--json']),
    ]);
    expect(stages.code).toBe(0);
    const s = JSON.parse(stages.stdout) as { verdict: { weights: Record<string, number>; winner: string } };
    // Thresholds 0.5 + 1.5·sqrt(0.25/120) = 0.56847: chal (0.58333) beats champ; weak (0.41667) beats nobody.
    expect(s.verdict.winner).toBe('file:two-models.jsonl#2');
    expect(s.verdict.weights['file:weak.jsonl']).toBe(0);
    expect(pareto.code).toBe(0);
    // ε = 1.645·sqrt(2 × 0.25/120 ...) ≈ 0.105 > 0.083: within ε, so the earlier (first) model wins.
    expect(pareto.stdout).toContain('Verdict (pareto): org/Affine-champ@abcdef01 wins');
    expect(affine.code).toBe(0);
    const a = JSON.parse(affine.stdout) as { models: { id: string }[]; verdict: { winner: string } };
    expect(a.models.map((m) => m.id)).toEqual(['affine:17', 'affine:42', 'affine:88']);
    // UID 42 beats 17 (the §6.5 numbers), then UID 88 (too few samples) loses to 42.
    expect(a.verdict.winner).toBe('affine:42');
  }, 90_000);

  it('exits 2 with one line for bad input', async () => {
    // Two at a time: each is a tsx start-up, and the machine has two cores.
    const args = [
      [path('champ.jsonl'), path('missing.jsonl')],
      [path('champ.jsonl'), path('bad.jsonl')],
      [path('champ.jsonl'), path('chal.jsonl'), '--rule', 'borda'],
      [path('champ.jsonl')],
      [path('champ.jsonl'), path('weights.json')],
      [path('champ.jsonl'), path('chal.jsonl'), '--sampling-count', '0'],
    ];
    const cases = [];
    for (let i = 0; i < args.length; i += 2)
      cases.push(...(await Promise.all(args.slice(i, i + 2).map((a) => runCli(['compare', ...a!])))));
    const messages = [
      /^arbiter compare: cannot read .*missing\.jsonl: ENOENT\n$/,
      /^arbiter compare: bad\.jsonl: Line 2: "score" must be a number\.\n$/,
      /^arbiter compare: --rule must be one of champion, stages, pareto, not "borda"\.\n$/,
      /^arbiter compare: the champion rule needs at least 2 models \(a champion and a challenger\), got 1\.\n$/,
      /^arbiter compare: weights\.json: a \/scores\/weights\/latest document holds weights, not scores/,
      /^arbiter compare: --sampling-count must be a whole number ≥ 1, not "0"\.\n$/,
    ];
    cases.forEach((c, i) => {
      expect(c.code, c.stderr).toBe(2);
      expect(c.stdout).toBe('');
      expect(c.stderr).toMatch(messages[i]!);
    });
  }, 120_000);
});
