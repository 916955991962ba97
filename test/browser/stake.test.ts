// The Stake page in Chromium against a fixture node (real finney metadata, stakeScript's six-subnet market: //Alice
// the coldkey with 1000 TAO free and stake with //Bob) and an injected test wallet: find a subnet by search, sort the
// table from the keyboard, see the exact quote and the impact curve, then stake, unstake and unstake all with a limit
// price; in Node each submitted extrinsic is decoded to exactly the intended call (limit from the documented formula,
// fill-or-kill) and its signature verified; the page shows the actual amounts of the events next to the quote.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import {
  TAO,
  connectedPage,
  documentedLimit,
  nodePrice,
  nodeSim,
  order,
  poll,
  reviewButton,
  settlementRows,
  signAndDecode,
  startStakeNode,
  tao,
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

const netuids = async (page: Page) =>
  (await page.locator('[data-testid="subnets"] tbody tr td:first-child').allTextContents()).map(Number);

test('finds a subnet by search, sorts by price and TAO reserve from the keyboard, shows the positions', async () => {
  const { page } = await connectedPage(browser, appUrl, chain, h);
  expect(await netuids(page)).toEqual([0, 1, 2, 3, 4]);
  const search = page.getByLabel('Search subnets');
  await search.fill('dee');
  await poll(() => netuids(page)).toEqual([1]);
  const row = await page.locator('[data-testid="subnets"] tbody tr').first().textContent();
  // Price, reserves (4 decimals) and emission as the node reports them.
  expect(row).toContain(`deep α${tao(nodePrice(chain, h.script, 1))}10000400000.001Trade`);
  await search.fill('4');
  await poll(() => netuids(page)).toEqual([4]);
  await search.fill('');
  // Keyboard: focus the column button, press Enter; a numeric column sorts largest first, again reverses.
  const price = page.getByRole('button', { name: /^Price/ });
  await price.focus();
  await page.keyboard.press('Enter');
  // Prices: root 1, disabled 1 (1000/1000), tiny 0.5, moved 0.36 (not its reserve ratio 0.25), deep 0.25.
  await poll(() => netuids(page)).toEqual([0, 4, 3, 2, 1]);
  expect(await page.locator('th[aria-sort="descending"]').textContent()).toMatch(/^Price/);
  await page.keyboard.press('Enter');
  await poll(() => netuids(page)).toEqual([1, 2, 3, 0, 4]);
  await page.getByRole('button', { name: /^TAO reserve/ }).press('Enter');
  await poll(() => netuids(page)).toEqual([0, 1, 2, 4, 3]);

  const positions = await page.locator('[data-testid="positions"] tbody tr').allTextContents();
  expect(positions).toHaveLength(3);
  // Bob's 400 α on subnet 1 at 0.25 TAO per alpha: 100 TAO at spot.
  expect(positions[1]).toMatch(/^5FHneW…94ty1 deep400100\d/);
  await page.close();
});

test('stakes 10 TAO on subnet 1: exact quote, impact curve, limit-protected add_stake_limit, actual amounts', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  await order(page, 1, 'Stake (TAO → alpha)', '10');
  const amount = 10n * TAO;
  const price = nodePrice(chain, h.script, 1);
  const sim = nodeSim(chain, h.script, 'buy', 1, amount);
  const limit = documentedLimit(price, 'buy', 5n);
  expect(limit).toBe(251_250_000n);
  await poll(() => page.getByTestId('quote-out').textContent()).toBe(`${tao(sim.alpha)} alpha`);
  expect(await page.getByTestId('quote-fee').textContent()).toBe(`${tao(sim.taoFee)} TAO`);
  expect(await page.getByTestId('quote-spot').textContent()).toBe(`${tao(price)} TAO per alpha`);
  const slip = Number(sim.alphaSlippage) / Number(sim.alpha + sim.alphaSlippage);
  expect(await page.getByTestId('quote-slippage').textContent()).toBe(
    `${(slip * 100).toFixed(4)} % (${tao(sim.alphaSlippage)} alpha less than at spot)`,
  );
  expect(await page.getByTestId('limit-price').textContent()).toBe(`${tao(limit)} TAO per alpha (${limit} rao)`);
  expect(await page.getByTestId('subnet-terms').textContent()).toMatch(/^Minimum stake 0\.002\d* TAO \(0\.002 TAO/);
  // The default hotkey is the one of Alice's existing position here (Bob).
  expect(await page.getByLabel('Hotkey').inputValue()).toBe(h.script.hotkey);
  const curve = page.getByTestId('impact-curve');
  await poll(() => curve.locator('svg path').count()).toBeGreaterThan(1);
  expect(await curve.locator('svg[aria-label^="Price impact"]').getAttribute('aria-description')).toMatch(
    /^At 10 TAO: the average price/,
  );

  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.addStakeLimit');
  expect(await page.locator('[data-testid="confirm-args"] tr').allTextContents()).toEqual([
    `hotkey${h.script.hotkey}`,
    'netuid1',
    `amountStaked${amount}`,
    `limitPrice${limit}`,
    'allowPartialfalse',
  ]);
  expect(await page.getByTestId('confirm-out').textContent()).toBe(`${tao(sim.alpha)} alpha`);
  expect(await page.getByTestId('confirm-limit').textContent()).toContain(`(${limit} rao)`);

  // What the chain did differs a little from the quote: the page must show the events' amounts.
  const actualAlpha = sim.alpha - 12_345n;
  h.events.next = (call) =>
    call.method === 'addStakeLimit'
      ? [
          {
            pallet: 'SubtensorModule',
            event: 'StakeAdded',
            args: [call.signer, call.args[0], amount, actualAlpha, 1, sim.taoFee],
          },
        ]
      : [];
  const ext = await signAndDecode(page, signed, chain, h);
  expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.addStakeLimit');
  expect(ext.method.args.map((a) => a.toJSON())).toEqual([h.script.hotkey, 1, Number(amount), Number(limit), false]);
  expect(await settlementRows(page)).toEqual([
    `TAO paid (fee included)${tao(amount)}${tao(amount)}`,
    `Alpha received${tao(sim.alpha)}${tao(actualAlpha)}`,
    `Fee (TAO)${tao(sim.taoFee)}${tao(sim.taoFee)}`,
    `Average price (TAO per alpha)${tao((amount * TAO) / sim.alpha)}${tao((amount * TAO) / actualAlpha)}`,
  ]);
  h.events.next = null;
  await page.close();
});

