// Loads what the Compare page compares: a stored run (IndexedDB), a JSONL file of Affine samples (one model or
// several), or Affine's published documents (from files or fetched from the public API). UI realm, no DOM.
import { ImportError, type SampleRecord } from '../../shared/eval/sample.ts';
import { jsonlModels, modelFromSamples, modelLabel } from '../../shared/judge/from-samples.ts';
import { forEachSample } from '../../storage/samples.ts';
import type { RunRecord } from '../../storage/schema.ts';
import { modelName, modelRevision } from '../../shared/eval/run-config.ts';
import { seriesOf, type CompareModel } from './model.ts';

/** A load failure the user can act on; `code` says which kind, the message says what to do. */
export class CompareLoadError extends Error {
  override name = 'CompareLoadError';
  constructor(
    readonly code: 'empty-run' | 'bad-file' | 'bad-document' | 'fetch-failed',
    message: string,
  ) {
    super(message);
  }
}

/** One stored run as one model: its samples, read with a cursor, become `ModelScores` plus the task series. */
export async function loadRunModel(run: RunRecord): Promise<CompareModel> {
  const samples: SampleRecord[] = [];
  await forEachSample(run.id, (s) => samples.push(s));
  if (samples.length === 0)
    throw new CompareLoadError('empty-run', `Run ${run.id} has no scored samples yet: nothing to compare.`);
  const label = modelLabel(modelName(run.config.model), modelRevision(run.config.model), run.id);
  return { scores: modelFromSamples(run.id, label, samples), kind: 'run', source: run.id, series: seriesOf(samples) };
}

/**
 * Every model of a JSONL file, parsed once: `jsonlModels` decides ids, labels and the grouping; each group gives the
 * model's scores and its task series.
 * @throws CompareLoadError 'bad-file' naming the file and the line.
 */
export function loadJsonlModels(text: string, fileName: string): CompareModel[] {
  let models;
  try {
    models = jsonlModels(text, fileName);
  } catch (e) {
    if (e instanceof ImportError) throw new CompareLoadError('bad-file', e.message);
    throw e;
  }
  return models.map((m) => ({
    scores: modelFromSamples(m.id, m.label, m.samples),
    kind: 'file',
    source: fileName,
    series: seriesOf(m.samples),
  }));
}
