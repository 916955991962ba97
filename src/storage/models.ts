// Models store: endpoints the user evaluated, offered again in the form. Keys are stored only on request. UI realm.
import { getDb } from './db.ts';
import type { ModelRecord } from './schema.ts';

export async function saveModel(m: Omit<ModelRecord, 'id' | 'createdAt'>): Promise<void> {
  const db = await getDb();
  const id = `${m.baseUrl}|${m.model}`;
  const old = await db.get('models', id);
  const rec: ModelRecord = { ...m, id, createdAt: old?.createdAt ?? Date.now() };
  if (!m.apiKey) delete rec.apiKey;
  await db.put('models', rec);
}

/** Saved endpoints, most recently added first. */
export async function listModels(): Promise<ModelRecord[]> {
  const all = await (await getDb()).getAll('models');
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** The stored key for an endpoint, if the user chose to remember it. */
export async function storedKey(baseUrl: string, model: string): Promise<string | undefined> {
  return (await (await getDb()).get('models', `${baseUrl}|${model}`))?.apiKey;
}
