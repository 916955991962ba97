// Export a run as Affine-style JSONL and import such a file as a new run. UI realm.
import { parseJsonl, sampleToJsonl } from '../shared/eval/sample.ts';
import { getDb, isQuotaError } from './db.ts';
import { forEachSample } from './samples.ts';
import { newRunId } from './runs.ts';
import type { RunRecord } from './schema.ts';

/** The run's samples as JSONL, in (env, task id) order: the same bytes the CLI writes for the same samples. */
export async function exportRunJsonl(runId: string): Promise<Blob> {
  const parts: string[] = [];
  await forEachSample(runId, (s) => parts.push(sampleToJsonl(s) + '\n'));
  return new Blob(parts, { type: 'application/x-ndjson' });
}

/**
 * Imports a JSONL file as a new run with status 'imported'. Validates every line first, then writes the run and its
 * samples in one transaction, so a bad file stores nothing and touches no existing run.
 */
export async function importRunJsonl(text: string, fileName: string): Promise<RunRecord> {
  const id = newRunId();
  const samples = parseJsonl(text, id);
  const first = samples[0]!;
  const now = Date.now();
  const run: RunRecord = {
    id,
    createdAt: now,
    updatedAt: now,
    status: 'imported',
    total: new Set(samples.map((s) => `${s.env}/${s.taskKey}`)).size,
    config: {
      model: {
        kind: 'openai',
        baseUrl: `file:${fileName}`,
        model: first.model,
        revision: first.modelRevision ?? undefined,
      },
      envs: [...new Set(samples.map((s) => s.env))],
      ids: { kind: 'list', ids: [...new Set(samples.map((s) => s.taskId))] },
      concurrency: 1,
    },
  };
  const db = await getDb();
  const tx = db.transaction(['runs', 'samples'], 'readwrite', { durability: 'strict' });
  try {
    await Promise.all([
      tx.objectStore('runs').put(run),
      ...samples.map((s) => tx.objectStore('samples').put(s)),
      tx.done,
    ]);
  } catch (e) {
    if (isQuotaError(e))
      throw new Error('Storage is full: the import was not saved. Free space and try again.', { cause: e });
    throw e;
  }
  return run;
}
