// The Stake page's advanced orders in Chromium against the fixture node of stake-helpers.ts (//Alice the coldkey,
// 400 α with //Bob on subnet 1) and the injected test wallet: a swap_stake_limit from subnet 1 to subnet 2 with the
// ratio limit of chain.md §3.3, a move_stake to //Charlie across subnets (with the no-limit warning) and within one,
// and an add_stake_limit above the fill-or-kill capacity sent with allow_partial. In Node each submission is decoded
// to exactly the intended call and its signature verified; the page shows the quote from the node's simulations and
// the actual amounts of the scripted events. Then the refusals, each with nothing signed or submitted.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { Keyring } from '@polkadot/keyring';
import { launchChromium } from '../support/chromium.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import {
  TAO,
  applyScript,
  connectedPage,
  documentedLimit,
  documentedSwapLimit,
  movedScript,
  nodeMove,
  nodePrice,
  order,
  poll,
  refused,
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
let charlie: string;

const SWAP = 'Swap to another subnet (swap_stake_limit: same validator, with a limit)';
const MOVE = 'Move to another validator (move_stake: no limit)';

beforeAll(async () => {
  h = await startStakeNode(chain);
  charlie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Charlie').address;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.node.close();
});

const destination = (page: Page, netuid: number) => page.getByLabel('Destination subnet').selectOption(`${netuid}`);
const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();
const confirmArgs = (page: Page) => page.locator('[data-testid="confirm-args"] tr').allTextContents();

test('swaps 40 α from subnet 1 to subnet 2: two-leg quote, ratio limit, swap_stake_limit signed, actual amounts', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  await order(page, 1, SWAP, '40');
  await destination(page, 2);
  const amount = 40n * TAO;
  const { ratio, limit } = documentedSwapLimit(nodePrice(chain, h.script, 1), nodePrice(chain, h.script, 2), 5n);
  // 0.25 / 0.359999999 TAO per alpha, less 0.5 %, rounded up.
  expect([ratio, limit]).toEqual([694_444_446n, 690_972_224n]);
  const move = nodeMove(chain, h.script, 1, 2, amount);
  await poll(() => text(page, 'move-quote-out')).toBe(`${tao(move.out)} alpha on subnet 2`);
  expect(await text(page, 'move-quote-tao')).toBe(`${tao(move.tao)} TAO (the unstake on subnet 1)`);
  expect(await text(page, 'move-quote-fee')).toBe(`${tao(move.fee)} alpha on subnet 1`);
  expect(await text(page, 'move-limit')).toBe(`ratio ${tao(limit)} (${limit})`);
  expect(await text(page, 'move-quote-ratio')).toMatch(new RegExp(`^${tao(ratio)} \\(price of subnet 1`));

  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await text(page, 'confirm-call')).toBe('subtensorModule.swapStakeLimit');
  expect(await confirmArgs(page)).toEqual([
    `hotkey${h.script.hotkey}`,
    'originNetuid1',
    'destinationNetuid2',
    `alphaAmount${amount}`,
    `limitPrice${limit}`,
    'allowPartialfalse',
  ]);
  expect(await text(page, 'confirm-in')).toBe('40 alpha from subnet 1 (deep)');
  expect(await text(page, 'confirm-destination')).toBe('subnet 2 (moved), same hotkey');
  expect(await text(page, 'confirm-out')).toBe(`${tao(move.out)} alpha on subnet 2 (through ${tao(move.tao)} TAO)`);
  expect(await text(page, 'confirm-limit')).toMatch(new RegExp(`^ratio ${tao(limit)} \\(${limit}, the lowest`));
  expect(await text(page, 'confirm-fee')).toBe(`${tao(move.fee)} alpha on subnet 1 (charged once, for the whole move)`);
  expect(await page.getByTestId('confirm-partial').count()).toBe(0);
  expect(await page.getByTestId('confirm-warning').count()).toBe(0);

  // What swap_stake_limit emits (move_stake.rs): the unstake, the fee-free restake, then StakeSwapped with the TAO.
  const taoMoved = move.tao - 1_000n;
  const alphaOut = move.out - 54_321n;
  h.events.next = (call) => [
    {
      pallet: 'SubtensorModule',
      event: 'StakeRemoved',
      args: [call.signer, call.args[0], taoMoved, amount - move.fee, 1, move.fee],
    },
    { pallet: 'SubtensorModule', event: 'StakeAdded', args: [call.signer, call.args[0], taoMoved, alphaOut, 2, 0] },
    { pallet: 'SubtensorModule', event: 'StakeSwapped', args: [call.signer, call.args[0], 1, 2, taoMoved] },
  ];
  try {
    const ext = await signAndDecode(page, signed, chain, h);
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.swapStakeLimit');
    expect(ext.method.args.map((a) => a.toJSON())).toEqual([
      h.script.hotkey,
      1,
      2,
      Number(amount),
      Number(limit),
      false,
    ]);
    expect(await settlementRows(page)).toEqual([
      `Alpha taken on subnet 1 (fee included)${tao(amount)}${tao(amount)}`,
      `TAO carried between the subnets${tao(move.tao)}${tao(taoMoved)}`,
      `Alpha received on subnet 2${tao(move.out)}${tao(alphaOut)}`,
      `Fee (alpha)${tao(move.fee)}${tao(move.fee)}`,
      `Alpha received per alpha moved${tao((move.out * TAO) / amount)}${tao((alphaOut * TAO) / amount)}`,
    ]);
    expect(signed).toHaveLength(1);
    // The subnets are read again after the order; the form keeps its destination.
    expect(await page.getByLabel('Destination subnet').inputValue()).toBe('2');
  } finally {
    h.events.next = null;
    await page.close();
  }
});