test('unstakes 40 alpha and then all of it from subnet 1 with sell limits, actual amounts from StakeRemoved', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  await order(page, 1, 'Unstake (alpha → TAO)', '40');
  const amount = 40n * TAO;
  const price = nodePrice(chain, h.script, 1);
  const sim = nodeSim(chain, h.script, 'sell', 1, amount);
  const limit = documentedLimit(price, 'sell', 5n);
  expect(limit).toBe(248_750_000n);
  await poll(() => page.getByTestId('quote-out').textContent()).toBe(`${tao(sim.tao)} TAO`);
  expect(await page.getByTestId('quote-fee').textContent()).toBe(`${tao(sim.alphaFee)} alpha`);
  expect(await page.getByTestId('limit-price').textContent()).toBe(`${tao(limit)} TAO per alpha (${limit} rao)`);
  expect(await page.getByTestId('amount-available').textContent()).toBe('Held with this hotkey here: 400 alpha.');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.removeStakeLimit');

  const actualTao = sim.tao - 777n;
  h.events.next = (call) => [
    {
      pallet: 'SubtensorModule',
      event: 'StakeRemoved',
      args: [call.signer, call.args[0], actualTao, amount - sim.alphaFee, 1, sim.alphaFee],
    },
  ];
  const ext = await signAndDecode(page, signed, chain, h);
  expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.removeStakeLimit');
  expect(ext.method.args.map((a) => a.toJSON())).toEqual([h.script.hotkey, 1, Number(amount), Number(limit), false]);
  const rows = await settlementRows(page);
  expect(rows[0]).toBe(`Alpha sold (fee included)${tao(amount)}${tao(amount)}`);
  expect(rows[1]).toBe(`TAO received${tao(sim.tao)}${tao(actualTao)}`);
  expect(rows[2]).toBe(`Fee (alpha)${tao(sim.alphaFee)}${tao(sim.alphaFee)}`);

  // Unstake all: no amount field, the whole 400 α, remove_stake_full_limit with Some(limit).
  await page.getByRole('radio', { name: 'Unstake all' }).check();
  expect(await page.getByTestId('unstake-all-amount').textContent()).toContain('400 alpha now');
  const all = nodeSim(chain, h.script, 'sell', 1, 400n * TAO);
  await poll(() => page.getByTestId('quote-out').textContent()).toBe(`${tao(all.tao)} TAO`);
  // 400 α moves this pool's price about 2 %: fill-or-kill at 0.5 % would fail on chain, so the page refuses it.
  await poll(() => page.getByTestId('amount-error').textContent()).toMatch(
    /^At this limit at most [\d.]+ alpha can be sold; sell less, raise the tolerance, or allow a partial fill\.$/,
  );
  expect(await reviewButton(page).isDisabled()).toBe(true);
  await page.getByLabel(/^Slippage tolerance/).fill('5');
  const allLimit = documentedLimit(price, 'sell', 50n);
  await poll(() => page.getByTestId('limit-price').textContent()).toBe(
    `${tao(allLimit)} TAO per alpha (${allLimit} rao)`,
  );
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.removeStakeFullLimit');
  h.events.next = (call) => [
    {
      pallet: 'SubtensorModule',
      event: 'StakeRemoved',
      args: [call.signer, call.args[0], all.tao, 400n * TAO - all.alphaFee, 1, all.alphaFee],
    },
  ];
  const full = await signAndDecode(page, signed, chain, h);
  expect(`${full.method.section}.${full.method.method}`).toBe('subtensorModule.removeStakeFullLimit');
  expect(full.method.args.map((a) => a.toJSON())).toEqual([h.script.hotkey, 1, Number(allLimit)]);
  expect((await settlementRows(page))[1]).toBe(`TAO received${tao(all.tao)}${tao(all.tao)}`);
  expect(signed).toHaveLength(2);
  h.events.next = null;
  await page.close();
});
