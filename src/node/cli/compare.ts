// `arbiter compare`: judges two or more runs (JSONL files of samples, or Affine's published score documents) with
// one of Affine's scoring rules and prints the per-env results with intervals and the verdict step by step. Node.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { AffineApiError, modelsFromAffine, parseAffineDocument } from '../../shared/judge/affine-api.ts';
import { modelsFromJsonl } from '../../shared/judge/from-samples.ts';
import { runRule, RULES, type RuleOptions } from '../../shared/judge/index.ts';
import { intervalForEnv, type Interval } from '../../shared/judge/intervals.ts';
import { allEnvs } from '../../shared/judge/text.ts';
import type { ModelScores, RuleName, Verdict } from '../../shared/judge/types.ts';
import { positiveInt, UsageError } from './usage.ts';

export const COMPARE_OPTIONS = {
  rule: { type: 'string' },
  'sampling-count': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The models of one file: `.json` is an Affine API document, anything else JSONL samples. */
async function modelsOfFile(path: string): Promise<ModelScores[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const name = basename(path);
  if (!path.toLowerCase().endsWith('.json')) return modelsFromJsonl(text, name);
  try {
    return modelsFromAffine(parseAffineDocument(text));
  } catch (e) {
    if (e instanceof AffineApiError) throw new AffineApiError(`${name}: ${e.message}`);
    throw e;
  }
}

/** Ids and labels made unique across files (the same run passed twice, two files of one model). */
function disambiguate(models: ModelScores[], files: string[]): ModelScores[] {
  const seenIds = new Map<string, number>();
  const labelCount = new Map<string, number>();
  for (const m of models) labelCount.set(m.label, (labelCount.get(m.label) ?? 0) + 1);
  return models.map((m, i) => {
    const k = (seenIds.get(m.id) ?? 0) + 1;
    seenIds.set(m.id, k);
    const id = k > 1 ? `${m.id}~${k}` : m.id;
    const label = labelCount.get(m.label)! > 1 ? `${m.label} (${basename(files[i]!)})` : m.label;
    return { ...m, id, label };
  });
}

interface ModelSummary {
  id: string;
  label: string;
  uid?: number;
  firstBlock?: number;
  envs: Record<string, { n: number; mean: number; interval: Interval | null }>;
}

function summarise(m: ModelScores): ModelSummary {
  const envs: ModelSummary['envs'] = {};
  for (const [env, e] of Object.entries(m.envs)) envs[env] = { n: e.n, mean: e.mean, interval: intervalForEnv(e) };
  return { id: m.id, label: m.label, uid: m.uid, firstBlock: m.firstBlock, envs };
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function formatText(summaries: ModelSummary[], envs: string[], verdict: Verdict): string {
  const rows: string[][] = [];
  for (const env of envs)
    for (const s of summaries) {
      const e = s.envs[env];
      const iv = e?.interval;
      rows.push([
        env,
        s.label,
        e ? String(e.n) : '-',
        e ? e.mean.toFixed(4) : '-',
        iv ? `[${iv.lo.toFixed(4)}, ${iv.hi.toFixed(4)}] ${iv.method}` : '-',
      ]);
    }
  const out = [
    table(['env', 'model', 'n', 'mean', '95% interval'], rows),
    '',
    `Verdict (${verdict.rule}): ${verdict.summary}`,
  ];
  verdict.steps.forEach((s, i) => {
    const mark = s.passed === undefined ? '' : s.passed ? ' [yes]' : ' [no]';
    out.push(`  ${i + 1}. ${s.title}${mark}: ${s.detail}`);
    for (const r of s.envs ?? []) out.push(`       ${r.env}: ${r.test} -> ${r.outcome}`);
  });
  if (verdict.weights) {
    const label = new Map(summaries.map((s) => [s.id, s.label]));
    out.push('Weights:');
    for (const [id, w] of Object.entries(verdict.weights)) out.push(`  ${label.get(id) ?? id}: ${w.toFixed(5)}`);
  }
  return `${out.join('\n')}\n`;
}

export async function compareCommand(values: Record<string, unknown>, files: string[] = []): Promise<number> {
  const rule = (values.rule ?? 'champion') as RuleName;
  if (!RULES.includes(rule)) throw new UsageError(`--rule must be one of ${RULES.join(', ')}, not "${String(rule)}".`);
  const count = positiveInt(values, 'sampling-count');
  if (files.length === 0) throw new UsageError('give the files to compare (see arbiter --help).');
  const perFile = await Promise.all(files.map(modelsOfFile));
  const models = disambiguate(
    perFile.flat(),
    perFile.flatMap((ms, i) => ms.map(() => files[i]!)),
  );
  if (rule === 'champion' && models.length < 2)
    throw new UsageError(
      `the champion rule needs at least 2 models (a champion and a challenger), got ${models.length}.`,
    );
  const envs = allEnvs(models);
  // --sampling-count replaces the spec's per-env counts: local runs are rarely Affine-sized.
  const every = count === undefined ? undefined : Object.fromEntries(envs.map((e) => [e, count]));
  const options: RuleOptions = {
    champion: count === undefined ? {} : { samplingCount: count, samplingCounts: every },
    stages: count === undefined ? {} : { samplingCounts: every },
  };
  const verdict = runRule(rule, models, options);
  const summaries = models.map(summarise);
  if (values.json) process.stdout.write(`${JSON.stringify({ rule, models: summaries, verdict })}\n`);
  else process.stdout.write(formatText(summaries, envs, verdict));
  return 0;
}
