// The Stake page's refusals in Chromium, against the fixture node of stake-helpers.ts and //Alice's test wallet: every
// bad input (too many decimals, negative, zero, more than the balance or the stake, below the minimum, a disabled
// subtoken, a bad tolerance) gets its message next to its field with Review disabled; a price moved past the limit
// between the quote and Sign is refused; Escape and Cancel send nothing. Each checks nothing was signed or submitted.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import {
  applyScript,
  connectedPage,
  movedScript,
  order,
  poll,
  refused as refusedWith,
  reviewButton,
  startStakeNode,
  type StakeHarness,
} from './stake-helpers.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
let browser: Browser;
let h: StakeHarness;

beforeAll(async () => {
  h = await startStakeNode(chain);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.node.close();
});

/** As stake-helpers' `refused`, and an amount refusal also marks the Amount field invalid. */
async function refused(page: Page, testId: string, message: RegExp | string) {
  await refusedWith(page, testId, message);
  if (testId === 'amount-error') expect(await page.getByLabel(/^Amount/).getAttribute('aria-invalid')).toBe('true');
}

test('bad amounts, balance, stake, minimum, disabled subtoken and tolerance: a message each, nothing signed', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  const before = h.node.submitted.length;
  await order(page, 1, 'Stake (TAO → alpha)');
  const amount = page.getByLabel(/^Amount/);
  await amount.fill('1.0000000001');
  await refused(page, 'amount-error', 'TAO has 9 decimals: "1.0000000001" has 10.');
  await amount.fill('-1');
  await refused(page, 'amount-error', 'The amount of TAO must be positive.');
  await amount.fill('0');
  await refused(page, 'amount-error', 'Enter an amount of TAO above zero.');
  await amount.fill('1,5');
  await refused(page, 'amount-error', /not an amount of TAO\. Use a dot for decimals/);
  await amount.fill('1001');
  await refused(page, 'amount-error', 'You have 1000 TAO free; the stake needs 1001 TAO.');
  // 0.002 TAO plus the swap fee on it.
  await amount.fill('0.002');
  await refused(page, 'amount-error', /^The smallest stake is 0\.002\d+ TAO \(0\.002 TAO plus the fee\)\.$/);

  // A fine amount, then a bad tolerance: the message moves to that field.
  await amount.fill('1');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  const tolerance = page.getByLabel(/^Slippage tolerance/);
  await tolerance.fill('abc');
  await refused(page, 'tolerance-error', '"abc" is not a percentage: write e.g. 0.5 for 0.5 %.');
  await tolerance.fill('100');
  await refused(page, 'tolerance-error', 'The slippage tolerance must be at least 0 % and below 100 %.');
  await tolerance.fill('0.5');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);

  // A bad hotkey.
  const hotkey = page.getByLabel('Hotkey');
  await hotkey.fill('5notanaddress');
  await refused(page, 'hotkey-error', '"5notanaddress" is not an SS58 address.');
  await hotkey.fill(h.script.hotkey);

  // More than the stake held (400 α with Bob on subnet 1).
  await page.getByRole('radio', { name: 'Unstake (alpha → TAO)' }).check();
  await amount.fill('400.000000001');
  await refused(page, 'amount-error', 'You hold 400 alpha here; cannot unstake 400.000000001.');
  await amount.fill('0.0000001');
  await refused(page, 'amount-error', /below the 0\.002 TAO minimum; unstake more or all of it\.$/);

  // A subnet whose subtoken is disabled.
  await order(page, 4, 'Stake (TAO → alpha)', '1');
  await refused(page, 'order-issues', 'Subnet 4 has not enabled staking into its token yet.');

  // Unstake all where nothing is held.
  await order(page, 2, 'Unstake all');
  await refused(page, 'order-issues', 'There is no stake to remove with this hotkey on this subnet.');

  expect(signed).toEqual([]);
  expect(h.node.submitted).toHaveLength(before);
  await page.close();
});

test('a price moved past the limit between the quote and Sign: refused, nothing signed', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  const before = h.node.submitted.length;
  await order(page, 1, 'Stake (TAO → alpha)', '10');
  await poll(() => page.getByTestId('limit-price').textContent()).toBe('0.25125 TAO per alpha (251250000 rao)');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  // Someone else buys: the pool now holds 10 400 TAO against 40 000 α (0.26 TAO per alpha > the 0.25125 limit).
  applyScript(h.node, await movedScript(chain));
  try {
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await poll(() => page.getByTestId('stake-message').textContent()).toMatch(
      /^Nothing was signed: The price moved to 0\.2599\d* TAO per alpha, past your limit of 0\.25125 TAO: quote again\.$/,
    );
    await poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    expect(signed).toEqual([]);
    expect(h.node.submitted).toHaveLength(before);
    // The form quoted again: its limit now follows the new price.
    await poll(() => page.getByTestId('limit-price').textContent()).not.toBe('0.25125 TAO per alpha (251250000 rao)');
  } finally {
    applyScript(h.node, h.script);
    await page.close();
  }
});

test('Escape and Cancel in the confirmation send nothing', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  const before = h.node.submitted.length;
  await order(page, 1, 'Stake (TAO → alpha)', '1');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await poll(() => dialog.isVisible()).toBe(false);
  await reviewButton(page).click();
  await dialog.waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await poll(() => page.getByTestId('stake-message').textContent()).toBe('Cancelled: nothing was signed or sent.');
  expect(signed).toEqual([]);
  expect(h.node.submitted).toHaveLength(before);
  await page.close();
});
