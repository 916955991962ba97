// IndexedDB runs and models on fake-indexeddb: deleting a run with its samples, run order, interrupted-run detection
// with a minimal Web Locks stand-in, and saved endpoints. Node (vitest 'unit').

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listModels, saveModel, storedKey } from '../../src/storage/models.ts';
import { deleteRun, getRun, holdRunLock, listRuns, markInterruptedRuns, putRun } from '../../src/storage/runs.ts';
import { countSamples, listSamples } from '../../src/storage/samples.ts';
import { resetDb, run, sample, store } from '../support/storage-fixtures.ts';

/** Web Locks, exclusive mode only: what holdRunLock and markInterruptedRuns use. Node 20 has no navigator.locks. */
class ExclusiveLocks {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly holding = new Set<string>();
  request(name: string, callback: (lock: { name: string }) => Promise<unknown>): Promise<unknown> {
    const before = this.tails.get(name) ?? Promise.resolve();
    let done!: () => void;
    this.tails.set(
      name,
      before.then(() => new Promise<void>((r) => (done = r))),
    );
    return before.then(async () => {
      this.holding.add(name);
      try {
        return await callback({ name });
      } finally {
        this.holding.delete(name);
        done();
      }
    });
  }
  query() {
    return Promise.resolve({ held: [...this.holding].map((name) => ({ name, mode: 'exclusive' })), pending: [] });
  }
}
vi.stubGlobal('navigator', { locks: new ExclusiveLocks() });
vi.stubGlobal('navigator', { locks: new ExclusiveLocks() });

beforeEach(resetDb);
afterEach(() => vi.restoreAllMocks());

describe('runs', () => {
  it('deleteRun removes the run and only its samples, even when another run id extends its id', async () => {
    await putRun(run('run-1'));
    await putRun(run('run-10'));
    await store(sample('run-1', 1), sample('run-1', 2, 'abd'), sample('run-10', 1), sample('run-10', 3));
    await deleteRun('run-1');
    expect(await getRun('run-1')).toBeUndefined();
    expect(await countSamples('run-1')).toBe(0);
    expect(await getRun('run-10')).toBeDefined();
    expect((await listSamples('run-10', 0, 10)).map((s) => s.taskId)).toEqual(['1', '3']);
  });

  it('lists runs newest first', async () => {
    await putRun(run('old', { createdAt: 1 }));
    await putRun(run('new', { createdAt: 3 }));
    await putRun(run('mid', { createdAt: 2 }));
    expect((await listRuns()).map((r) => r.id)).toEqual(['new', 'mid', 'old']);
  });

  it('marks running runs whose lock nobody holds as interrupted, and only those', async () => {
    await putRun(run('live', { status: 'running' }));
    await putRun(run('orphan', { status: 'running' }));
    await putRun(run('finished', { status: 'done' }));
    const release = await holdRunLock('live');
    expect(await markInterruptedRuns()).toEqual(['orphan']);
    expect((await getRun('orphan'))?.status).toBe('interrupted');
    expect((await getRun('live'))?.status).toBe('running');
    expect((await getRun('finished'))?.status).toBe('done');
    release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await markInterruptedRuns()).toEqual(['live']);
  });
});

describe('models', () => {
  it('keeps the first save time, lists newest first, and stores a key only when given', async () => {
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(100);
    await saveModel({ kind: 'openai', baseUrl: 'http://a/v1', model: 'x', apiKey: 'sk-1' });
    now.mockReturnValue(200);
    await saveModel({ kind: 'openai', baseUrl: 'http://b/v1', model: 'y' });
    now.mockReturnValue(300);
    await saveModel({ kind: 'openai', baseUrl: 'http://a/v1', model: 'x' }); // saved again, without a key
    expect((await listModels()).map((m) => [m.model, m.createdAt])).toEqual([
      ['y', 200],
      ['x', 100],
    ]);
    expect(await storedKey('http://a/v1', 'x')).toBeUndefined();
    await saveModel({ kind: 'openai', baseUrl: 'http://b/v1', model: 'y', apiKey: 'sk-2' });
    expect(await storedKey('http://b/v1', 'y')).toBe('sk-2');
  });
});
