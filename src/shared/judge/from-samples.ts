// Turns samples into the Judge's input: one run's stored samples, or a JSONL file in Affine's sample format (one
// model or several, grouped by model and revision), become `ModelScores` with per-task scores. Both realms.
import { ImportError, parseJsonl, type SampleRecord } from '../eval/sample.ts';
import type { EnvScores, ModelScores } from './types.ts';

/** Per-env task scores, in input order; a task seen again replaces its earlier score (the later line is the re-run). */
function collect(samples: readonly SampleRecord[]): Map<string, Map<string, number>> {
  const byEnv = new Map<string, Map<string, number>>();
  for (const s of samples) {
    let tasks = byEnv.get(s.envName);
    if (!tasks) byEnv.set(s.envName, (tasks = new Map()));
    // Delete first so the re-sampled task moves to the end and the map keeps "last seen" order.
    tasks.delete(s.taskId);
    tasks.set(s.taskId, s.score);
  }
  return byEnv;
}

/** `EnvScores` of a task map: n, mean and the map itself. */
export function envScores(tasks: ReadonlyMap<string, number>): EnvScores {
  let sum = 0;
  for (const v of tasks.values()) sum += v;
  return { n: tasks.size, mean: tasks.size ? sum / tasks.size : 0, tasks };
}

/**
 * One model's scores from its samples (one run, or one model's lines of a file). Env keys are the Affine SDK env
 * names the samples carry ('affine:sat'); a task sampled twice keeps its last sample.
 */
export function modelFromSamples(id: string, label: string, samples: readonly SampleRecord[]): ModelScores {
  const envs: Record<string, EnvScores> = {};
  for (const [env, tasks] of [...collect(samples)].sort(([a], [b]) => a.localeCompare(b))) envs[env] = envScores(tasks);
  return { id, label, envs };
}

/** 'Qwen/Qwen3-32B@1a2b3c4d': the model with its revision cut to 8 characters (a git sha is still unique there). */
export function modelLabel(model: string, revision: string | null, fallback: string): string {
  if (!model) return fallback;
  return revision ? `${model}@${revision.slice(0, 8)}` : model;
}

/** One model's lines of a JSONL file: the id and label the Judge gives it, and its samples. */
export interface JsonlModel {
  id: string;
  label: string;
  samples: SampleRecord[];
}

/**
 * The models of a JSONL file in Affine's sample format, each with its samples. Lines are grouped by `model` +
 * `model_revision`, in order of first appearance. Ids are `file:<name>` for a file of one model, `file:<name>#<k>`
 * (k from 1) otherwise.
 * @throws ImportError naming the file and the line ('run.jsonl: Line 3: "score" must be a number.').
 */
export function jsonlModels(text: string, fileName: string): JsonlModel[] {
  let samples: SampleRecord[];
  try {
    samples = parseJsonl(text, `file:${fileName}`);
  } catch (e) {
    if (e instanceof ImportError) throw new ImportError(`${fileName}: ${e.message}`);
    throw e;
  }
  const groups = new Map<string, SampleRecord[]>();
  for (const s of samples) {
    // JSON.stringify of the pair keeps 'a@b' + null apart from 'a' + 'b@null'.
    const key = JSON.stringify([s.model, s.modelRevision]);
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const many = groups.size > 1;
  return [...groups.values()].map((g, i) => {
    const first = g[0]!;
    const id = many ? `file:${fileName}#${i + 1}` : `file:${fileName}`;
    return { id, label: modelLabel(first.model, first.modelRevision, fileName), samples: g };
  });
}

/** Every model of a JSONL file as `ModelScores` (see `jsonlModels`). @throws ImportError naming the file and line. */
export function modelsFromJsonl(text: string, fileName: string): ModelScores[] {
  return jsonlModels(text, fileName).map((m) => modelFromSamples(m.id, m.label, m.samples));
}
