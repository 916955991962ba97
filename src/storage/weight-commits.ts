// Commit-reveal v2 commits kept in IndexedDB: the salt and the exact weights a hash commit hides must survive a
// reload until the reveal, or the commit is lost. UI realm.
import { getDb } from './db.ts';
import type { WeightCommitRecord } from './schema.ts';

export async function saveWeightCommit(rec: WeightCommitRecord): Promise<void> {
  const db = await getDb();
  await db.put('weightCommits', rec);
}

/** Every stored commit, oldest first. */
export async function listWeightCommits(): Promise<WeightCommitRecord[]> {
  const db = await getDb();
  return db.getAllFromIndex('weightCommits', 'by-created');
}

/** Commits still waiting for their reveal (neither revealed nor given up), including ones not yet seen included. */
export async function pendingWeightCommits(): Promise<WeightCommitRecord[]> {
  return (await listWeightCommits()).filter((c) => c.status === 'committed' || c.status === 'pending');
}

async function update(hash: string, change: (rec: WeightCommitRecord) => WeightCommitRecord): Promise<void> {
  const db = await getDb();
  const tx = db.transaction('weightCommits', 'readwrite');
  const rec = await tx.store.get(hash);
  if (!rec) throw new Error(`No stored commit with hash ${hash}`);
  await tx.store.put(change(rec));
  await tx.done;
}

/** Records the outcome of a reveal attempt; an unknown hash is an error, not a silent no-op. */
export async function markWeightCommit(hash: string, status: 'revealed' | 'expired', at = Date.now()): Promise<void> {
  await update(hash, (rec) => ({ ...rec, status, settledAt: at }));
}

/** A pending commit seen included: where, in which epoch, and the blocks its reveal must land in. */
export async function confirmWeightCommit(
  hash: string,
  at: Pick<WeightCommitRecord, 'commitBlock' | 'commitEpoch' | 'firstRevealBlock' | 'lastRevealBlock'>,
): Promise<void> {
  await update(hash, (rec) => ({ ...rec, ...at, status: 'committed' }));
}

/** Forgets a commit that never reached the chain (the signature was refused, the pool rejected it). */
export async function deleteWeightCommit(hash: string): Promise<void> {
  const db = await getDb();
  await db.delete('weightCommits', hash);
}
