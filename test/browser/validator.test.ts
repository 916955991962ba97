// The Validator page in Chromium against a fixture node (real finney metadata, a scripted subnet with commit-reveal
// on where //Alice holds a permit) and an injected test wallet: connect, read the metagraph, load weights, preflight,
// confirm, sign, and check in Node that the submitted extrinsic is exactly the timelocked commit Alice signed. Also
// the refusals: Escape/Cancel in the dialog sends nothing; no extension gives a clear message.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, signatureVerify } from '@polkadot/util-crypto';
import { launchChromium } from '../support/chromium.ts';
import { eventRecords, extrinsicSuccess, loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from './validator-subnet.ts';
import { injectTestWallet, type SignedPayload } from './validator-wallet.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
const NETUID = 120;
const NONCE = 5;
// Affine's shape: UIDs 2 and 3 share the weight 3:1; a 10 % burn then goes to UID 0.
const WEIGHTS_DOC = { block_number: 999, weights: { '2': { weight: 0.75 }, '3': { weight: 0.25 } } };
let browser: Browser;
let node: FixtureNode;
let subnet: ScriptedSubnet;

beforeAll(async () => {
  subnet = await scriptedSubnet(chain, NETUID);
  node = await startFixtureNode({
    head: subnet.head,
    storage: subnet.storage,
    runtimeCalls: { AccountNonceApi_account_nonce: chain.callResult('AccountNonceApi', 'account_nonce', NONCE) },
    onSubmit: (hex) => {
      const ext = chain.registry.createType('Extrinsic', hex);
      const [netuid, commit, round] = ext.method.args;
      // The event carries blake2_256 of the commit's bytes, without their length prefix (§2.7).
      const hash = blake2AsHex(commit!.toU8a(true));
      return [
        {
          pallet: 'SubtensorModule',
          event: 'TimelockedWeightsCommitted',
          args: [ext.signer.toString(), netuid!.toJSON(), hash, round!.toString()],
        },
        extrinsicSuccess(),
      ];
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await node?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

/** Opens the page with the test wallet and walks it to an enabled "Commit weights" button. */
async function upToCommit(wallet: { refuse?: boolean } = {}): Promise<{ page: Page; signed: SignedPayload[] }> {
  const page = await browser.newPage();
  const signed = await injectTestWallet(page, chain, subnet.alice, wallet);
  await page.goto(`${appUrl}/#/evaluate`);
  await page.getByRole('link', { name: 'Validator' }).click();
  await page.getByRole('heading', { name: 'Validator' }).waitFor();

  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  const url = page.getByLabel('Endpoint URL');
  await url.fill('https://example.org');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByRole('alert').first().textContent()).toMatch(/scheme is https.*ws:\/\/ or wss:\/\//);
  await url.fill(node.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  const info = page.getByTestId('chain-info');
  expect(await info.textContent()).toContain('Bittensor');
  expect(await info.textContent()).toContain('spec 393');
  expect(await page.getByTestId('head-block').textContent()).toBe(`#${subnet.head}`);

  await page.getByLabel('Netuid').fill(String(NETUID));
  await page.getByRole('button', { name: 'Load metagraph' }).click();
  const rows = page.locator('[data-testid="metagraph"] tbody tr');
  await poll(() => rows.count()).toBe(4);
  // Alice: 5,000 α plus 2,000 τ at the default TaoWeight (≈ 0.0527): 5,105.3539 of weight stake.
  expect(await rows.nth(1).textContent()).toBe('15Grwva…utQY5,105.3539yes500');
  expect(await page.getByTestId('subnet-params').textContent()).toContain('commit-reveal on');

  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is UID 1.');
  expect(await page.getByLabel('Account').inputValue()).toBe(subnet.alice.address);

  await page.getByLabel(/Weights file/).setInputFiles({
    name: 'weights-latest.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(WEIGHTS_DOC)),
  });
  await page.getByLabel(/Burn share/).fill('10');
  const weightRows = page.locator('[data-testid="weights"] tbody tr');
  await poll(() => weightRows.allTextContents()).toEqual(['00.10009709', '20.675065535', '30.225021845']);

  const checks = page.locator('[data-testid="preflight"] li');
  await poll(() => checks.count()).toBeGreaterThan(10);
  expect(await page.locator('[data-testid="preflight"] li[data-ok="false"]').count()).toBe(0);
  const commit = page.getByRole('button', { name: 'Commit weights' });
  await poll(() => commit.isEnabled()).toBe(true);
  return { page, signed };
}

test('Escape and Cancel in the confirmation send nothing', async () => {
  const { page, signed } = await upToCommit();
  const before = node.submitted.length;
  await page.getByRole('button', { name: 'Commit weights' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await poll(() => dialog.isVisible()).toBe(false);
  await page.getByRole('button', { name: 'Commit weights' }).click();
  await dialog.waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await poll(() => page.getByTestId('validator-message').textContent()).toContain('nothing was signed');
  expect(signed).toEqual([]);
  expect(node.submitted.length).toBe(before);
  await page.close();
});

test('commits timelocked weights signed by //Alice through the injected wallet', async () => {
  const { page, signed } = await upToCommit();
  // The chain moves on after the metagraph was read: the round is aimed from the head at confirmation time.
  const at = subnet.head + 30;
  node.setHead(at);
  await poll(() => page.getByTestId('head-block').textContent()).toBe(`#${at}`);
  await page.getByRole('button', { name: 'Commit weights' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.commitTimelockedWeights');
  // chain.md §2.9 generation A, worked out here from the scripted facts, not by the app's code.
  const epoch = Math.floor((at + NETUID + 1) / (subnet.params.tempo + 1));
  const firstBlock = (epoch + subnet.params.revealPeriodEpochs) * (subnet.params.tempo + 1) - (NETUID + 1);
  const targetTime = subnet.timestampMs / 1000 + (firstBlock + 3 - at) * 12;
  const expectedRound = String(Math.floor((targetTime - 1692803367) / 3));
  // Ciphertext = SCALE payload (43 + 4·3 bytes for three uids) + 244 bytes of timelock overhead (§2.7).
  const commitBytes = 43 + 4 * 3 + 244;
  const args = await page.locator('[data-testid="confirm-args"] tr').allTextContents();
  expect(args).toHaveLength(4);
  expect(args[0]).toBe(`netuid${NETUID}`);
  expect(args[1]).toMatch(new RegExp(`^commit0x[0-9a-f]{16}…[0-9a-f]{8} \\(${commitBytes} bytes\\)$`));
  expect(args[2]).toBe(`revealRound${expectedRound}`);
  expect(args[3]).toBe(`commitRevealVersion${subnet.params.commitRevealWeightsVersion}`);
  expect(await page.locator('[data-testid="confirm-weights"] tbody tr').allTextContents()).toEqual([
    // Shares of what the chain receives (the u16 values): 9709 / 97089 = 10.00 %.
    '010.00 %',
    '267.50 %',
    '322.50 %',
  ]);
  await page.getByRole('button', { name: 'Sign' }).click();
  const result = page.getByTestId('submit-result');
  await result.waitFor({ timeout: 30_000 });
  expect(await result.textContent()).toContain('subtensorModule.TimelockedWeightsCommitted');
  expect(await result.textContent()).toContain('Included in block');
  // The chain reveals it later by itself; only its event says so.
  const revealState = page.getByTestId('reveal-state');
  await revealState.filter({ hasText: /^Waiting for the chain to reveal this commit \(by block \d+\)…$/ }).waitFor();
  node.setHead(at + 7);
  node.setStorage(
    chain.storageKey('system', 'events'),
    eventRecords(chain, [
      {
        extrinsic: 0,
        events: [
          { pallet: 'SubtensorModule', event: 'TimelockedWeightsRevealed', args: [NETUID, subnet.alice.address] },
        ],
      },
    ]),
  );
  await revealState.filter({ hasText: `Revealed by the chain in block ${at + 7}` }).waitFor();
  node.setHead(subnet.head);

  // In Node: exactly one extrinsic, the commit Alice signed.
  expect(node.submitted).toHaveLength(1);
  expect(signed).toHaveLength(1);
  const ext = chain.registry.createType('Extrinsic', node.submitted[0]);
  expect(`${ext.method.section}.${ext.method.method}`).toBe('subtensorModule.commitTimelockedWeights');
  expect(ext.signer.toString()).toBe(subnet.alice.address);
  expect(ext.nonce.toNumber()).toBe(NONCE);
  const [netuid, commit, revealRound, version] = ext.method.args;
  expect(netuid!.toJSON()).toBe(NETUID);
  expect(version!.toJSON()).toBe(subnet.params.commitRevealWeightsVersion);
  expect(revealRound!.toString()).toBe(expectedRound);
  expect((commit as unknown as Uint8Array).length).toBe(commitBytes);
  // The dialog showed these very bytes (its shortened form: first 8 and last 4 bytes).
  const shown = /^commit(0x[0-9a-f]{16})…([0-9a-f]{8})/.exec(args[1]!)!;
  expect(commit!.toU8a(true).length).toBe(commitBytes);
  expect(u8aToHex(commit!.toU8a(true)).startsWith(shown[1]!)).toBe(true);
  expect(u8aToHex(commit!.toU8a(true)).endsWith(shown[2]!)).toBe(true);
  expect(signed[0]!.payload.method).toBe(ext.method.toHex());
  const verdict = signatureVerify(signed[0]!.message, ext.signature.toU8a(), subnet.alice.address);
  expect(verdict.isValid).toBe(true);
  await page.close();
});

test('a runtime upgrade after connecting (stale metadata) stops the signature: nothing is signed or sent', async () => {
  const { page, signed } = await upToCommit();
  const before = node.submitted.length;
  await page.getByRole('button', { name: 'Commit weights' }).click();
  await page.getByRole('dialog').waitFor();
  node.setSpecVersion(394); // the node now runs another runtime; the page still has 393's metadata
  try {
    await page.getByRole('button', { name: 'Sign' }).click();
    await poll(() => page.getByTestId('validator-message').textContent()).toMatch(
      /runtime changed \(spec 393 → 394\).*Reconnect before signing: nothing was sent/,
    );
    expect(signed).toHaveLength(0);
    expect(node.submitted).toHaveLength(before);
  } finally {
    node.setSpecVersion(393);
    await page.close();
  }
});

test('the user rejecting the signature in the wallet: the page says so and nothing is sent', async () => {
  const { page, signed } = await upToCommit({ refuse: true });
  const before = node.submitted.length;
  await page.getByRole('button', { name: 'Commit weights' }).click();
  await page.getByRole('button', { name: 'Sign' }).click();
  await poll(() => page.getByTestId('validator-message').textContent()).toBe(
    'The signature was rejected in the wallet: nothing was sent.',
  );
  expect(signed).toHaveLength(0);
  expect(node.submitted).toHaveLength(before);
  await page.close();
});

test('without a wallet extension, Connect wallet says what to install', async () => {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/#/validator`);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('wallet-error').textContent()).toContain('No wallet extension found');
  await page.close();
});
