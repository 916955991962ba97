// `arbiter eval --model ID|FOLDER|URL` without --endpoint: serves the built app, opens it in headless Chromium and
// runs the evaluation there through the same model worker the UI uses; samples stream back as JSONL lines. Node.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetRow } from '../../../envs/types.ts';
import type {
  BrowserModelSource,
  BrowserModelSpec,
  DatasetSpec,
  ModelSpec,
  RunConfig,
} from '../../shared/eval/run-config.ts';
import type { RunOutcome } from '../../shared/eval/runner.ts';
import { sampleFromJsonl } from '../../shared/eval/sample.ts';
import type { HeadlessResult } from '../../app/automation.ts';
import { pageErrorMessage, withHeadlessApp } from './headless.ts';
import type { EvalPlan } from './eval.ts';
import { positiveInt, UsageError } from './usage.ts';

export const BROWSER_OPTIONS = {
  device: { type: 'string' },
  dtype: { type: 'string' },
  batch: { type: 'string' },
  'max-new-tokens': { type: 'string' },
  /** A Hugging Face Hub mirror (same URL layout), e.g. https://hf-mirror.com/. */
  'hub-url': { type: 'string' },
} as const;

const DEVICES = ['auto', 'webgpu', 'wasm'] as const;
const DTYPES = ['auto', 'fp32', 'fp16', 'q8', 'q4', 'q4f16'] as const;

/** Reads --model: an existing folder, an http(s) URL of a folder, 'bundled' / 'arbiter/tiny-llama', or a Hub id. */
export function modelSource(
  model: string,
  revision?: string,
  host?: string,
): { source: BrowserModelSource; folder?: string } {
  if (existsSync(model) && statSync(model).isDirectory()) {
    // The URL is completed once the app server (which serves the folder at /local-model/) has a port.
    return { source: { kind: 'url', url: '/local-model/' }, folder: resolve(model) };
  }
  if (/^https?:\/\//.test(model)) return { source: { kind: 'url', url: model } };
  if (model === 'bundled' || model === 'arbiter/tiny-llama')
    return { source: { kind: 'bundled', id: 'arbiter/tiny-llama' } };
  if (!/^[\w.-]+\/[\w.-]+$/.test(model))
    throw new UsageError(`--model "${model}" is neither a folder, a URL nor a Hugging Face id (owner/name).`);
  return { source: { kind: 'hub', id: model, revision, host: host && (host.endsWith('/') ? host : `${host}/`) } };
}

function pick<T extends string>(values: Record<string, unknown>, flag: string, allowed: readonly T[]): T {
  const v = (values[flag] ?? 'auto') as string;
  if (!(allowed as readonly string[]).includes(v))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${v}".`);
  return v as T;
}

/** The model spec for the browser path, validated; `folder` is a local folder to serve to the page. */
export function browserModelSpec(values: Record<string, unknown>): { spec: BrowserModelSpec; folder?: string } {
  const { source, folder } = modelSource(
    String(values.model),
    values.revision as string | undefined,
    values['hub-url'] as string | undefined,
  );
  const spec: BrowserModelSpec = {
    kind: 'browser',
    source,
    device: pick(values, 'device', DEVICES),
    dtype: pick(values, 'dtype', DTYPES),
    batch: positiveInt(values, 'batch', 1)!,
    maxNewTokens: positiveInt(values, 'max-new-tokens', 256)!,
  };
  return { spec, folder };
}

export async function browserEval(
  model: { spec: ModelSpec; folder?: string },
  plan: EvalPlan,
  dataset: { spec?: DatasetSpec; rows?: DatasetRow[] },
): Promise<RunOutcome> {
  const { spec, folder } = model;
  const config: RunConfig = {
    model: spec,
    dataset: dataset.spec,
    envs: plan.envs.map((e) => e.id),
    ids: plan.spec,
    shard: plan.shard,
    concurrency: plan.concurrency,
  };
  return withHeadlessApp(
    { modelFolder: folder, datasetRows: dataset.rows, signal: plan.signal },
    async (page, appUrl) => {
      // transformers.js needs an absolute URL: a relative remote host reads as a missing model (browser.md §5.2, trap 2).
      if (spec.kind === 'browser' && spec.source.kind === 'url' && folder) spec.source.url = `${appUrl}/local-model/`;
      await page.exposeFunction('__arbiterDone', () =>
        [...(plan.sink?.existing ?? [])].map((s) => `${s.env}\u0000${s.taskKey}`),
      );
      await page.exposeFunction('__arbiterSample', async (line: string) => {
        const s = sampleFromJsonl(line, 0, 'cli');
        await plan.sink?.appendLine(line, s);
        plan.record(s);
      });
      const r = await page
        .evaluate(
          (c) =>
            (
              window as unknown as { __arbiter: { runHeadless(c: unknown): Promise<HeadlessResult> } }
            ).__arbiter.runHeadless(c),
          config,
        )
        .catch((e: unknown): HeadlessResult => {
          if (plan.signal.aborted) return { outcome: 'aborted', model: null };
          return { outcome: 'halted', error: pageErrorMessage(e), model: null };
        });
      if (r.model)
        process.stderr.write(
          `model ${r.model.name} on ${r.model.device} as ${r.model.dtype}, loaded in ${(r.model.loadMs / 1000).toFixed(1)} s\n`,
        );
      if (r.outcome === 'halted') return { kind: 'halted', error: new Error(r.error ?? 'the browser run failed') };
      return { kind: r.outcome };
    },
  );
}
