// Shared by the sandbox browser tests: opens the app and installs `window.sandboxTest`, a few named SandboxPools
// driven from Node through page.evaluate. Node (the functions passed to evaluate run in the page).
import type { Browser, BrowserContext, Page } from 'playwright';
import type { ExecRequest, ExecResult } from '../../src/shared/api/sandbox.ts';
import type { SandboxPool, SandboxPoolOptions, SandboxPoolStats } from '../../src/sandbox/pool.ts';

export type PoolName = 'main' | 'one' | 'fresh' | 'other';
/** Pool options that survive page.evaluate (no DOM element). */
export type PoolOptions = Omit<SandboxPoolOptions, 'container'>;

declare global {
  interface Window {
    sandboxTest: {
      pools: Partial<Record<PoolName, SandboxPool>>;
      create(name: PoolName, opts: PoolOptions): Promise<void>;
      run(name: PoolName, req: ExecRequest): Promise<ExecResult>;
      stats(name: PoolName): SandboxPoolStats;
    };
  }
}

/** `prepare` may route or watch the new context's requests before the page opens. */
export async function openSandboxPage(
  browser: Browser,
  appUrl: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext();
  await prepare?.(context);
  const page = await context.newPage();
  await page.goto(`${appUrl}/#/runs`);
  await page.waitForFunction(() => '__arbiter' in window);
  await page.evaluate(() => {
    const { SandboxPool: Pool } = (window as unknown as { __arbiter: { SandboxPool: typeof SandboxPool } }).__arbiter;
    window.sandboxTest = {
      pools: {},
      async create(name, opts) {
        this.pools[name]?.dispose();
        const pool = new Pool(opts);
        this.pools[name] = pool;
        await pool.warmUp();
      },
      run(name, req) {
        return this.pools[name]!.run(req);
      },
      stats(name) {
        return this.pools[name]!.stats();
      },
    };
  });
  return page;
}
