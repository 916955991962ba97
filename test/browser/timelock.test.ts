// Timelocked weight commits in Chromium: the bundled encryptor reproduces chain.md §7's golden vector, a fresh commit
// to round 1000 opens with the real round-1000 drand signature, and the Rust crate's wasm build, running in the same
// page, opens it too. The same checks in Node, with more cases, are in test/unit/timelock.test.ts.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { GOLDEN_CIPHERTEXT, GOLDEN_PLAINTEXT, signature1000 } from '../support/timelock-vectors.ts';

const PAGE = 'test/browser/pages/chain.html';
const ALICE = 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const SUFFIX = Buffer.from('AES_GCM_').toString('hex');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  // Built beside the app by the browser-test setup (test/browser/setup/global.ts).
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${inject('appUrl')}/${PAGE}`);
  await page.waitForFunction(() => 'chainPage' in window);
});
afterAll(async () => {
  await browser?.close();
});

test('the golden vector, byte for byte, from its fixed inputs', async () => {
  const ct = await page.evaluate((p) => window.chainPage.golden(p, 1000), GOLDEN_PLAINTEXT);
  expect(ct).toBe(GOLDEN_CIPHERTEXT);
});

test('a fresh commit to round 1000 has the layout, opens with the real signature, and the Rust build agrees', async () => {
  const uids = Array.from({ length: 40 }, (_, i) => i * 3);
  const values = uids.map(() => Math.floor(Math.random() * 65536));
  const { plaintext, ciphertext } = await page.evaluate(([h, u, v]) => window.chainPage.commit(h, u, v, 1000), [
    ALICE,
    uids,
    values,
  ] as const);
  expect(ciphertext.length / 2).toBe(plaintext.length / 2 + 244);
  expect(ciphertext.endsWith(SUFFIX)).toBe(true);
  const sig = signature1000();
  expect(await page.evaluate(([c, s]) => window.chainPage.open(c, s), [ciphertext, sig] as const)).toBe(plaintext);
  expect(await page.evaluate(([c, s]) => window.chainPage.openWithRust(c, s), [ciphertext, sig] as const)).toBe(
    plaintext,
  );
});

test('a wrong round signature is refused with a clear error, not garbage', async () => {
  const { ciphertext } = await page.evaluate((h) => window.chainPage.commit(h, [1], [1], 1001), ALICE);
  const err = await page.evaluate(
    ([c, s]) =>
      window.chainPage.open(c, s).then(
        () => 'opened',
        (e: Error) => e.message,
      ),
    [ciphertext, signature1000()] as const,
  );
  expect(err).toMatch(/signature/i);
});
