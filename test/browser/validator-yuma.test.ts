// The Validator page's Yuma simulator in Chromium: the subnet's weights, bonds, stakes and hyperparameters read from
// the fixture node (real finney metadata, scripted Yuma storage), the chain as it stands against the same subnet with
// //Alice's weights replaced by the loaded weights file, run in the scoring worker on WebGPU (SwiftShader). The
// last-epoch table must equal the float64 CPU reference run in Node on the same chain data (1e-4), and the plots
// must be there. Node reads the chain with the same reader the page uses (unit-tested on its own).
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright';
import { connectChain, type ChainConnection } from '../../src/chain/connection.ts';
import { readMetagraph } from '../../src/chain/metagraph.ts';
import { customNetwork } from '../../src/chain/networks.ts';
import { convertWeightsForEmit } from '../../src/chain/weights/convert.ts';
import { readYumaInputs } from '../../src/chain/yuma-inputs.ts';
import { withValidatorWeights } from '../../src/components/yuma/scenario-edit.ts';
import { simulateCpu } from '../../src/shared/yuma/simulate.ts';
import type { YumaOutputs } from '../../src/shared/yuma/types.ts';
import { launchChromium } from '../support/chromium.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from './validator-subnet.ts';
import { injectTestWallet } from './validator-wallet.ts';
import { scriptYuma } from './yuma-subnet.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
const NETUID = 120;
const EPOCHS = 6;
// Alice (UID 1) moves her weight from Charlie (3) to Bob (2).
const WEIGHTS_DOC = { block_number: 999, weights: { '2': { weight: 0.8 }, '3': { weight: 0.2 } } };
let browser: Browser;
let node: FixtureNode;
let subnet: ScriptedSubnet;
let conn: ChainConnection;

beforeAll(async () => {
  subnet = await scriptedSubnet(chain, NETUID, { commitRevealWeightsEnabled: false });
  // Liquid alpha on, so the sparse Yuma3 path with its per-entry alphas runs.
  scriptYuma(chain, subnet, { liquidAlpha: true, bondsPenalty: 65535 });
  node = await startFixtureNode({ head: subnet.head, storage: subnet.storage });
  conn = await connectChain(customNetwork(node.url), { timeoutMs: 10_000, retryMs: 100 });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await conn?.disconnect();
  await node?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 60_000) => expect.poll(fn, { timeout });

/** The reference: the same chain data, the same change of Alice's row, the CPU in float64. */
async function expected(): Promise<YumaOutputs[][]> {
  const mg = await readMetagraph(conn.api, NETUID);
  const { params, state } = await readYumaInputs(conn.api, mg);
  const emit = convertWeightsForEmit([2, 3], [0.8, 0.2]);
  const changed = withValidatorWeights(state, 1, new Map(emit.uids.map((u, i) => [u, emit.values[i]!])));
  return [simulateCpu({ params, state, epochs: EPOCHS }), simulateCpu({ params, state: changed, epochs: EPOCHS })];
}

test('simulates the subnet with and without the new weights; the table equals the CPU reference', async () => {
  const page = await browser.newPage();
  await injectTestWallet(page, chain, subnet.alice);
  await page.goto(`${appUrl}/#/validator`);
  const simulate = page.getByRole('button', { name: 'Simulate' });
  expect(await page.getByTestId('yuma-blocker').textContent()).toBe('Connect to a network.');
  expect(await simulate.isDisabled()).toBe(true);

  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.getByLabel('Endpoint URL').fill(node.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  await page.getByLabel('Netuid').fill(String(NETUID));
  await page.getByRole('button', { name: 'Load metagraph' }).click();
  await poll(() => page.locator('[data-testid="metagraph"] tbody tr').count()).toBe(4);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is UID 1.');
  await page.getByLabel(/Weights file/).setInputFiles({
    name: 'weights-latest.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(WEIGHTS_DOC)),
  });
  await poll(() => page.locator('[data-testid="weights"] tbody tr').count()).toBe(2);

  // Bad input first: a UID the subnet does not have, and an epoch count out of range.
  const uids = page.getByLabel('UIDs to plot');
  expect(await uids.inputValue()).toBe('1, 2, 3');
  await uids.fill('1, 9');
  await simulate.click();
  await poll(() => page.getByTestId('yuma-error').textContent()).toBe('"9" is not a UID of this subnet (0…3).');
  await uids.fill('1, 2, 3');
  await page.getByLabel('Epochs').fill('0');
  await simulate.click();
  await poll(() => page.getByTestId('yuma-error').textContent()).toBe('Epochs must be a whole number from 1 to 1000.');
  await page.getByLabel('Epochs').fill(String(EPOCHS));
  await simulate.click();

  const table = page.getByTestId('validator-yuma-last');
  await table.waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('yuma-backend').textContent()).toMatch(
    new RegExp(`^${EPOCHS} epochs × 2 choice\\(s\\) of 4 UIDs on the GPU \\(WebGPU\\) in \\d+ ms\\.$`),
  );
  const header = await table.locator('thead th').allTextContents();
  expect(header).toEqual([
    'UID',
    'Incentive (Weights on chain now)',
    'Dividends (Weights on chain now)',
    'Validator trust (Weights on chain now)',
    'Incentive (With these weights (UID 1))',
    'Dividends (With these weights (UID 1))',
    'Validator trust (With these weights (UID 1))',
    'Δ dividends',
    'Δ incentive',
  ]);
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => Number(c.textContent))));
  const [now, changed] = await expected();
  const lastNow = now!.at(-1)!;
  const lastChanged = changed!.at(-1)!;
  expect(rows.map((r) => r[0])).toEqual([1, 2, 3]);
  for (const [uid, ...cells] of rows) {
    const want = [
      lastNow.incentive[uid!]!,
      lastNow.dividends[uid!]!,
      lastNow.validatorTrust[uid!]!,
      lastChanged.incentive[uid!]!,
      lastChanged.dividends[uid!]!,
      lastChanged.validatorTrust[uid!]!,
      lastChanged.dividends[uid!]! - lastNow.dividends[uid!]!,
      lastChanged.incentive[uid!]! - lastNow.incentive[uid!]!,
    ];
    // Four decimals shown; the GPU (float32) agrees with the reference to 1e-4.
    cells.forEach((got, i) => expect(Math.abs(got! - want[i]!), `UID ${uid}, column ${i + 1}`).toBeLessThan(2e-4));
  }
  // The change matters: Bob gains incentive when Alice moves her weight to him.
  expect(lastChanged.incentive[2]!).toBeGreaterThan(lastNow.incentive[2]! + 0.1);
  for (const id of ['incentive', 'dividends', 'validatorTrust'])
    expect(await page.getByTestId(`validator-yuma-${id}`).locator('svg').count()).toBeGreaterThan(0);
  await page.close();
});
