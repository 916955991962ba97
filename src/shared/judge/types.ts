// What every Judge rule takes and gives back: per-model, per-environment results (with per-task scores where
// known) and a verdict that carries its reasons step by step. The rules, intervals, kernels, Compare page and
// `arbiter compare` all speak these types. Both realms.

/** One model's results on one environment. */
export interface EnvScores {
  /** Number of scored samples (tasks). */
  n: number;
  /** Mean score over those samples. */
  mean: number;
  /**
   * Per-task scores by task id (decimal string), when known: local runs have them, Affine's published documents
   * only have `mean` and `n`. Rules that restrict to overlapping tasks use them when both sides have them.
   */
  tasks?: ReadonlyMap<string, number>;
}

/** One model (a run, a JSONL file, or a miner from Affine's published data) and its results per environment. */
export interface ModelScores {
  /** Stable key: a run id, `file:<name>`, or `affine:<uid>`. */
  id: string;
  /** What the user sees: model name and revision, run name, or `UID 17`. */
  label: string;
  /** Chain UID when known (Affine's data); rules that need one fall back to the model's index. */
  uid?: number;
  /** Commitment block of the model (lower is earlier); rules that need one fall back to the model's index. */
  firstBlock?: number;
  /** Results keyed by environment name (as the samples or the document name it: 'affine:sat', 'SWE-INFINITE'). */
  envs: Record<string, EnvScores>;
}

export type RuleName = 'champion' | 'stages' | 'pareto';

/** One environment's part in a step: the numbers compared, the test applied and its outcome. */
export interface EnvReason {
  env: string;
  /** Per model id: the values this test used (overlap means, counts, thresholds ...). */
  values: Record<string, { mean: number; n: number; threshold?: number }>;
  /** The test in words with its numbers, e.g. '0.365 > 0.330 + 0.03 + 1e-9'. */
  test: string;
  /** Rule-specific outcome, e.g. 'dominant', 'not-worse', 'worse', 'A wins', 'tie'. */
  outcome: string;
  passed: boolean;
}

/** One step of a rule, in the order the rule applies them. */
export interface VerdictStep {
  title: string;
  /** Whether the step's condition held (undefined for steps that only compute). */
  passed?: boolean;
  /** One or two sentences with the numbers. */
  detail: string;
  envs?: EnvReason[];
}

export interface Verdict {
  rule: RuleName;
  /** The winning model's id, or null when none wins (e.g. the champion keeps its place: then winner = champion). */
  winner: string | null;
  /** One sentence for the user: who wins and why. */
  summary: string;
  steps: VerdictStep[];
  /** Weights per model id (sum 1), where the rule produces them. */
  weights?: Record<string, number>;
}
