// Affine's public API documents (spec §7.3) from the fixtures: kind detection, models from scores_by_env in both
// entry forms, champion-first order, weights by UID, and the errors for wrong documents. Node (vitest 'unit').
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AffineApiError,
  detectAffineKind,
  modelsFromAffine,
  parseAffineDocument,
  weightsFromAffine,
} from '../../src/shared/judge/affine-api.ts';
import { runRule } from '../../src/shared/judge/index.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/affine-api/${name}`, import.meta.url), 'utf8');
const scoresText = fixture('scores-latest.json');
const rankText = fixture('rank-current.json');
const weightsText = fixture('weights-latest.json');

describe('detect and parse', () => {
  it('tells the three documents apart', () => {
    expect(detectAffineKind(JSON.parse(scoresText))).toBe('scores');
    expect(detectAffineKind(JSON.parse(rankText))).toBe('rank');
    expect(detectAffineKind(JSON.parse(weightsText))).toBe('weights');
    expect(detectAffineKind({ env: 'affine:sat', task_id: 1 })).toBeNull();
    expect(detectAffineKind([1, 2])).toBeNull();
  });

  it('rejects what is not an Affine document, naming the wrong field', () => {
    expect(() => parseAffineDocument('{"env":"affine:sat"}')).toThrow(
      /^not an Affine API document: expected \/scores\/latest/,
    );
    expect(() => parseAffineDocument('{oops')).toThrow(AffineApiError);
    const doc = JSON.parse(scoresText);
    doc.scores[1].uid = '42';
    expect(() => parseAffineDocument(doc)).toThrow(
      new AffineApiError('scores document: scores[1].uid must be an integer.'),
    );
    const env = JSON.parse(scoresText);
    env.scores[0].scores_by_env.TERMINAL = { avg: 'x', count: 3 };
    expect(() => parseAffineDocument(env)).toThrow(
      'scores document: scores[0].scores_by_env["TERMINAL"].avg must be a number.',
    );
    const w = JSON.parse(weightsText);
    w.weights.abc = { weight: 1 };
    expect(() => parseAffineDocument(w)).toThrow('weights document: weights["abc"] must be keyed by an integer UID.');
    const r = JSON.parse(rankText);
    r.scores.scores[0].first_block = null;
    expect(() => parseAffineDocument(r)).toThrow('rank document: scores.scores[0].first_block must be a number.');
  });
});

describe('models', () => {
  it('turns /scores/latest into models, champion first, invalid miners left out', () => {
    const models = modelsFromAffine(parseAffineDocument(scoresText));
    expect(models.map((m) => m.id)).toEqual(['affine:17', 'affine:42', 'affine:88']);
    const [champ, chal] = models;
    expect(champ).toEqual({
      id: 'affine:17',
      label: 'tensorfox/Affine-17-5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty@3f2a9c1e',
      uid: 17,
      firstBlock: 8401200,
      // The champion's entries are the comparator's {count, avg, champion_overlap_avg}.
      envs: {
        'DISTILL-V2': { n: 103, mean: 0.05 },
        'SWE-INFINITE': { n: 204, mean: 0.33 },
        TERMINAL: { n: 311, mean: 0.4 },
      },
    });
    expect(chal!.envs['SWE-INFINITE']).toEqual({ n: 221, mean: 0.365 });
    expect(modelsFromAffine(parseAffineDocument(scoresText), { includeInvalid: true }).map((m) => m.uid)).toEqual([
      17, 42, 88, 131,
    ]);
  });

  it('orders a rank document champion, challenger, then the rest; the champion rule then runs on it', () => {
    const doc = JSON.parse(rankText);
    doc.window.battle.challenger.uid = 88; // put the later miner in the battle to see the order follow the window
    const models = modelsFromAffine(parseAffineDocument(doc));
    expect(models.map((m) => m.uid)).toEqual([17, 88, 42]);
    // The §6.5 numbers sit in the fixture: UID 42 (0.365, −0.020, 0.395) beats UID 17 (0.330, 0.050, 0.400).
    const v = runRule('champion', modelsFromAffine(parseAffineDocument(rankText)).slice(0, 2));
    expect(v.winner).toBe('affine:42');
    expect(v.steps[0]!.detail).toContain('aggregate means');
  });

  it('weights: a UID → weight map, and no models from it', () => {
    const d = parseAffineDocument(weightsText);
    expect(d.kind).toBe('weights');
    if (d.kind !== 'weights') return;
    expect([...weightsFromAffine(d.doc)]).toEqual([
      [17, 1],
      [42, 0],
      [88, 0],
    ]);
    expect(() => modelsFromAffine(d)).toThrow(/holds weights, not scores/);
  });
});
