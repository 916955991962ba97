// Runs store: create, list, update status, delete (with their samples), and detect runs interrupted by a reload.
// UI realm.
import { getDb } from './db.ts';
import type { RunRecord, RunStatus } from './schema.ts';

export function newRunId(): string {
  return `run-${new Date()
    .toISOString()
    .replace(/[-:.TZ]/g, '')
    .slice(0, 14)}-${crypto.randomUUID().slice(0, 8)}`;
}

export async function putRun(run: RunRecord): Promise<void> {
  const db = await getDb();
  await db.put('runs', run);
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return (await getDb()).get('runs', id);
}

/** All runs, newest first. */
export async function listRuns(): Promise<RunRecord[]> {
  const runs = await (await getDb()).getAllFromIndex('runs', 'by-created');
  return runs.reverse();
}

export async function setRunStatus(id: string, status: RunStatus, error?: string): Promise<RunRecord | undefined> {
  const db = await getDb();
  const tx = db.transaction('runs', 'readwrite');
  const run = await tx.store.get(id);
  if (run) {
    run.status = status;
    run.updatedAt = Date.now();
    if (error === undefined) delete run.error;
    else run.error = error;
    await tx.store.put(run);
  }
  await tx.done;
  return run;
}

/** Deletes a run and all its samples in one transaction. */
export async function deleteRun(id: string): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(['runs', 'samples'], 'readwrite');
  const range = IDBKeyRange.bound([id], [id, []]);
  await Promise.all([tx.objectStore('runs').delete(id), tx.objectStore('samples').delete(range), tx.done]);
}

const lockName = (runId: string) => `arbiter-run:${runId}`;

/**
 * Holds a Web Lock while a run is active in this tab, so other tabs (and this tab after a reload) can tell a live
 * run from one whose tab went away. Resolves the returned release function once the lock is held.
 */
export function holdRunLock(runId: string): Promise<() => void> {
  return new Promise((resolve) => {
    void navigator.locks.request(lockName(runId), () => new Promise<void>((release) => resolve(release)));
  });
}

/** Marks runs that claim to be running but whose lock nobody holds as interrupted. Returns their ids. */
export async function markInterruptedRuns(): Promise<string[]> {
  const running = (await listRuns()).filter((r) => r.status === 'running');
  if (running.length === 0) return [];
  const held = new Set((await navigator.locks.query()).held?.map((l) => l.name));
  const orphans = running.filter((r) => !held.has(lockName(r.id)));
  for (const r of orphans) await setRunStatus(r.id, 'interrupted');
  return orphans.map((r) => r.id);
}
