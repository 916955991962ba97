// IndexedDB schema for Arbiter: record types and store layout. UI realm (idb is imported only under src/storage/).
import type { DBSchema } from 'idb';
import type { RunConfig } from '../shared/eval/run-config.ts';
import type { SampleRecord } from '../shared/eval/sample.ts';
import type { DatasetRow } from '../../envs/types.ts';

export const DB_NAME = 'arbiter';
export const DB_VERSION = 2;

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

export interface ArbiterDB extends DBSchema {
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
