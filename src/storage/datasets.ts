// Datasets store: program datasets (rl-python schema) imported from files or downloaded from the Hub, read back as
// `Dataset`s by row index. UI realm.
import type { Dataset, DatasetRow } from '../../envs/types.ts';
import { getDb, isQuotaError } from './db.ts';
import type { DatasetRecord } from './schema.ts';

/** Stores rows as a new dataset in one transaction: a failure stores nothing. */
export async function saveDataset(name: string, source: string, rows: DatasetRow[]): Promise<DatasetRecord> {
  const rec: DatasetRecord = { id: crypto.randomUUID(), name, source, length: rows.length, createdAt: Date.now() };
  const db = await getDb();
  const tx = db.transaction(['datasets', 'datasetRows'], 'readwrite');
  const store = tx.objectStore('datasetRows');
  try {
    await Promise.all([
      tx.objectStore('datasets').put(rec),
      ...rows.map((row, index) => store.put({ datasetId: rec.id, index, row })),
      tx.done,
    ]);
  } catch (e) {
    if (isQuotaError(e))
      throw new Error(`Storage is full: the dataset ${name} was not saved. Free space and try again.`, { cause: e });
    throw e;
  }
  return rec;
}

export async function listDatasets(): Promise<DatasetRecord[]> {
  return (await (await getDb()).getAll('datasets')).sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteDataset(id: string): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['datasets', 'datasetRows'], 'readwrite');
  await Promise.all([
    tx.objectStore('datasets').delete(id),
    tx.objectStore('datasetRows').delete(IDBKeyRange.bound([id, 0], [id, Infinity])),
    tx.done,
  ]);
}

/** A stored dataset as the environments see it; rows are read on demand. */
export async function openDataset(id: string): Promise<Dataset> {
  const db = await getDb();
  const rec = await db.get('datasets', id);
  if (!rec) throw new Error('That dataset is no longer stored: import it again.');
  return {
    name: rec.name,
    length: rec.length,
    async row(index: number) {
      const r = await (await getDb()).get('datasetRows', [id, index]);
      if (!r) throw new RangeError(`Row ${index} is not in dataset ${rec.name} (${rec.length} rows).`);
      return r.row;
    },
  };
}
