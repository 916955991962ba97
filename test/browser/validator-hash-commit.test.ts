// Commit-reveal v2 on the Validator page in Chromium, against the fixture node (real finney metadata, generation A)
// playing the chain's `WeightCommits` queue: a hash commit signed through the injected wallet, its salt kept in
// IndexedDB across a reload, the reveal reminder following the head (wait → reveal now → too late), and the reveal
// whose arguments hash to exactly the committed hash (chain.md §2.6), each extrinsic decoded and its signature checked.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright';
import { blake2AsHex, signatureVerify } from '@polkadot/util-crypto';
import { launchChromium } from '../support/chromium.ts';
import { extrinsicSuccess, loadFixtureChain } from '../support/fixture-chain.ts';
import { startFixtureNode, type FixtureNode } from '../support/fixture-node.ts';
import { scriptedSubnet, type ScriptedSubnet } from './validator-subnet.ts';
import { injectTestWallet, type SignedPayload } from './validator-wallet.ts';

const appUrl = inject('appUrl');
const chain = loadFixtureChain();
const NETUID = 120;
const WEIGHTS_DOC = { block_number: 999, weights: { '2': { weight: 0.75 }, '3': { weight: 0.25 } } };
let browser: Browser;
let node: FixtureNode;
let subnet: ScriptedSubnet;
let head = 0;

/** Generation A's reveal blocks for a commit in `block` (chain.md §2.6), worked out here, not by the app's code. */
function revealBlocks(block: number): [number, number] {
  const { tempo, revealPeriodEpochs } = subnet.params;
  const epoch = Math.floor((block + NETUID + 1) / (tempo + 1));
  const first = (epoch + revealPeriodEpochs) * (tempo + 1) - (NETUID + 1);
  return [first, first + tempo];
}

const queueKey = () => chain.storageKey('subtensorModule', 'weightCommits', NETUID, subnet.alice.address);

