// IndexedDB schema for Arbiter: record types and store layout. UI realm (idb is imported only under src/storage/).
import type { DBSchema } from 'idb';
import type { RunConfig } from '../shared/eval/run-config.ts';
import type { SampleRecord } from '../shared/eval/sample.ts';
import type { DatasetRow } from '../../envs/types.ts';

export const DB_NAME = 'arbiter';
export const DB_VERSION = 3;

/** A model endpoint the user saved. The API key is kept only when the user opted in. */
export interface ModelRecord {
  id: string;
  kind: 'openai';
  baseUrl: string;
  model: string;
  revision?: string;
  apiKey?: string;
  createdAt: number;
}

export type RunStatus = 'running' | 'interrupted' | 'stopped' | 'done' | 'error' | 'imported';

export interface RunRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  status: RunStatus;
  config: RunConfig;
  /** How many (env, task) items the run covers. */
  total: number;
  /** Why the run stopped with status 'error'. */
  error?: string;
}

/** A program dataset kept in the browser (rl-python schema), from a file or the Hugging Face Hub. */
export interface DatasetRecord {
  id: string;
  name: string;
  /** Where it came from: 'file:<name>' or 'hub:<repo>@<revision>'. */
  source: string;
  length: number;
  createdAt: number;
}

/**
 * A commit-reveal v2 weights commit (chain.md §2.6): what was committed, with the salt, so that it can be revealed in
 * its window after a reload. Numbers that can pass 2^53 are decimal strings.
 */
export interface WeightCommitRecord {
  /** The commit hash, 0x-hex: the key. */
  hash: string;
  /** Genesis hash of the chain it was committed on: a reveal on another network must not be offered. */
  genesisHash: string;
  netuid: number;
  /** netuid for mechanism 0; mecid · 4096 + netuid otherwise. */
  netuidIndex: number;
  /** The hotkey (SS58) that committed and must reveal. */
  hotkey: string;
  uids: number[];
  values: number[];
  salt: number[];
  versionKey: string;
  /** The block it was included in (0 while 'pending'). */
  commitBlock: number;
  /** The epoch the chain filed it under, and RevealPeriodEpochs then: the reveal belongs to their sum. */
  commitEpoch: number;
  revealPeriodEpochs: number;
  /** The blocks a reveal is accepted in, inclusive (generation A; known once included). */
  firstRevealBlock?: number;
  lastRevealBlock?: number;
  createdAt: number;
  /**
   * 'pending': stored before signing, so a tab closed while the commit is in flight still has its salt; the
   * chain's `WeightCommits` queue then says whether it landed.
   */
  status: 'pending' | 'committed' | 'revealed' | 'expired';
  settledAt?: number;
}

export interface ArbiterDB extends DBSchema {
  /** Commit-reveal v2 commits with their salts, until revealed. */
  weightCommits: { key: string; value: WeightCommitRecord; indexes: { 'by-created': number } };
  /** Imported or downloaded program datasets (metadata). */
  datasets: { key: string; value: DatasetRecord };
  /** Their rows, by [dataset id, row index]; rows never change for a given dataset. */
  datasetRows: { key: [string, number]; value: { datasetId: string; index: number; row: DatasetRow } };
  /** Saved model endpoints. */
  models: { key: string; value: ModelRecord };
  /** One row per evaluation run: its config, status and timestamps. */
  runs: { key: string; value: RunRecord; indexes: { 'by-created': number } };
  /** One row per scored (run, env, task); written the moment the sample is scored. */
  samples: {
    key: [string, string, string];
    value: SampleRecord;
    indexes: { 'by-run': string };
  };
}
