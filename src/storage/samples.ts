// Samples store: durable writes as soon as a sample is scored (with group commit), reads for lists and summaries.
// UI realm.
import type { SampleRecord } from '../shared/eval/sample.ts';
import { SummaryBuilder, type EnvSummary } from '../shared/eval/summary.ts';
import { getDb, isQuotaError, reportStorageIssue } from './db.ts';

const runRange = (runId: string) => IDBKeyRange.bound([runId], [runId, []]);

interface Pending {
  sample: SampleRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Writes samples the moment they are scored. While one transaction commits, samples that arrive are queued and go
 * into the next one together: no added delay when idle, and far fewer transactions at high concurrency.
 */
export class SampleWriter {
  private queue: Pending[] = [];
  private flushing = false;

  /** Resolves once the sample is committed to disk. */
  write(sample: SampleRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ sample, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    const db = await getDb().catch((e: unknown) => e as Error);
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        if (db instanceof Error) throw db;
        const tx = db.transaction('samples', 'readwrite', { durability: 'strict' });
        await Promise.all([...batch.map((p) => tx.store.put(p.sample)), tx.done]);
        for (const p of batch) p.resolve();
      } catch (e) {
        if (isQuotaError(e))
          reportStorageIssue({
            code: 'quota',
            message:
              'Storage is full: the last samples could not be saved. Free space (delete or export old runs), then resume the run.',
          });
        for (const p of batch) p.reject(e);
      }
    }
    this.flushing = false;
  }
}

export async function countSamples(runId: string): Promise<number> {
  return (await getDb()).countFromIndex('samples', 'by-run', runId);
}

/** Keys (`env`, `taskKey`) of the samples a run already has, for resuming without redoing work. */
export async function doneKeys(runId: string): Promise<Set<string>> {
  const keys = await (await getDb()).getAllKeys('samples', runRange(runId));
  return new Set(keys.map(([, env, key]) => doneKey(env, key)));
}

export const doneKey = (env: string, taskKey: string) => `${env}\u0000${taskKey}`;

/** One page of a run's samples in key order (env, then task id). */
export async function listSamples(runId: string, offset: number, limit: number): Promise<SampleRecord[]> {
  const db = await getDb();
  const out: SampleRecord[] = [];
  let cursor = await db.transaction('samples').store.openCursor(runRange(runId));
  if (cursor && offset > 0) cursor = await cursor.advance(offset);
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function getSample(runId: string, env: string, taskKey: string): Promise<SampleRecord | undefined> {
  return (await getDb()).get('samples', [runId, env, taskKey]);
}

/** Visits every sample of a run in key order without loading them all at once. */
export async function forEachSample(runId: string, fn: (s: SampleRecord) => void): Promise<void> {
  const db = await getDb();
  let cursor = await db.transaction('samples').store.openCursor(runRange(runId));
  while (cursor) {
    fn(cursor.value);
    cursor = await cursor.continue();
  }
}

export async function summariseRun(runId: string): Promise<EnvSummary[]> {
  const b = new SummaryBuilder();
  await forEachSample(runId, (s) => b.add(s.env, s.score, s.error !== null));
  return b.rows();
}