beforeAll(async () => {
  subnet = await scriptedSubnet(chain, NETUID);
  head = subnet.head;
  // The chain's side: a commit joins Alice's queue with its reveal window; a reveal empties it.
  let queue: [string, number, number, number][] = [];
  node = await startFixtureNode({
    head: subnet.head,
    storage: subnet.storage,
    runtimeCalls: { AccountNonceApi_account_nonce: chain.callResult('AccountNonceApi', 'account_nonce', 0) },
    onSubmit: (hex) => {
      const ext = chain.registry.createType('Extrinsic', hex);
      const who = ext.signer.toString();
      if (ext.method.method === 'commitWeights') {
        const hash = ext.method.args[1]!.toHex();
        queue.push([hash, head, ...revealBlocks(head)]);
        node.setStorage(queueKey(), chain.storageValue('subtensorModule', 'weightCommits', queue));
        const event = { pallet: 'SubtensorModule', event: 'WeightsCommitted', args: [who, NETUID, hash] };
        return [event, extrinsicSuccess()];
      }
      const [, uids, values, salt, versionKey] = ext.method.args;
      const hash = blake2AsHex(
        chain.registry
          .createType('(AccountId32,u16,Vec<u16>,Vec<u16>,Vec<u16>,u64)', [who, NETUID, uids, values, salt, versionKey])
          .toU8a(),
        256,
      );
      queue = queue.filter(([h]) => h !== hash);
      node.setStorage(queueKey(), chain.storageValue('subtensorModule', 'weightCommits', queue));
      return [{ pallet: 'SubtensorModule', event: 'WeightsRevealed', args: [who, NETUID, hash] }, extrinsicSuccess()];
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await node?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 30_000) => expect.poll(fn, { timeout });

function moveHead(to: number) {
  head = to;
  node.setHead(to);
}

/** Connects the page to the fixture node, loads subnet 120 and connects the wallet (Alice, UID 1). */
async function connect(page: Page) {
  await page.getByRole('radio', { name: 'Custom endpoint' }).check();
  await page.getByLabel('Endpoint URL').fill(node.url);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await poll(() => page.getByTestId('connection-state').textContent()).toBe('connected');
  await page.getByLabel('Netuid').fill(String(NETUID));
  await page.getByRole('button', { name: 'Load metagraph' }).click();
  await poll(() => page.locator('[data-testid="metagraph"] tbody tr').count()).toBe(4);
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await poll(() => page.getByTestId('hotkey-uid').textContent()).toBe('This hotkey is UID 1.');
}

/** Loads the weights, picks the hash scheme and signs a hash commit; returns the hash the dialog showed. */
async function commit(page: Page): Promise<string> {
  await page.getByLabel(/Weights file/).setInputFiles({
    name: 'weights-latest.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(WEIGHTS_DOC)),
  });
  await page.getByRole('radio', { name: /Hash commit/ }).check();
  await poll(() => page.locator('[data-testid="preflight"] li').count()).toBeGreaterThan(10);
  expect(await page.locator('[data-testid="preflight"] li[data-ok="false"]').allTextContents()).toEqual([]);
  const button = page.getByRole('button', { name: 'Commit weights' });
  await poll(() => button.isEnabled()).toBe(true);
  await button.click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.commitWeights');
  const args = await page.locator('[data-testid="confirm-args"] tr').allTextContents();
  expect(args[0]).toBe(`netuid${NETUID}`);
  const hash = /^commitHash(0x[0-9a-f]{64})$/.exec(args[1]!)![1]!;
  const [first, last] = revealBlocks(head + 1);
  expect(await page.getByTestId('confirm-hash-commit').textContent()).toContain(`between blocks ${first} and ${last}`);
  await page.getByRole('button', { name: 'Sign' }).click();
  await poll(() => page.getByTestId('submit-result').textContent()).toContain('subtensorModule.WeightsCommitted');
  return hash;
}

const stateOf = (page: Page, hash: string) =>
  page.locator(`[data-testid="hash-commits"] tr[data-hash="${hash}"] [data-testid="commit-state"]`);

test('a hash commit survives a reload, is revealed in its window with its stored salt, and matches its hash', async () => {
  const page = await browser.newPage();
  const signed: SignedPayload[] = await injectTestWallet(page, chain, subnet.alice);
  await page.goto(`${appUrl}/#/validator`);
  await connect(page);
  const hash = await commit(page);
  const [first, last] = revealBlocks(head);
  await poll(() => stateOf(page, hash).textContent()).toBe(
    `Wait ${first - head - 1} blocks: reveal in blocks ${first}–${last}.`,
  );

  // A reload: the commit and its salt come back from IndexedDB before any connection.
  await page.reload();
  await poll(() => stateOf(page, hash).textContent()).toBe(
    `Reveal in blocks ${first}–${last}: connect to see the head.`,
  );
  await connect(page);
  moveHead(first + 10);
  await poll(() => stateOf(page, hash).textContent()).toBe(`Reveal now: the window closes after block ${last}.`);
  expect(await page.getByTestId('reveal-due').textContent()).toContain('A hash commit is in its reveal window');
  await page.locator(`tr[data-hash="${hash}"]`).getByRole('button', { name: 'Reveal' }).click();
  await page.getByRole('dialog').waitFor();
  expect(await page.getByTestId('confirm-call').textContent()).toBe('subtensorModule.revealWeights');
  const args = await page.locator('[data-testid="confirm-args"] tr').allTextContents();
  expect(args.slice(0, 3)).toEqual([`netuid${NETUID}`, 'uids[2,3]', 'values[65535,21845]']);
  expect(args[4]).toBe(`versionKey${subnet.params.weightsVersionKey}`);
  await page.getByRole('button', { name: 'Sign' }).click();
  await poll(() => page.getByTestId('submit-result').textContent()).toContain('subtensorModule.WeightsRevealed');
  // Revealed: it leaves the reminder.
  await poll(() => page.locator(`tr[data-hash="${hash}"]`).count()).toBe(0);

  // In Node: the commit, then a reveal whose arguments hash to it, both signed by Alice.
  const [commitExt, revealExt] = node.submitted.slice(-2).map((h) => chain.registry.createType('Extrinsic', h));
  expect(`${commitExt!.method.section}.${commitExt!.method.method}`).toBe('subtensorModule.commitWeights');
  expect(commitExt!.method.args[1]!.toHex()).toBe(hash);
  expect(revealExt!.method.method).toBe('revealWeights');
  const [netuid, uids, values, salt, versionKey] = revealExt!.method.args;
  expect(netuid!.toJSON()).toBe(NETUID);
  expect(values!.toJSON()).toEqual([65535, 21845]);
  expect((salt!.toJSON() as number[]).length).toBe(8);
  const preimage = chain.registry
    .createType('(AccountId32,u16,Vec<u16>,Vec<u16>,Vec<u16>,u64)', [
      subnet.alice.address,
      NETUID,
      uids,
      values,
      salt,
      versionKey,
    ])
    .toU8a();
  expect(blake2AsHex(preimage, 256)).toBe(hash);
  expect(signed).toHaveLength(2);
  for (const [i, ext] of [commitExt!, revealExt!].entries()) {
    expect(ext.signer.toString()).toBe(subnet.alice.address);
    expect(signed[i]!.payload.method).toBe(ext.method.toHex());
    expect(signatureVerify(signed[i]!.message, ext.signature.toU8a(), subnet.alice.address).isValid).toBe(true);
  }
  await page.close();
});

test('a commit left past its window reads "too late", and Forget clears it; a refused signature stores nothing', async () => {
  const page = await browser.newPage();
  await injectTestWallet(page, chain, subnet.alice);
  await page.goto(`${appUrl}/#/validator`);
  await connect(page);
  const hash = await commit(page);
  const [, last] = revealBlocks(head);
  moveHead(last + 1);
  await poll(() => stateOf(page, hash).textContent()).toBe(
    `Too late: the window closed at block ${last}; the chain drops this commit.`,
  );
  await page.locator(`tr[data-hash="${hash}"]`).getByRole('button', { name: 'Forget' }).click();
  await poll(() => page.locator(`tr[data-hash="${hash}"]`).count()).toBe(0);
  await page.close();

  // The wallet refuses: the salt stored before signing is dropped again, so no phantom commit is left to reveal.
  const refusing = await browser.newPage();
  await injectTestWallet(refusing, chain, subnet.alice, { refuse: true });
  await refusing.goto(`${appUrl}/#/validator`);
  await connect(refusing);
  const before = node.submitted.length;
  await refusing.getByLabel(/Weights file/).setInputFiles({
    name: 'weights-latest.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(WEIGHTS_DOC)),
  });
  await refusing.getByRole('radio', { name: /Hash commit/ }).check();
  await refusing.getByRole('button', { name: 'Commit weights' }).click();
  await refusing.getByRole('button', { name: 'Sign' }).click();
  await poll(() => refusing.getByTestId('validator-message').textContent()).toBe(
    'The signature was rejected in the wallet: nothing was sent.',
  );
  expect(node.submitted.length).toBe(before);
  expect(await refusing.locator('[data-testid="hash-commits"] tbody tr').count()).toBe(0);
  await refusing.close();
});
