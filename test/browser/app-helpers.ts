// Page helpers for the browser tests: fill the Evaluate form, wait for run states, read downloads.
import type { Page } from 'playwright';

export interface FormInput {
  baseUrl: string;
  model: string;
  ids?: string;
  concurrency?: number;
}

export async function startRun(page: Page, appUrl: string, f: FormInput): Promise<string> {
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByLabel('Base URL').fill(f.baseUrl);
  await page.getByLabel('Model name').fill(f.model);
  if (f.ids !== undefined) await page.getByRole('textbox', { name: 'Ids' }).fill(f.ids);
  if (f.concurrency !== undefined) await page.getByLabel('Concurrency').fill(String(f.concurrency));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/#\/run\//);
  return decodeURIComponent(page.url().split('#/run/')[1]!);
}

export async function waitForStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page
    .getByTestId('run-status')
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor({ timeout });
}

/** Done count shown by the progress bar. */
export async function doneCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('progress-text').textContent()) ?? '';
  return Number(/^(\d+)/.exec(text)?.[1] ?? NaN);
}

export async function exportJsonl(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSONL' }).click(),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
