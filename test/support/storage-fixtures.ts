// Fixtures for the IndexedDB unit tests (fake-indexeddb): an empty database per test, plausible samples and runs.
// Node realm; the test files import 'fake-indexeddb/auto' before this module.
import { taskKey, type SampleRecord } from '../../src/shared/eval/sample.ts';
import { DB_NAME, type RunRecord } from '../../src/storage/schema.ts';
import { SampleWriter } from '../../src/storage/samples.ts';

/**
 * Deletes the database. The app's own versionchange handler (db.ts `blocking`) closes its cached connection, so the
 * next call opens an empty database without reaching into the module.
 */
export function resetDb(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
}

/** A stored sample of task `taskId`; odd ids score 1. `over` replaces fields. */
export function sample(runId: string, taskId: number | bigint | string, env = 'sat', over: Partial<SampleRecord> = {}) {
  const id = String(taskId);
  const rec: SampleRecord = {
    runId,
    env,
    envName: `affine:${env}`,
    taskId: id,
    taskKey: taskKey(id),
    prompt: `prompt ${env} ${id}`,
    reply: `x1=True  # ${id}`,
    score: Number(BigInt(id) % 2n),
    latencyMs: 10,
    timestamp: 1_700_000_000_000,
    model: 'm',
    modelRevision: null,
    seed: 1,
    usage: null,
    attempts: 1,
    error: null,
    extra: { n: id },
  };
  return { ...rec, ...over };
}

/** A finished run record over ids 0-9 of 'sat'. */
export function run(id: string, over: Partial<RunRecord> = {}): RunRecord {
  const config = {
    model: { kind: 'openai' as const, baseUrl: 'http://h/v1', model: 'm' },
    envs: ['sat'],
    concurrency: 1,
  };
  return {
    id,
    createdAt: 1,
    updatedAt: 1,
    status: 'done',
    total: 0,
    config: { ...config, ids: { kind: 'range', start: '0', end: '9' } },
    ...over,
  };
}

/** Writes the samples through the app's SampleWriter. */
export async function store(...samples: SampleRecord[]) {
  const w = new SampleWriter();
  await Promise.all(samples.map((s) => w.write(s)));
}
