// The IndexedDB upgrade from version 1 (runs, samples, models) to the current version (adds datasets, then weight
// commits) keeps every stored run and sample, and the new stores work. fake-indexeddb in Node; the browser tests cover
// the real engine.
import 'fake-indexeddb/auto';
import { beforeEach, expect, test } from 'vitest';
import { getDb } from '../../src/storage/db.ts';
import { listDatasets, openDataset, saveDataset } from '../../src/storage/datasets.ts';
import { listRuns } from '../../src/storage/runs.ts';
import { countSamples } from '../../src/storage/samples.ts';
import { DB_NAME, DB_VERSION } from '../../src/storage/schema.ts';
import { resetDb, run, sample } from '../support/storage-fixtures.ts';

beforeEach(resetDb);

/** Builds the database exactly as version 1 of the app left it, with one run of three samples. */
function createV1(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('models', { keyPath: 'id' });
      db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
      const samples = db.createObjectStore('samples', { keyPath: ['runId', 'env', 'taskKey'] });
      samples.createIndex('by-run', 'runId');
      const tx = req.transaction!;
      tx.objectStore('runs').put(run('old-run'));
      for (const id of [1, 2, 3]) tx.objectStore('samples').put(sample('old-run', id));
    };
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error);
  });
}

test('upgrading a version-1 database keeps its runs and samples and adds the dataset stores', async () => {
  await createV1();
  const db = await getDb();
  expect(db.version).toBe(DB_VERSION);
  expect([...db.objectStoreNames].sort()).toEqual([
    'datasetRows',
    'datasets',
    'models',
    'runs',
    'samples',
    'weightCommits',
  ]);
  expect((await listRuns()).map((r) => r.id)).toEqual(['old-run']);
  expect(await countSamples('old-run')).toBe(3);

  const rec = await saveDataset('mini.jsonl', 'file:mini.jsonl', [
    { program: 'print(1)', inputs: '' },
    { prompt: 'p' },
  ]);
  expect((await listDatasets()).map((d) => d.length)).toEqual([2]);
  const ds = await openDataset(rec.id);
  expect(await ds.row(1)).toEqual({ prompt: 'p' });
  await expect(ds.row(2)).rejects.toThrow(/Row 2 is not in dataset mini\.jsonl \(2 rows\)/);
});
