// The first-start experience, by keyboard only: the default form (the built-in demo endpoint) runs SAT offline;
// Stop and Resume work; the sample viewer opens with Enter and closes with Escape.
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright';
import { launchChromium } from '../support/chromium.ts';
import { doneCount, waitForStatus } from './app-helpers.ts';

const appUrl = inject('appUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

test('keyboard only: start the default demo run, stop it, resume it, read a sample', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${appUrl}/#/evaluate`);
  expect(await page.getByLabel('Base URL').inputValue()).toBe(`${appUrl}/demo/v1`);
  // The demo solver with default settings, but more ids and concurrency 1, so that Stop lands mid-run.
  await page.getByRole('textbox', { name: 'Ids' }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('0-399');
  await page.getByLabel('Concurrency').focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter'); // submits the form
  await page.waitForURL(/#\/run\//);
  await waitForStatus(page, 'running');
  await expect.poll(() => doneCount(page)).toBeGreaterThanOrEqual(3);

  await page.getByRole('button', { name: 'Stop' }).focus();
  await page.keyboard.press('Enter');
  await waitForStatus(page, 'stopped');
  const stopped = await doneCount(page);
  expect(stopped).toBeLessThan(400);

  await page.getByRole('button', { name: 'Resume' }).focus();
  await page.keyboard.press('Enter');
  await waitForStatus(page, 'done');
  expect(await doneCount(page)).toBe(400);
  const results = (await page.getByTestId('results').locator('tbody tr').first().textContent()) ?? '';
  expect(results).toContain('sat');
  expect(results).toContain('1.0000'); // the solver satisfies every formula

  await page.getByTestId('samples').getByRole('button').first().focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('viewer-prompt').textContent()).toMatch(/^Find a satisfying assignment/);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.locator('dialog[open]').count()).toBe(0);
});
