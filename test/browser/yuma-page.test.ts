// The Yuma page (#/yuma) in Chromium: the sample scenario and one validator's weights changed, run in the scoring
// worker on WebGPU (SwiftShader), must give the float64 CPU reference's numbers (run here in Node) to 1e-4; a broken
// scenario is named, blocks the run and survives a reload (nothing typed is lost); a scenario file loads.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright';
import { SAMPLE_CHANGE, SAMPLE_SCENARIO } from '../../src/components/yuma/sample-scenario.ts';
import { parseWeightsText, withValidatorWeights } from '../../src/components/yuma/scenario-edit.ts';
import { parseScenario } from '../../src/shared/yuma/scenario-json.ts';
import { simulateCpu } from '../../src/shared/yuma/simulate.ts';
import { launchChromium } from '../support/chromium.ts';

const appUrl = inject('appUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const poll = <T>(fn: () => Promise<T> | T, timeout = 60_000) => expect.poll(fn, { timeout });

test('the sample and its changed validator: the table equals the CPU reference; plots are drawn', async () => {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/#/yuma`);
  const status = page.getByTestId('scenario-status');
  expect(await status.textContent()).toBe('6 UIDs, 3 validators with weights or bonds.');
  await page.getByLabel('Epochs').fill('12');
  await page.getByRole('button', { name: 'Simulate' }).click();
  const table = page.getByTestId('yuma-last');
  await table.waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('yuma-backend').textContent()).toMatch(
    /^12 epochs × 2 choice\(s\) of 6 UIDs on the GPU/,
  );

  const scenario = { ...parseScenario(SAMPLE_SCENARIO), epochs: 12 };
  const changed = withValidatorWeights(
    scenario.state,
    Number(SAMPLE_CHANGE.uid),
    parseWeightsText(SAMPLE_CHANGE.weights),
  );
  const want = [simulateCpu(scenario).at(-1)!, simulateCpu({ ...scenario, state: changed }).at(-1)!];
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => Number(c.textContent))));
  expect(rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4, 5]);
  for (const [uid, ...cells] of rows) {
    const expected = want.flatMap((o) => [o.incentive[uid!]!, o.dividends[uid!]!, o.validatorTrust[uid!]!]);
    expected.push(
      want[1]!.dividends[uid!]! - want[0]!.dividends[uid!]!,
      want[1]!.incentive[uid!]! - want[0]!.incentive[uid!]!,
    );
    cells.forEach((got, i) => expect(Math.abs(got! - expected[i]!), `UID ${uid}, column ${i + 1}`).toBeLessThan(2e-4));
  }
  // Validator 2 joining the majority takes dividends it did not have while backing miner 5 alone.
  expect(want[1]!.dividends[2]!).toBeGreaterThan(want[0]!.dividends[2]! + 0.01);
  for (const id of ['incentive', 'dividends', 'validatorTrust'])
    expect(await page.getByTestId(`yuma-${id}`).locator('svg').count()).toBeGreaterThan(0);
  await page.close();
});

test('a broken scenario is named, blocks the run and survives a reload; a file and the sample load', async () => {
  const page = await browser.newPage();
  await page.goto(`${appUrl}/#/yuma`);
  const editor = page.getByLabel('Scenario (JSON)');
  const status = page.getByTestId('scenario-status');
  const simulate = page.getByRole('button', { name: 'Simulate' });
  await editor.fill('{"stake": [1, 2,');
  await poll(() => status.textContent()).toMatch(/^The scenario is not valid JSON: /);
  expect(await simulate.isDisabled()).toBe(true);
  expect(await page.getByTestId('yuma-blocker').textContent()).toBe('Fix the scenario first.');
  await page.reload();
  expect(await page.getByLabel('Scenario (JSON)').inputValue()).toBe('{"stake": [1, 2,');

  const outOfRange = { stake: [5, 1, 0], weights: { '0': { '9': 65535 } } };
  await page.getByLabel('Scenario (JSON)').fill(JSON.stringify(outOfRange));
  await poll(() => status.textContent()).toMatch(/^The scenario is not valid: weights\['0'\]\['9'\]: .*9.*n = 3/);

  await page.getByLabel('Load scenario file').setInputFiles({
    name: 'two.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ stake: [3, 1, 0, 0], weights: { '0': { '2': 65535 }, '1': { '3': 65535 } } })),
  });
  await poll(() => status.textContent()).toBe('4 UIDs, 2 validators with weights or bonds.');
  // The comparison's validator must exist in this scenario.
  await page.getByLabel('Validator UID').fill('7');
  await page.getByRole('button', { name: 'Simulate' }).click();
  await poll(() => page.getByTestId('yuma-error').textContent()).toBe(
    'The changed weights are not valid: Validator UID 7 is not in 0…3.',
  );
  await page.getByRole('button', { name: 'Reset to the sample' }).click();
  await poll(() => status.textContent()).toBe('6 UIDs, 3 validators with weights or bonds.');
  await page.close();
});
