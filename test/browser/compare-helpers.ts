// Helpers for the Compare page tests: JSONL files of known scores, importing them as stored runs through the Runs
// page, and reading downloads. Node realm (drives the page through Playwright).
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Download, Page } from 'playwright';

/** One sample line in Affine's format; timestamps increase with `i` so the running mean follows task order. */
function line(model: string, env: string, taskId: number, score: number, i: number): string {
  return JSON.stringify({
    env,
    task_id: taskId,
    score,
    success: score > 0,
    latency_ms: 5,
    timestamp: 1_750_000_000_000 + i * 1000,
    model,
    model_revision: null,
    error: null,
    extra: {
      conversation: [
        { role: 'user', content: `task ${taskId}` },
        { role: 'assistant', content: 'x' },
      ],
      seed: 1,
      attempts: 1,
    },
  });
}

/** Per env, the scores of tasks 0..n-1. */
export type EnvScoresSpec = Record<string, number[]>;

/** `count` scores of 0/1 with exactly round(mean × count) ones, spread out (so running means settle gradually). */
export function binaryScores(count: number, mean: number): number[] {
  const ones = Math.round(mean * count);
  return Array.from({ length: count }, (_, i) =>
    Math.floor(((i + 1) * ones) / count) > Math.floor((i * ones) / count) ? 1 : 0,
  );
}

/** Writes a JSONL file of one model's samples and returns its path. */
export function writeJsonl(dir: string, name: string, model: string, envs: EnvScoresSpec): string {
  const lines: string[] = [];
  let i = 0;
  for (const [env, scores] of Object.entries(envs)) scores.forEach((s, t) => lines.push(line(model, env, t, s, i++)));
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/** Imports a JSONL file as a stored run through the Runs page; returns the new run id. */
export async function importRun(page: Page, appUrl: string, path: string): Promise<string> {
  await page.goto(`${appUrl}/#/runs`);
  await page.getByTestId('import').setInputFiles(path);
  // Wait for this file's message: the page may still show the previous import's (same URL, no reload).
  const msg = page.getByTestId('runs-message').filter({ hasText: `from ${basename(path)} as ` });
  await msg.waitFor();
  return /as (run-\S+)\.$/.exec((await msg.textContent()) ?? '')![1]!;
}

export async function downloadBytes(d: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Clicks `trigger` and returns the file it downloads. */
export async function downloadOf(page: Page, trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), trigger()]);
  return { name: d.suggestedFilename(), bytes: await downloadBytes(d) };
}