test('moves 50 α to another hotkey on subnet 2 (warned: no limit, at market) and within subnet 1 (no pool)', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  await order(page, 1, MOVE, '50');
  await destination(page, 2);
  // No limit, so no tolerance or partial fill to set.
  expect(await page.getByLabel(/^Slippage tolerance/).count()).toBe(0);
  expect(await page.getByRole('checkbox', { name: /Allow a partial fill/ }).count()).toBe(0);
  await poll(() => text(page, 'order-blocker')).toBe('Fix the destination hotkey.');
  await page.getByLabel('Destination hotkey').fill(charlie);
  const amount = 50n * TAO;
  const move = nodeMove(chain, h.script, 1, 2, amount);
  await poll(() => text(page, 'move-quote-out')).toBe(`${tao(move.out)} alpha on subnet 2`);
  expect(await text(page, 'move-limit')).toBe('none: move_stake has no limit on chain');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await text(page, 'confirm-call')).toBe('subtensorModule.moveStake');
  expect(await confirmArgs(page)).toEqual([
    `originHotkey${h.script.hotkey}`,
    `destinationHotkey${charlie}`,
    'originNetuid1',
    'destinationNetuid2',
    `alphaAmount${amount}`,
  ]);
  expect(await text(page, 'confirm-limit')).toBe('none: move_stake has no limit on chain');
  expect(await text(page, 'confirm-destination')).toBe(`subnet 2 (moved), hotkey ${charlie}`);
  expect(await text(page, 'confirm-warning')).toMatch(
    /^Warning: move_stake has no limit on chain\. Across subnets it sells on subnet 1 and buys on subnet 2 at whatever/,
  );
  expect(await text(page, 'confirm-out')).toBe(`${tao(move.out)} alpha on subnet 2 (through ${tao(move.tao)} TAO)`);

  h.events.next = (call) => [
    {
      pallet: 'SubtensorModule',
      event: 'StakeRemoved',
      args: [call.signer, h.script.hotkey, move.tao, amount - move.fee, 1, move.fee],
    },
    { pallet: 'SubtensorModule', event: 'StakeAdded', args: [call.signer, charlie, move.tao, move.out, 2, 0] },
    { pallet: 'SubtensorModule', event: 'StakeMoved', args: [call.signer, h.script.hotkey, 1, charlie, 2, move.tao] },
  ];
  try {
    const ext = await signAndDecode(page, signed, chain, h);
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.moveStake');
    expect(ext.method.args.map((a) => a.toJSON())).toEqual([h.script.hotkey, charlie, 1, 2, Number(amount)]);
    const rows = await settlementRows(page);
    expect(rows[1]).toBe(`TAO carried between the subnets${tao(move.tao)}${tao(move.tao)}`);
    expect(rows[2]).toBe(`Alpha received on subnet 2${tao(move.out)}${tao(move.out)}`);

    // Within one subnet: no pool, the alpha moves as it is, and the dialog says there is no limit without a warning.
    await destination(page, 1);
    await poll(() => text(page, 'move-quote-out')).toBe('50 alpha on subnet 1');
    expect(await text(page, 'move-quote-fee')).toBe('0 alpha on subnet 1');
    await poll(() => reviewButton(page).isEnabled()).toBe(true);
    await reviewButton(page).click();
    await page.getByRole('dialog').waitFor();
    expect(await confirmArgs(page)).toEqual([
      `originHotkey${h.script.hotkey}`,
      `destinationHotkey${charlie}`,
      'originNetuid1',
      'destinationNetuid1',
      `alphaAmount${amount}`,
    ]);
    expect(await text(page, 'confirm-no-limit')).toMatch(/^move_stake has no limit on chain; within one subnet/);
    expect(await page.getByTestId('confirm-warning').count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(signed).toHaveLength(1);
  } finally {
    h.events.next = null;
    await page.close();
  }
});

