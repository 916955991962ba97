// The Validator page's "From stored runs" weights in Chromium: two imported runs (one model each), a miner's
// commitment scripted on the fixture node that names one of them (its UID is prefilled), the other UID typed, the
// champion verdict worked out here from the stored scores, the weights, the preflight and the decoded set_weights in
// the confirmation, then the same weights as a timelocked commit once the subnet turns commit-reveal on. Also the
// refusals (missing, duplicate, out-of-range UID) and the metagraph's model column with its Evaluate link.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright';
import { stringToU8a, u8aToHex } from '@polkadot/util';
import { signatureVerify } from '@polkadot/util-crypto';
import { launchChromium } from '../support/chromium.ts';
import { loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { binaryScores, importRun, writeJsonl, type EnvScoresSpec } from './compare-helpers.ts';
import { scriptedSubnet, type ScriptedSubnet } from './validator-subnet.ts';
import { injectTestWallet, type SignedPayload } from './validator-wallet.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
const NETUID = 120;
const REV_ALPHA = 'aaaaaaaa11112222333344445555666677778888';
const REV_BETA = 'bbbbbbbb11112222333344445555666677778888';
const SAMPLING_COUNT = 30;
const BURN = 0.1;
// alpha (ticked first: the champion) and beta on two envs of 40 tasks each: beta is far better on SAT, equal on DED.
const ALPHA: EnvScoresSpec = { 'affine:sat': binaryScores(40, 0.5), 'affine:ded': binaryScores(40, 0.5) };
const BETA: EnvScoresSpec = { 'affine:sat': binaryScores(40, 0.8), 'affine:ded': binaryScores(40, 0.5) };
const BOB_UID = 2; // commits org/beta
const ALPHA_UID = 3; // typed by the user
const dir = mkdtempSync(join(tmpdir(), 'arbiter-validator-runs-'));
let browser: Browser;
let context: BrowserContext;
let node: FixtureNode;
let subnet: ScriptedSubnet;
let alphaRun: string;
/** What the test wallet of the latest page signed. */
let signed: SignedPayload[] = [];
let betaRun: string;

/** A JSONL file of one model at one revision (compare-helpers writes revision null). */
function writeRun(name: string, model: string, revision: string, envs: EnvScoresSpec): string {
  const path = writeJsonl(dir, name, model, envs);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  const withRev = lines.map((l) => JSON.stringify({ ...JSON.parse(l), model_revision: revision }));
  writeFileSync(path, withRev.join('\n') + '\n');
  return path;
}

beforeAll(async () => {
  // Commit-reveal off: set_weights carries the uids and u16 values in the clear, so the dialog shows them decoded.
  subnet = await scriptedSubnet(chain, NETUID, { commitRevealWeightsEnabled: false });
  const commit = (uid: number, data: string, block: number) => {
    const hotkey = subnet.neurons[uid]!.hotkey.address;
    subnet.storage[chain.storageKey('commitments', 'revealedCommitments', NETUID, hotkey)] = chain.storageValue(
      'commitments',
      'revealedCommitments',
      [[u8aToHex(stringToU8a(data)), block]],
    );
  };
  commit(BOB_UID, JSON.stringify({ model: 'org/beta', revision: REV_BETA }), 7_800_000);
  commit(0, JSON.stringify({ model: 'ferdie/half' }), 7_800_100); // no revision: Affine's incomplete_commit
  node = await startFixtureNode({
    head: subnet.head,
    storage: subnet.storage,
    runtimeCalls: { AccountNonceApi_account_nonce: chain.callResult('AccountNonceApi', 'account_nonce', 0) },
  });
  browser = await launchChromium();
  // One context for every page: the stored runs live in its IndexedDB.
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  alphaRun = await importRun(page, appUrl, writeRun('alpha.jsonl', 'org/alpha', REV_ALPHA, ALPHA));
  betaRun = await importRun(page, appUrl, writeRun('beta.jsonl', 'org/beta', REV_BETA, BETA));
  await page.close();
});
afterAll(async () => {
  await browser?.close();
  await node?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/**
 * Affine's era-G battle (champion vs one challenger), from the scores as stored: every task id is common to both
 * runs; an env is dominant above champion + 0.03, worse below champion × 0.98 or under the sampling count; the
 * challenger wins with ≥ 1 dominant env and none worse.
 */
function expectedWinner(champ: EnvScoresSpec, chal: EnvScoresSpec): 'champion' | 'challenger' {
  let dominant = 0;
  let worse = 0;
  for (const env of Object.keys(champ)) {
    const a = mean(champ[env]!);
    const b = mean(chal[env]!);
    if (chal[env]!.length < SAMPLING_COUNT || b < a * (1 - 0.02) - 1e-9) worse++;
    else if (b > a + 0.03 + 1e-9) dominant++;
  }
  return dominant >= 1 && worse === 0 ? 'challenger' : 'champion';
}

/** Opens the Validator page on the fixture node and loads the subnet's metagraph. */
async function connectAndLoad(page: Page): Promise<void> {
  await page.goto(`${appUrl}/#/validator`);
  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.getByLabel('Endpoint URL').fill(node.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  await page.getByLabel('Netuid').fill(String(NETUID));
  await page.getByRole('button', { name: 'Load metagraph' }).click();
}

/** Connects, loads the metagraph and the wallet, and switches the weights source to stored runs with both ticked. */
async function upToRuns(): Promise<Page> {
  const page = await context.newPage();
  signed = await injectTestWallet(page, chain, subnet.alice);
  await connectAndLoad(page);
  await poll(() => page.locator('[data-testid="metagraph"] tbody tr').count()).toBe(4);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is UID 1.');

  // By keyboard: the source radio, then each run's checkbox with Space (alpha first: the champion).
  await page.getByRole('radio', { name: 'From stored runs' }).focus();
  await page.keyboard.press('Space');
  const models = page.locator('[data-testid="weights-models"] tbody tr');
  for (const [run, n] of [
    [alphaRun, 1],
    [betaRun, 2],
  ] as const) {
    await page.getByRole('checkbox', { name: new RegExp(run) }).focus();
    await page.keyboard.press('Space');
    await poll(() => models.count()).toBe(n);
  }
  const count = page.getByRole('spinbutton', { name: /Sampling count/ });
  await count.fill(String(SAMPLING_COUNT));
  await page.getByLabel(/Burn share/).fill(String(BURN * 100));
  return page;
}

test('weights from two stored runs: prefilled UID, typed UID, champion verdict, preflight, set_weights signed, then a timelocked commit once commit-reveal is on', async () => {
  const page = await upToRuns();
  const rows = page.locator('[data-testid="metagraph"] tbody tr');
  // The model column: Bob's commitment shortened with an Evaluate link; Ferdie's incomplete one named.
  expect(await rows.nth(BOB_UID).locator('td').last().textContent()).toBe(`org/beta@${REV_BETA.slice(0, 8)} Evaluate`);
  expect(await rows.nth(0).locator('td').last().textContent()).toBe(
    'ferdie/half (incomplete_commit:missing_fields) Evaluate',
  );
  expect(await rows.nth(1).locator('td').last().textContent()).toBe('');

  const alphaUid = page.getByLabel(`UID of org/alpha@${REV_ALPHA.slice(0, 8)}`);
  const betaUid = page.getByLabel(`UID of org/beta@${REV_BETA.slice(0, 8)}`);
  // beta's UID comes from Bob's commitment; alpha has none, so its field is empty and the weights wait for it.
  await poll(() => betaUid.inputValue()).toBe(String(BOB_UID));
  expect(await alphaUid.inputValue()).toBe('');
  const models = page.locator('[data-testid="weights-models"] tbody tr');
  expect(await models.nth(0).textContent()).toMatch(/^champion.*no matching commitment/);
  const bob = subnet.neurons[BOB_UID]!.hotkey.address;
  expect(await models.nth(1).locator('[data-testid="model-commitment"]').textContent()).toBe(
    `UID ${BOB_UID} (${bob.slice(0, 6)}…${bob.slice(-4)}) at block 7800000`,
  );
  await poll(() => page.getByTestId('weights-error').textContent()).toContain(`Give a UID to org/alpha@`);
  const setWeights = page.getByRole('button', { name: 'Set weights' });
  expect(await setWeights.isDisabled()).toBe(true);

  await alphaUid.fill(String(ALPHA_UID));
  const winner = expectedWinner(ALPHA, BETA);
  expect(winner).toBe('challenger'); // the data were chosen so; the page must agree
  const winnerUid = winner === 'challenger' ? BOB_UID : ALPHA_UID;
  await poll(() => page.getByTestId('runs-verdict').textContent()).toMatch(/org\/beta@bbbbbbbb beats champion/);
  // Everything to the winner but the burn share, which goes to UID 0; u16 = round(w / max × 65535) on float32.
  const f = Math.fround;
  const burnU16 = Math.round((f(BURN) / f(1 - BURN)) * 65535);
  const weightRows = page.locator('[data-testid="weights"] tbody tr');
  await poll(() => weightRows.allTextContents()).toEqual([
    `0${BURN.toFixed(4)}${burnU16}`,
    `${winnerUid}${(1 - BURN).toFixed(4)}65535`,
  ]);

  const checks = page.locator('[data-testid="preflight"] li');
  await poll(() => checks.count()).toBeGreaterThan(5);
  expect(await page.locator('[data-testid="preflight"] li[data-ok="false"]').count()).toBe(0);
  await poll(() => setWeights.isEnabled()).toBe(true);
  await setWeights.click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.setWeights');
  // Decoded from the call's own bytes: the uids and u16 values the chain would receive.
  const args = await page.locator('[data-testid="confirm-args"] tr').allTextContents();
  expect(args).toEqual([
    `netuid${NETUID}`,
    `dests[0,${winnerUid}]`,
    `weights[${burnU16},65535]`,
    `versionKey${subnet.params.weightsVersionKey}`,
  ]);
  const share = (100 * burnU16) / (burnU16 + 65535);
  expect(await page.locator('[data-testid="confirm-weights"] tbody tr').allTextContents()).toEqual([
    `0${share.toFixed(2)} %`,
    `${winnerUid}${(100 - share).toFixed(2)} %`,
  ]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await poll(() => page.getByTestId('validator-message').textContent()).toContain('nothing was signed');
  expect(node.submitted).toEqual([]);

  // Now signed for real: the chain receives exactly that set_weights from //Alice, with a valid signature.
  await setWeights.click();
  await page.getByRole('button', { name: 'Sign' }).click();
  await poll(() => page.getByTestId('submit-result').textContent()).toContain('Included in block');
  expect(node.submitted).toHaveLength(1);
  const ext = chain.registry.createType('Extrinsic', node.submitted[0]);
  expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.setWeights');
  expect(ext.method.args.map((a) => a.toJSON())).toEqual([
    NETUID,
    [0, winnerUid],
    [burnU16, 65535],
    Number(subnet.params.weightsVersionKey),
  ]);
  expect(ext.signer.toString()).toBe(subnet.alice.address);
  expect(signed).toHaveLength(1);
  expect(signed[0]!.payload.method).toBe(ext.method.toHex());
  expect(signatureVerify(signed[0]!.message, ext.signature.toU8a(), subnet.alice.address).isValid).toBe(true);

  // The stages rule on the same models and UIDs: its own verdict, weights on these UIDs only, the burn on UID 0.
  // (Its exact weights are the four-stage scorer's, checked by the Judge's unit tests, not redone here.)
  await page.getByRole('radio', { name: /^Four-stage/ }).check();
  await poll(() => page.getByTestId('runs-verdict').textContent()).not.toMatch(/beats champion/);
  await poll(async () => (await weightRows.allTextContents()).length).toBeGreaterThan(0);
  const stagesRows = await page
    .locator('[data-testid="weights"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
  expect(stagesRows.every(([uid]) => [0, BOB_UID, ALPHA_UID].includes(uid!))).toBe(true);
  expect(stagesRows[0]![0]).toBe(0);
  expect(stagesRows[0]![1]).toBeGreaterThanOrEqual(BURN);
  expect(stagesRows.reduce((sum, r) => sum + r[1]!, 0)).toBeCloseTo(1, 3);

  // The subnet turns commit-reveal on: the same stored-run weights now go out as a timelocked commit.
  const crKey = chain.storageKey('subtensorModule', 'commitRevealWeightsEnabled', NETUID);
  node.setStorage(crKey, chain.storageValue('subtensorModule', 'commitRevealWeightsEnabled', true));
  try {
    await page.getByRole('button', { name: 'Load metagraph' }).click();
    await poll(() => page.getByTestId('subnet-params').textContent()).toContain('commit-reveal on');
    const commit = page.getByRole('button', { name: 'Commit weights' });
    await poll(() => commit.isEnabled()).toBe(true);
    expect(await page.locator('[data-testid="preflight"] li[data-ok="false"]').count()).toBe(0);
    await commit.click();
    expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.commitTimelockedWeights');
    await page.getByRole('button', { name: 'Sign' }).click();
    await poll(() => page.getByTestId('submit-result').textContent()).toContain('Included in block');
    expect(node.submitted).toHaveLength(2);
    const committed = chain.registry.createType('Extrinsic', node.submitted[1]);
    expect(committed.method.method).toBe('commitTimelockedWeights');
    expect(committed.method.args[0]!.toJSON()).toBe(NETUID);
    expect(committed.signer.toString()).toBe(subnet.alice.address);
    expect(signed[1]!.payload.method).toBe(committed.method.toHex());
    expect(signatureVerify(signed[1]!.message, committed.signature.toU8a(), subnet.alice.address).isValid).toBe(true);
  } finally {
    node.setStorage(crKey, chain.storageValue('subtensorModule', 'commitRevealWeightsEnabled', false));
  }
  await page.close();
});

test('a duplicate, out-of-range or missing UID is named and leaves nothing to set', async () => {
  const page = await upToRuns();
  const alphaUid = page.getByLabel(`UID of org/alpha@${REV_ALPHA.slice(0, 8)}`);
  const betaUid = page.getByLabel(`UID of org/beta@${REV_BETA.slice(0, 8)}`);
  const error = page.getByTestId('weights-error');
  const setWeights = page.getByRole('button', { name: 'Set weights' });
  const table = page.getByTestId('weights');

  await alphaUid.fill(String(BOB_UID));
  await poll(() => error.textContent()).toBe(
    `org/alpha@aaaaaaaa and org/beta@bbbbbbbb both have UID ${BOB_UID}: give each model its own.`,
  );
  expect(await table.count()).toBe(0);
  expect(await setWeights.isDisabled()).toBe(true);
  expect(await page.getByTestId('submit-blocker').textContent()).toContain('give each model its UID');

  await alphaUid.fill('4');
  await poll(() => error.textContent()).toBe('org/alpha@aaaaaaaa: UID 4 is not on this subnet (0…3).');
  expect(await table.count()).toBe(0);

  // Clearing the prefilled UID makes beta missing too.
  await alphaUid.fill(String(ALPHA_UID));
  await betaUid.fill('');
  await poll(() => error.textContent()).toContain('Give a UID to org/beta@bbbbbbbb');
  expect(await table.count()).toBe(0);
  expect(await setWeights.isDisabled()).toBe(true);
  await page.close();
});

test("a miner's Evaluate link opens the Evaluate page with its model and revision", async () => {
  const page = await context.newPage();
  await connectAndLoad(page);
  await page.getByRole('link', { name: 'Evaluate org/beta' }).click();
  await page.getByRole('heading', { name: 'Evaluate a model' }).waitFor();
  expect(await page.getByLabel('Model name').inputValue()).toBe('org/beta');
  expect(await page.getByLabel('Revision').inputValue()).toBe(REV_BETA);
  expect(await page.getByTestId('model-prefilled').textContent()).toContain('org/beta');
  await page.close();
});
