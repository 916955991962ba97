// Benches that run in one of the test pages (test/browser/pages/*.html): served by Vite from the sources, no build,
// and opened in Chromium. Shared by bench:kernels and bench:yuma.
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import { createServer } from 'vite';
import { launchChromium } from '../support/chromium.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Serves test/browser/pages/`name`.html and opens it in Chromium for `fn`, once the page has set `window[name]`.
 * Errors the page logs are echoed when `echoErrors`.
 */
export async function withTestPage<T>(
  name: string,
  fn: (page: Page) => Promise<T>,
  { echoErrors = false } = {},
): Promise<T> {
  const server = await createServer({
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    appType: 'mpa',
    server: { port: 0, host: 'localhost', hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await server.listen();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    if (echoErrors) page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
    await page.goto(`${server.resolvedUrls!.local[0]}test/browser/pages/${name}.html`);
    await page.waitForFunction((global) => global in window, name);
    return await fn(page);
  } finally {
    await browser.close();
    await server.close();
  }
}
