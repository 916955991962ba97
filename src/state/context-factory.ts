// Builds what the program environments need for a run: the Python sandbox pool and the dataset. UI realm.
import { getEnv } from '../../envs/index.ts';
import type { Dataset, EnvContext } from '../../envs/types.ts';
import { generatedDataset } from '../datasets/generated.ts';
import { SandboxPool } from '../sandbox/pool.ts';
import type { RunConfig } from '../shared/eval/run-config.ts';
import { missingContext } from '../shared/eval/runner.ts';
import { openDataset } from '../storage/datasets.ts';

export interface PreparedContext {
  ctx: EnvContext;
  dispose(): void;
}

/** Whether any chosen environment reads a dataset (the form shows the dataset choice only then). */
export function needsDataset(envIds: string[]): boolean {
  return envIds.some((id) => getEnv(id).needs?.dataset);
}

/**
 * @param cliDataset rows served by the CLI (headless runs with `--dataset FILE`).
 * @throws Error saying what is missing, before any task runs.
 */
export async function prepareContext(config: RunConfig, cliDataset?: Dataset): Promise<PreparedContext> {
  const envs = config.envs.map(getEnv);
  const wantsDataset = envs.some((e) => e.needs?.dataset);
  const generated = wantsDataset && config.dataset?.kind === 'generated';
  const pool = envs.some((e) => e.needs?.exec) || generated ? new SandboxPool() : null;
  const ctx: EnvContext = { exec: pool ?? undefined };
  try {
    if (wantsDataset && config.dataset) {
      const d = config.dataset;
      if (d.kind === 'generated') ctx.dataset = generatedDataset(pool!, d.seed, d.size);
      else if (d.kind === 'stored') ctx.dataset = await openDataset(d.id);
      else ctx.dataset = cliDataset;
    }
    const missing = missingContext(envs, ctx);
    if (missing) throw new Error(missing);
  } catch (e) {
    pool?.dispose();
    throw e;
  }
  return { ctx, dispose: () => pool?.dispose() };
}
