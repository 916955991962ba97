// Runs app code in headless Chromium for the CLI: serves the built app (and a local model folder), opens it, wires
// the page's hooks (dataset rows, progress) and hands the page to the caller. Node.
import type { Page } from 'playwright';
import type { DatasetRow } from '../../../envs/types.ts';
import type { LoadProgress } from '../../shared/api/llm.ts';
import { startAppServer } from '../app-server.ts';
import { launchChromium } from '../chromium.ts';

export interface HeadlessOptions {
  /** A model folder on disk, served at /local-model/. */
  modelFolder?: string;
  /** Rows of --dataset, served to the page one by one. */
  datasetRows?: DatasetRow[];
  /** Stops the browser (SIGINT). */
  signal?: AbortSignal;
}

export async function withHeadlessApp<T>(
  opts: HeadlessOptions,
  fn: (page: Page, appUrl: string) => Promise<T>,
): Promise<T> {
  const app = await startAppServer({
    outDir: 'node_modules/.cache/arbiter-cli-app',
    modelFolder: opts.modelFolder,
    quiet: true,
  });
  const browser = await launchChromium();
  const stop = () => void browser.close();
  opts.signal?.addEventListener('abort', stop, { once: true });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => process.stderr.write(`arbiter (page): ${e.message}\n`));
    const rows = opts.datasetRows ?? [];
    await page.exposeFunction('__arbiterDatasetRow', (i: number) => {
      if (!(i >= 0 && i < rows.length)) throw new RangeError(`Row ${i} is outside the dataset (${rows.length} rows).`);
      return rows[i];
    });
    await page.exposeFunction('__arbiterProgress', (p: LoadProgress) => {
      if (p.status === 'compile') process.stderr.write(`${p.message}\n`);
    });
    await page.goto(`${app.url}/#/evaluate`);
    await page.waitForFunction(() => '__arbiter' in window);
    return await fn(page, app.url);
  } finally {
    opts.signal?.removeEventListener('abort', stop);
    await browser.close().catch(() => undefined);
    await app.close();
  }
}

/** page.evaluate's error without its "page.evaluate: Error: " wrapping and page stack. */
export function pageErrorMessage(e: unknown): string {
  return String((e as Error)?.message ?? e)
    .replace(/^page\.evaluate: (Error: )?/, '')
    .split('\n    at ')[0]!;
}
