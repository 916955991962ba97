// The Validator page's refusals in Chromium, against a fixture node (real finney metadata, the scripted subnet of
// validator-subnet.ts) and an injected test wallet: a node of another chain than the one expected, the endpoint going
// down between confirmation and signature, and hotkeys the chain would refuse (not registered, no permit, committing
// too soon). Each test checks what the user sees and that nothing was signed or submitted.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { launchChromium } from '../support/chromium.ts';
import { FINNEY_GENESIS, loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from './validator-subnet.ts';
import { injectTestWallet, type SignedPayload } from './validator-wallet.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
const NETUID = 120;
/** chain.md §1.1; written out here so the test does not take it from the code under test. */
const TESTNET_GENESIS = '0x8f9cf856bf558a14440e75569c9e58594757048d7b3a84b5d25f6bd978263105';
const WEIGHTS_DOC = { block_number: 999, weights: { '2': { weight: 0.75 }, '3': { weight: 0.25 } } };
type GenesisCheck = 'Nothing (unknown chain)' | 'Finney (mainnet)' | 'Testnet';
let browser: Browser;
let node: FixtureNode;
let subnet: ScriptedSubnet;

beforeAll(async () => {
  subnet = await scriptedSubnet(chain, NETUID);
  node = await startFixtureNode({
    head: subnet.head,
    storage: subnet.storage,
    runtimeCalls: { AccountNonceApi_account_nonce: chain.callResult('AccountNonceApi', 'account_nonce', 5) },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await node?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });
const failures = (page: Page) => page.locator('[data-testid="preflight"] li[data-ok="false"] code').allTextContents();
const blocker = (page: Page) => page.getByTestId('submit-blocker').textContent();
const commitButton = (page: Page) => page.getByRole('button', { name: 'Commit weights' });
const firstFailure = (page: Page) => page.getByTestId('first-failure').textContent();
const threshold = () => subnet.params.stakeThreshold;

/** The Validator page with a test wallet holding `pair`, connected to the fixture node as a custom endpoint. */
async function connected(
  check: GenesisCheck,
  pair: KeyringPair = subnet.alice,
): Promise<{ page: Page; signed: SignedPayload[] }> {
  const page = await browser.newPage();
  const signed = await injectTestWallet(page, chain, pair);
  await page.goto(`${appUrl}/#/validator`);
  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.getByLabel('Endpoint URL').fill(node.url);
  await page.getByLabel('Check genesis against').selectOption({ label: check });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  return { page, signed };
}

async function loadMetagraph(page: Page) {
  await page.getByLabel('Netuid').fill(String(NETUID));
  await page.getByRole('button', { name: 'Load metagraph' }).click();
  await poll(() => page.locator('[data-testid="metagraph"] tbody tr').count()).toBe(4);
}

/** Wallet connected, weights file loaded, and the preflight worked out (passing or not). */
async function walletAndWeights(page: Page) {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.getByTestId('hotkey-uid').waitFor();
  await page.getByLabel(/Weights file/).setInputFiles({
    name: 'weights-latest.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(WEIGHTS_DOC)),
  });
  await poll(() => page.locator('[data-testid="preflight"] li').count()).toBeGreaterThan(10);
}

/** //Alice through the whole flow, with the genesis checked against finney, up to an enabled Commit button. */
async function upToCommit() {
  const opened = await connected('Finney (mainnet)');
  await loadMetagraph(opened.page);
  await walletAndWeights(opened.page);
  expect(await failures(opened.page)).toEqual([]);
  expect(await opened.page.getByTestId('first-failure').count()).toBe(0);
  await poll(() => commitButton(opened.page).isEnabled()).toBe(true);
  return opened;
}

test('a node of another chain than the one picked: flagged, signing disabled; the right pick enables it', async () => {
  const before = node.submitted.length;
  const { page, signed } = await connected('Testnet');
  const genesis = page.getByTestId('genesis');
  expect(await genesis.textContent()).toBe(`does not match Testnet: the node reports ${FINNEY_GENESIS.slice(0, 10)}…`);
  const alert = page.getByRole('alert').filter({ hasText: 'Wrong network' });
  expect(await alert.textContent()).toBe(
    `Wrong network: ${node.url} serves a chain with genesis ${FINNEY_GENESIS}, not Testnet (${TESTNET_GENESIS}). ` +
      'Pick the network this endpoint belongs to, or another endpoint.',
  );
  expect(await blocker(page)).toBe('Wrong network: signing is disabled.');
  // Everything else in order (the preflight passes), and still no way to sign.
  await loadMetagraph(page);
  await walletAndWeights(page);
  expect(await failures(page)).toEqual([]);
  expect(await blocker(page)).toBe('Wrong network: signing is disabled.');
  expect(await commitButton(page).isDisabled()).toBe(true);

  await page.getByLabel('Check genesis against').selectOption({ label: 'Finney (mainnet)' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => genesis.textContent()).toBe(`matches Finney (mainnet) (${FINNEY_GENESIS.slice(0, 10)}…)`);
  expect(await page.getByTestId('connection-state').textContent()).toBe('connected');
  expect(await alert.count()).toBe(0);
  // The metagraph read over the old connection is gone: nothing signs with another chain's block and permits.
  expect(await page.locator('[data-testid="metagraph"] tbody tr').count()).toBe(0);
  expect(await blocker(page)).toBe('Load the metagraph.');
  // Without a metagraph the page cannot know commit-reveal is on: the button reads "Set weights" until it loads.
  expect(await page.getByRole('button', { name: /^(Commit|Set) weights$/ }).isDisabled()).toBe(true);
  await loadMetagraph(page);
  await poll(() => commitButton(page).isEnabled()).toBe(true);
  expect(await page.getByTestId('submit-blocker').count()).toBe(0);
  expect(signed).toEqual([]);
  expect(node.submitted.length).toBe(before);
  await page.close();
});

test('the endpoint going down before Sign: a clear error, nothing sent; after it is back, a commit goes through', async () => {
  const { page, signed } = await upToCommit();
  const before = node.submitted.length;
  const state = page.getByTestId('connection-state');
  await commitButton(page).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await node.stop();
  try {
    // At once, whether or not the page has noticed the drop yet: both paths must end in the same refusal.
    await page.getByRole('button', { name: 'Sign' }).click();
    await poll(() => page.getByTestId('validator-message').textContent()).toBe(
      'The connection to the node is down: nothing was signed or sent. Wait until it shows "connected" ' +
        '(it reconnects by itself), then sign again.',
    );
    expect(await dialog.isVisible()).toBe(false);
    await poll(() => state.textContent()).toMatch(/^disconnected.* \(reconnecting by itself…\)$/);
    expect(signed).toEqual([]);
    expect(node.submitted.length).toBe(before);
  } finally {
    await node.restart();
  }
  // WsProvider retries every 2.5 s on its own; no click needed.
  await poll(() => state.textContent()).toBe('connected');
  await poll(() => commitButton(page).isEnabled()).toBe(true);
  await commitButton(page).click();
  await dialog.waitFor();
  await page.getByRole('button', { name: 'Sign' }).click();
  const result = page.getByTestId('submit-result');
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain('Included in block');
  expect(node.submitted.length).toBe(before + 1);
  expect(signed).toHaveLength(1);
  const ext = chain.registry.createType('Extrinsic', node.submitted[before]);
  expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.commitTimelockedWeights');
  expect(ext.signer.toString()).toBe(subnet.alice.address);
  expect(signed[0]!.payload.method).toBe(ext.method.toHex());
  await page.close();
});

test('a hotkey not registered on the subnet (//Dave): the preflight names the chain errors, nothing can sign', async () => {
  const dave = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Dave');
  const { page, signed } = await connected('Finney (mainnet)', dave);
  await loadMetagraph(page);
  await walletAndWeights(page);
  expect(await page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is not registered on the subnet.');
  // Once at submission and once as the chain's reveal would run them (§2.3).
  expect(await failures(page)).toEqual([
    'HotKeyNotRegisteredInSubNet',
    'NotEnoughStakeToSetWeights',
    'HotKeyNotRegisteredInSubNet',
    'NotEnoughStakeToSetWeights',
    'NeuronNoValidatorPermit',
  ]);
  // With no stake, the transaction pool refuses it (StakeAmountTooLow) before the registration is even looked at.
  expect(await blocker(page)).toBe('Preflight failed: NotEnoughStakeToSetWeights.');
  expect(await firstFailure(page)).toBe(
    'The transaction pool would refuse it before inclusion (StakeAmountTooLow, code 1): ' +
      `Stake 0 rao (alpha + TAO × TaoWeight) < threshold ${threshold()} rao.`,
  );
  expect(await commitButton(page).isDisabled()).toBe(true);
  expect(signed).toEqual([]);
  await page.close();
});

test('a registered hotkey without a validator permit and with little stake (//Bob): refused', async () => {
  const bob = subnet.neurons[2]!.hotkey;
  const { page, signed } = await connected('Finney (mainnet)', bob);
  await loadMetagraph(page);
  await walletAndWeights(page);
  expect(await page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is UID 2.');
  const failed = await failures(page);
  expect(failed).toContain('NeuronNoValidatorPermit');
  // Bob also updated at block 990, 10 blocks before the head: within the 100-block rate limit.
  expect(failed).toEqual([
    'NotEnoughStakeToSetWeights',
    'CommittingWeightsTooFast',
    'NotEnoughStakeToSetWeights',
    'NeuronNoValidatorPermit',
  ]);
  expect(await blocker(page)).toBe('Preflight failed: NotEnoughStakeToSetWeights.');
  expect(await firstFailure(page)).toBe(
    'The transaction pool would refuse it before inclusion (StakeAmountTooLow, code 1): ' +
      `Stake ${subnet.neurons[2]!.alpha} rao (alpha + TAO × TaoWeight) < threshold ${threshold()} rao.`,
  );
  expect(await commitButton(page).isDisabled()).toBe(true);
  expect(signed).toEqual([]);
  await page.close();
});

test('//Alice committing again too soon after her last update: CommittingWeightsTooFast, says how long to wait', async () => {
  const { page, signed } = await upToCommit();
  const key = chain.storageKey('subtensorModule', 'lastUpdate', NETUID);
  const lastUpdates = subnet.neurons.map((n) => n.lastUpdate);
  const recent = [...lastUpdates];
  recent[1] = subnet.head - 5;
  node.setStorage(key, chain.storageValue('subtensorModule', 'lastUpdate', recent));
  try {
    await page.getByRole('button', { name: 'Load metagraph' }).click();
    await poll(() => failures(page)).toEqual(['CommittingWeightsTooFast']);
    const limit = subnet.params.weightsSetRateLimit;
    const detail = `5 blocks since the last update (block ${subnet.head - 5}) < rate limit ${limit}: wait ${limit - 5} more blocks.`;
    const check = page.locator('[data-testid="preflight"] li[data-ok="false"]');
    expect(await check.textContent()).toContain(detail);
    expect(await blocker(page)).toBe('Preflight failed: CommittingWeightsTooFast.');
    expect(await firstFailure(page)).toBe(`The chain would refuse it with CommittingWeightsTooFast: ${detail}`);
    expect(await commitButton(page).isDisabled()).toBe(true);
    expect(signed).toEqual([]);
  } finally {
    node.setStorage(key, chain.storageValue('subtensorModule', 'lastUpdate', lastUpdates));
    await page.close();
  }
});