test('stakes 100 TAO where the limit allows ~25: refused fill-or-kill, sent with allow_partial, "at most" shown', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  await order(page, 1, 'Stake (TAO → alpha)', '100');
  const amount = 100n * TAO;
  const limit = documentedLimit(nodePrice(chain, h.script, 1), 'buy', 5n);
  // chain.md §3.5 (b) with one range of protocol liquidity L = √(x·y) from the reserves (10 000 TAO, 40 000 α):
  // the net input that moves √p to √limit is L·(√limit − √p); the fee is added on top (§3.4: Δin·r/(65535 − r)).
  const L = Math.sqrt(10_000e9 * 40_000e9);
  const net = L * (Math.sqrt(Number(limit) / 1e9) - Math.sqrt(0.25));
  const atMost = (net * 65_535) / (65_535 - 33) / 1e9;
  expect(atMost).toBeGreaterThan(24.9);
  expect(atMost).toBeLessThan(25.1);
  const shown = (s: string | null) => Number(/at most ([\d.]+) TAO/.exec(s ?? '')?.[1]);
  await poll(() => text(page, 'amount-error')).toMatch(
    /^At this limit at most [\d.]+ TAO can be staked;.*allow a partial fill\.$/,
  );
  expect(Math.abs(shown(await text(page, 'amount-error')) / atMost - 1)).toBeLessThan(1e-6);
  expect(await reviewButton(page).isDisabled()).toBe(true);

  await page.getByRole('checkbox', { name: /Allow a partial fill/ }).check();
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  expect(await confirmArgs(page)).toEqual([
    `hotkey${h.script.hotkey}`,
    'netuid1',
    `amountStaked${amount}`,
    `limitPrice${limit}`,
    'allowPartialtrue',
  ]);
  const partial = await text(page, 'confirm-partial');
  expect(partial).toMatch(
    /^Only part may fill: at this limit at most [\d.]+ TAO of the 100 asked \(allow_partial = true\); the rest stays in your free balance\.$/,
  );
  const capacity = shown(partial);
  expect(Math.abs(capacity / atMost - 1)).toBeLessThan(1e-6);

  // The chain stakes only what the limit allows: StakeAdded reports the part that filled.
  const filled = BigInt(Math.round(capacity * 1e9));
  h.events.next = (call) => [
    {
      pallet: 'SubtensorModule',
      event: 'StakeAdded',
      args: [call.signer, call.args[0], filled, 99n * TAO, 1, 12_345n],
    },
  ];
  try {
    const ext = await signAndDecode(page, signed, chain, h);
    expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.addStakeLimit');
    expect(ext.method.args.map((a) => a.toJSON())).toEqual([h.script.hotkey, 1, Number(amount), Number(limit), true]);
    expect((await settlementRows(page))[0]).toBe(`TAO paid (fee included)100${tao(filled)}`);
  } finally {
    h.events.next = null;
    await page.close();
  }
});

