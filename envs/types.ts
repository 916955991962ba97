// The environment contract (see envs/README.md): what every folder under envs/ exports. Both realms: no DOM, no Node.
import type { Executor } from '../src/shared/api/sandbox.ts';

/** One row of a program dataset in the schema of AffineFoundation/rl-python (affine-envs.md §4). */
export interface DatasetRow {
  program?: string;
  inputs?: string;
  output?: string;
  prompt?: string;
  verification_info?: unknown;
  test_cases?: unknown;
}

/** A dataset the environment reads rows from, by index. */
export interface Dataset {
  /** Name shown to the user, e.g. 'AffineFoundation/rl-python' or a file name. */
  name: string;
  length: number;
  row(index: number): Promise<DatasetRow>;
}

/** What an environment may need from its host: a Python sandbox and a dataset. SAT needs neither. */
export interface EnvContext {
  exec?: Executor;
  dataset?: Dataset;
}

/** A generated task: everything needed to prompt a model and to score its reply. */
export interface Task<D = unknown> {
  /** Environment id, e.g. 'sat'. */
  env: string;
  /** Task id as Affine uses it; bigint because validators use ids beyond 2^53. */
  taskId: bigint;
  /** The exact user message Affine sends, byte for byte. */
  prompt: string;
  /** Environment-specific data the scorer needs (for SAT: the clauses). Structured-cloneable. */
  data: D;
}

/** The verdict on one reply. */
export interface ScoreResult {
  /** 0..1 for the in-scope environments; no partial credit. */
  score: number;
  /** Environment-specific details stored with the sample (e.g. the extracted assignment). */
  extra: Record<string, unknown>;
}

export interface Environment<D = unknown> {
  /** Short id used in the UI, CLI and storage: 'sat'. */
  id: string;
  /** Affine SDK env name, which enters the LLM seed formula: 'affine:sat'. */
  name: string;
  label: string;
  /** Version of our implementation; bump when prompts or scoring change. */
  version: string;
  /** Upstream source this mirrors, `repo path @ commit`. */
  upstream: string;
  /** What the host must provide in EnvContext; the runner refuses to start without it. */
  needs?: { exec?: boolean; dataset?: boolean };
  /** Builds the task for an id. Throws RangeError for ids the environment does not accept. */
  task(taskId: bigint, ctx?: EnvContext): Promise<Task<D>>;
  /** Extracts the answer from a reply and scores it, exactly as Affine does. */
  score(task: Task<D>, reply: string, ctx?: EnvContext): Promise<ScoreResult>;
}
