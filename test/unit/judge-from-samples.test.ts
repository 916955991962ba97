// Samples to the Judge's input: one run's stored records, and JSONL files of one or several models in Affine's
// sample format, with re-sampled tasks, env keys and the errors for bad lines. Node (vitest 'unit').
import { describe, expect, it } from 'vitest';
import { ImportError, sampleToJsonl, taskKey, type SampleRecord } from '../../src/shared/eval/sample.ts';
import { modelFromSamples, modelLabel, modelsFromJsonl } from '../../src/shared/judge/from-samples.ts';

const sample = (envName: string, taskId: string, score: number, over: Partial<SampleRecord> = {}): SampleRecord => ({
  runId: 'run-1',
  env: envName.replace('affine:', ''),
  envName,
  taskId,
  taskKey: taskKey(taskId),
  prompt: `prompt ${taskId}`,
  reply: 'reply',
  score,
  latencyMs: 10,
  timestamp: 1_700_000_000_000,
  model: 'org/Affine-model',
  modelRevision: '0123456789abcdef0123',
  seed: 1,
  usage: null,
  attempts: 1,
  error: null,
  extra: {},
  ...over,
});

describe('modelFromSamples', () => {
  it('groups by Affine env name, keeps per-task scores and the last sample of a task', () => {
    const m = modelFromSamples('run-1', 'my run', [
      sample('affine:sat', '1', 1),
      sample('affine:sat', '2', 0),
      sample('affine:abd', '7', 1),
      sample('affine:sat', '1', 0), // re-sampled: this one counts
      sample('affine:sat', '18446744073709551615', 1),
    ]);
    expect(m.id).toBe('run-1');
    expect(m.label).toBe('my run');
    expect(Object.keys(m.envs)).toEqual(['affine:abd', 'affine:sat']);
    const sat = m.envs['affine:sat']!;
    expect(sat.n).toBe(3);
    expect(sat.mean).toBeCloseTo(1 / 3, 12);
    expect([...sat.tasks!]).toEqual([
      ['2', 0],
      ['1', 0],
      ['18446744073709551615', 1],
    ]);
    expect(m.envs['affine:abd']).toEqual({ n: 1, mean: 1, tasks: new Map([['7', 1]]) });
  });

  it('an empty run has no envs', () => {
    expect(modelFromSamples('r', 'r', [])).toEqual({ id: 'r', label: 'r', envs: {} });
  });
});

describe('modelsFromJsonl', () => {
  it('one model per file: id file:<name>, label model@revision', () => {
    const text = [sample('affine:sat', '1', 1), sample('affine:sat', '2', 0), sample('affine:sat', '3', 1)]
      .map(sampleToJsonl)
      .join('\n');
    const [m, ...rest] = modelsFromJsonl(`${text}\n\n`, 'run-a.jsonl');
    expect(rest).toEqual([]);
    expect(m!.id).toBe('file:run-a.jsonl');
    expect(m!.label).toBe('org/Affine-model@01234567');
    expect(m!.envs['affine:sat']!.mean).toBeCloseTo(2 / 3, 12);
    expect(m!.envs['affine:sat']!.tasks!.get('2')).toBe(0);
  });

  it('several models in one file, grouped by model and revision in order of appearance', () => {
    const lines = [
      sample('affine:sat', '1', 1, { model: 'b/m', modelRevision: 'r1' }),
      sample('affine:sat', '1', 0, { model: 'a/m', modelRevision: null }),
      sample('affine:sat', '2', 1, { model: 'b/m', modelRevision: 'r2' }),
      sample('affine:sat', '2', 1, { model: 'b/m', modelRevision: 'r1' }),
    ].map(sampleToJsonl);
    const models = modelsFromJsonl(lines.join('\n'), 'mix.jsonl');
    expect(models.map((m) => [m.id, m.label, m.envs['affine:sat']!.n, m.envs['affine:sat']!.mean])).toEqual([
      ['file:mix.jsonl#1', 'b/m@r1', 2, 1],
      ['file:mix.jsonl#2', 'a/m', 1, 0],
      ['file:mix.jsonl#3', 'b/m@r2', 1, 1],
    ]);
  });

  it('names the file and the line of a bad line', () => {
    const good = sampleToJsonl(sample('affine:sat', '1', 1));
    const bad = good.replace('"score":1', '"score":"high"');
    expect(() => modelsFromJsonl(`${good}\n${bad}\n`, 'run-b.jsonl')).toThrow(
      new ImportError('run-b.jsonl: Line 2: "score" must be a number.'),
    );
    expect(() => modelsFromJsonl(`${good}\n{not json\n`, 'x.jsonl')).toThrow(/^x\.jsonl: Line 2: not valid JSON/);
    expect(() => modelsFromJsonl('\n\n', 'empty.jsonl')).toThrow('empty.jsonl: The file holds no samples');
  });

  it('labels fall back to the file name without a model', () => {
    expect(modelLabel('', null, 'f.jsonl')).toBe('f.jsonl');
    expect(modelLabel('m', '0123456789', 'f')).toBe('m@01234567');
  });
});