test('refusals: same subnet, more than the stake, below the minimum, disabled subtoken, bad hotkey; nothing signed', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  const before = h.node.submitted.length;
  await order(page, 1, SWAP, '10');
  await refused(page, 'order-blocker', 'Pick the destination subnet.');
  await destination(page, 1);
  await refused(
    page,
    'order-issues',
    'Origin and destination are both subnet 1: pick another destination subnet to swap to.',
  );
  await destination(page, 2);
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  const amount = page.getByLabel(/^Amount/);
  await amount.fill('400.000000001');
  await refused(page, 'amount-error', 'You hold 400 alpha here; cannot move 400.000000001.');
  // 0.001 α is worth 0.00025 TAO.
  await amount.fill('0.001');
  await refused(
    page,
    'amount-error',
    /^This move is worth 0\.000\d+ TAO, not above the 0\.002 TAO minimum: move more alpha\.$/,
  );
  await amount.fill('10');
  await destination(page, 4);
  await refused(
    page,
    'order-issues',
    'Subnet 4 has not enabled staking into its token yet: stake cannot move into it.',
  );
  // Origin disabled: nothing is held there either.
  await order(page, 4, SWAP, '1');
  await destination(page, 1);
  await refused(
    page,
    'order-issues',
    'Subnet 4 has not enabled staking into its token yet: stake cannot move out of it.',
  );
  expect(await text(page, 'amount-error')).toBe('You hold 0 alpha here; cannot move 1.');

  await order(page, 1, MOVE, '10');
  await destination(page, 2);
  await page.getByLabel('Destination hotkey').fill('5notanaddress');
  await refused(
    page,
    'destination-hotkey-error',
    '"5notanaddress" is not an SS58 address: the destination hotkey must be one.',
  );
  await page.getByLabel('Hotkey', { exact: true }).fill('nope');
  await refused(page, 'hotkey-error', '"nope" is not an SS58 address.');

  expect(signed).toEqual([]);
  expect(h.node.submitted).toHaveLength(before);
  await page.close();
});

test('the ratio fell past the swap limit between the quote and Sign: refused, nothing signed', async () => {
  const { page, signed } = await connectedPage(browser, appUrl, chain, h);
  const before = h.node.submitted.length;
  await order(page, 1, SWAP, '10');
  await destination(page, 2);
  await poll(() => text(page, 'move-limit')).toBe('ratio 0.690972224 (690972224)');
  await poll(() => reviewButton(page).isEnabled()).toBe(true);
  await reviewButton(page).click();
  await page.getByRole('dialog').waitFor();
  // Someone sells on subnet 1: 9 900 TAO against 40 000 α, 0.2475 TAO per alpha, the ratio 1 % lower.
  applyScript(h.node, await movedScript(chain, 9_900n * TAO));
  try {
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await poll(() => text(page, 'stake-message')).toMatch(
      /^Nothing was signed: The price ratio of subnets 1 and 2 is now 0\.687\d+, below your limit of 0\.690972224: quote again\.$/,
    );
    await poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    expect(signed).toEqual([]);
    expect(h.node.submitted).toHaveLength(before);
    // The form quoted again: the limit follows the new ratio.
    await poll(() => text(page, 'move-limit')).not.toBe('ratio 0.690972224 (690972224)');
  } finally {
    applyScript(h.node, h.script);
    await page.close();
  }
});
