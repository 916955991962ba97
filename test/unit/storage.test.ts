// IndexedDB sample storage on fake-indexeddb: durable writes with group commit, resume keys, paging order, and JSONL
// import and export. Node (vitest 'unit'); the browser tests cover the same modules on Chromium's real IndexedDB.

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleToJsonl, taskKey } from '../../src/shared/eval/sample.ts';
import { getRun, listRuns, putRun } from '../../src/storage/runs.ts';
import {
  countSamples,
  doneKey,
  doneKeys,
  getSample,
  listSamples,
  SampleWriter,
  summariseRun,
} from '../../src/storage/samples.ts';
import { DB_NAME } from '../../src/storage/schema.ts';
import { exportRunJsonl, importRunJsonl } from '../../src/storage/transfer.ts';
import { resetDb, run, sample, store } from '../support/storage-fixtures.ts';

beforeEach(resetDb);
afterEach(() => vi.restoreAllMocks());

/** Counts readwrite transactions on 'samples' and whether each has completed. */
function watchTransactions() {
  const txs: { completed: boolean }[] = [];
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args) {
    const tx = original.apply(this, args);
    if (args[1] === 'readwrite') {
      const seen = { completed: false };
      txs.push(seen);
      tx.addEventListener('complete', () => (seen.completed = true));
    }
    return tx;
  });
  return txs;
}

describe('SampleWriter', () => {
  it('stores each sample and resolves only after its transaction committed', async () => {
    const txs = watchTransactions();
    const w = new SampleWriter();
    const s = sample('r', 7);
    await w.write(s);
    expect(txs).toHaveLength(1);
    expect(txs[0]!.completed).toBe(true);
    expect(await getSample('r', 'sat', taskKey(7n))).toEqual(s);
    expect(await countSamples('r')).toBe(1);
  });

  it('groups concurrent writes into few transactions, and every write lands', async () => {
    const txs = watchTransactions();
    const w = new SampleWriter();
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      writes.push(w.write(sample('r', i)));
      if (i % 10 === 9) await new Promise((r) => setImmediate(r)); // arrivals spread over 20 turns of the loop
    }
    await Promise.all(writes);
    expect(await countSamples('r')).toBe(200);
    expect(txs.length).toBeGreaterThan(1);
    expect(txs.length).toBeLessThan(50);
    expect(txs.every((t) => t.completed)).toBe(true);
  });

  it('rejects the writes of a batch that cannot be stored, and keeps working afterwards', async () => {
    const w = new SampleWriter();
    const bad = { ...sample('r', 2), taskKey: undefined as unknown as string }; // no key: the put throws
    const results = await Promise.allSettled([w.write(bad), w.write(sample('r', 3))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await countSamples('r')).toBe(0);
    await w.write(sample('r', 4));
    expect([...(await doneKeys('r'))]).toEqual([doneKey('sat', taskKey(4n))]);
  });
});

describe('reading samples', () => {
  it('doneKeys returns exactly the stored (env, task) keys of the run', async () => {
    await store(
      sample('a', 1),
      sample('a', 20),
      sample('a', 300),
      sample('a', 5, 'abd'),
      sample('b', 1),
      sample('b', 2),
    );
    expect(await doneKeys('a')).toEqual(
      new Set([
        doneKey('sat', taskKey(1n)),
        doneKey('sat', taskKey(20n)),
        doneKey('sat', taskKey(300n)),
        doneKey('abd', taskKey(5n)),
      ]),
    );
    expect(await doneKeys('nothing')).toEqual(new Set());
  });

  it('lists pages in (env, task id) order, numerically across digit lengths', async () => {
    const satIds = ['100', '9', '18446744073709551615', '10', '0', '1000', '99', '9007199254740993'];
    await store(
      ...satIds.map((id) => sample('r', id)),
      sample('r', 10, 'abd'),
      sample('r', 9, 'abd'),
      sample('other', 5),
    );
    const pages: string[][] = [];
    for (let offset = 0; ; offset += 3) {
      const page = await listSamples('r', offset, 3);
      if (page.length === 0) break;
      pages.push(page.map((s) => `${s.env}:${s.taskId}`));
    }
    expect(pages).toEqual([
      ['abd:9', 'abd:10', 'sat:0'],
      ['sat:9', 'sat:10', 'sat:99'],
      ['sat:100', 'sat:1000', 'sat:9007199254740993'],
      ['sat:18446744073709551615'],
    ]);
    expect(await listSamples('r', 100, 3)).toEqual([]);
  });

  it('summarises a run per environment', async () => {
    await store(
      sample('r', 1),
      sample('r', 2),
      sample('r', 3),
      sample('r', 4, 'sat', { error: { type: 'http', message: 'x' } }),
    );
    const [row] = await summariseRun('r');
    expect(row).toMatchObject({ env: 'sat', n: 4, mean: 0.5, errors: 1 });
  });
});

describe('JSONL transfer', () => {
  const ids = ['3', '18446744073709551615', '10', '0'];

  it('imports a good file as a new run holding every sample', async () => {
    const text = ids.map((id) => sampleToJsonl(sample('src', id))).join('\n') + '\n';
    const imported = await importRunJsonl(text, 'results.jsonl');
    expect(imported).toMatchObject({ status: 'imported', total: 4 });
    expect(imported.config.model).toMatchObject({ baseUrl: 'file:results.jsonl', model: 'm' });
    expect(await getRun(imported.id)).toEqual(imported);
    const back = await listSamples(imported.id, 0, 10);
    expect(back.map((s) => s.taskId)).toEqual(['0', '3', '10', '18446744073709551615']);
    expect(back[3]).toEqual({ ...sample('src', '18446744073709551615'), runId: imported.id });
  });

  it('stores nothing from a file with one bad line', async () => {
    await putRun(run('existing'));
    const lines = ids.map((id) => sampleToJsonl(sample('src', id)));
    lines.splice(2, 0, '{"env":"affine:sat","task_id":5,"score":"high"}');
    await expect(importRunJsonl(lines.join('\n'), 'bad.jsonl')).rejects.toThrow(/^Line 3: "score" must be a number/);
    expect((await listRuns()).map((r) => r.id)).toEqual(['existing']);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME);
      req.onsuccess = () => resolve(req.result);
    });
    const count = await new Promise<number>((resolve) => {
      const req = db.transaction('samples').objectStore('samples').count();
      req.onsuccess = () => resolve(req.result);
    });
    db.close();
    expect(count).toBe(0);
  });

  it('exports the samples in key order, line for line as sampleToJsonl writes them, and re-imports them', async () => {
    const samples = [
      ...ids.map((id) => sample('r', id)),
      sample('r', 4, 'abd', { reply: '', error: { type: 'timeout', message: 't' } }),
    ];
    await store(...samples);
    const text = await (await exportRunJsonl('r')).text();
    const order = ['abd:4', 'sat:0', 'sat:3', 'sat:10', 'sat:18446744073709551615'];
    const expected = order.map((k) => samples.find((s) => `${s.env}:${s.taskId}` === k)!);
    expect(text).toBe(expected.map((s) => sampleToJsonl(s) + '\n').join(''));
    const again = await importRunJsonl(text, 'r.jsonl');
    expect(await listSamples(again.id, 0, 10)).toEqual(expected.map((s) => ({ ...s, runId: again.id })));
  });
});
