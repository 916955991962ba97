// Opens the Arbiter IndexedDB database and reports its health (blocked upgrades, quota, eviction) as UI state.
// UI realm; the only module that calls openDB.
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type ArbiterDB } from './schema.ts';

export type ArbiterDatabase = IDBPDatabase<ArbiterDB>;

/** Problems the UI must show: storage can fail for reasons the user can fix. */
export type StorageIssue =
  | { code: 'blocked'; message: string }
  | { code: 'blocking'; message: string }
  | { code: 'terminated'; message: string }
  | { code: 'quota'; message: string }
  | { code: 'unavailable'; message: string };

type Listener = (issue: StorageIssue) => void;
const listeners = new Set<Listener>();

/** Subscribes to storage problems; returns the unsubscribe function. */
export function onStorageIssue(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function reportStorageIssue(issue: StorageIssue): void {
  for (const fn of listeners) fn(issue);
}

let dbPromise: Promise<ArbiterDatabase> | null = null;

/** The shared connection, opened once. */
export function getDb(): Promise<ArbiterDatabase> {
  dbPromise ??= open().catch((e: unknown) => {
    dbPromise = null;
    const message = `IndexedDB could not be opened (${(e as Error).message}). Private windows and some browser settings disable it; Arbiter needs it to keep results.`;
    reportStorageIssue({ code: 'unavailable', message });
    throw new Error(message, { cause: e });
  });
  return dbPromise;
}

function open(): Promise<ArbiterDatabase> {
  return openDB<ArbiterDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Cumulative steps: each version adds what it needs, so any old database upgrades in one go.
      if (oldVersion < 1) {
        db.createObjectStore('models', { keyPath: 'id' });
        db.createObjectStore('runs', { keyPath: 'id' }).createIndex('by-created', 'createdAt');
        db.createObjectStore('samples', { keyPath: ['runId', 'env', 'taskKey'] }).createIndex('by-run', 'runId');
      }
      if (oldVersion < 2) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('datasetRows', { keyPath: ['datasetId', 'index'] });
      }
      if (oldVersion < 3)
        db.createObjectStore('weightCommits', { keyPath: 'hash' }).createIndex('by-created', 'createdAt');
    },
    blocked() {
      reportStorageIssue({
        code: 'blocked',
        message: 'Another Arbiter tab holds an older version of the database open. Close or reload the other tabs.',
      });
    },
    blocking() {
      // A newer tab wants to upgrade: step aside rather than block it, and ask the user to reload this one.
      dbPromise?.then((db) => db.close());
      dbPromise = null;
      reportStorageIssue({
        code: 'blocking',
        message: 'A newer version of Arbiter opened in another tab. Reload this tab to keep working.',
      });
    },
    terminated() {
      dbPromise = null;
      reportStorageIssue({
        code: 'terminated',
        message:
          'The browser closed the database (storage cleared or disk full). Reload the page; stored runs are kept unless storage was cleared.',
      });
    },
  });
}

/** True for errors that mean the disk or the origin's quota is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || /quota/i.test(String((e as Error)?.message ?? ''));
}

/** Asks the browser not to evict our data; returns whether storage is persistent. */
export async function requestPersistence(): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}

/** Used and available bytes for this origin, when the browser reports them. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}
