// `arbiter yuma` as a child process on the sample scenario (subtensor's kappa_moves_first): the JSON epochs, the
// table, --epochs, and exit code 2 with one clear line for a bad or missing scenario file (some cases in-process).
// Node (vitest 'unit').
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/node/cli/main.ts';
import { ROOT, runCli } from '../support/cli.ts';

const SAMPLE = join(ROOT, 'test/fixtures-yuma/kappa-moves-first.json');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'arbiter-yuma-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Epoch {
  epoch: number;
  block: number;
  stake: number[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  validatorTrust: number[];
  emission: number[];
  validatorPermit: boolean[];
}

describe('arbiter yuma', () => {
  it('prints every epoch as JSON, per uid, with the chain test’s dividends', { timeout: 60_000 }, async () => {
    const r = await runCli(['yuma', '--scenario', SAMPLE, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const epochs = JSON.parse(r.stdout) as Epoch[];
    expect(epochs.map((e) => [e.epoch, e.block])).toEqual([0, 1, 2, 3, 4, 5, 6].map((e) => [e, 2 + 2 * e]));
    for (const e of epochs) {
      for (const f of ['stake', 'consensus', 'incentive', 'dividends', 'validatorTrust', 'emission'] as const)
        expect(e[f]).toHaveLength(5);
    }
    expect(epochs[0].validatorPermit).toEqual([true, true, true, false, false]);
    expect(epochs[1].dividends).toEqual([0.8, 0.1, 0.1, 0, 0].map((x) => expect.closeTo(x, 3)));
    expect(epochs[2].dividends).toEqual([1, 0, 0, 0, 0].map((x) => expect.closeTo(x, 3)));
    expect(epochs[6].dividends.slice(0, 3)).toEqual([0.8418, 0.0884, 0.0697].map((x) => expect.closeTo(x, 3)));
    expect(epochs[1].incentive).toEqual([0, 0, 0, 1, 0]);
    expect(epochs[1].emission.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it('prints a table of the uids with non-zero outputs; --epochs overrides the file', { timeout: 60_000 }, async () => {
    const r = await runCli(['yuma', '--scenario', SAMPLE, '--epochs', '2']);
    expect(r.code, r.stderr).toBe(0);
    const blocks = r.stdout.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[1]).toMatch(/^epoch 1 \(block 4\)\n\s+uid\s+permit\s+stake\s+consensus\s+incentive\s+dividends/);
    expect(blocks[1]).toMatch(/\n\s+3\s+0\.000000\s+1\.000000\s+1\.000000\s+0\.000000\s+0\.000000\s+0\.500000/);
    expect(blocks[1]).not.toMatch(/\n\s+4\s/);
  });

  it('rejects a bad scenario file with exit code 2 and one line naming the field and value', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ stake: new Array(256).fill(1), weights: { '3': { '300': 5 } } }));
    const r = await runCli(['yuma', '--scenario', bad]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("arbiter yuma: weights['3']['300']: uid 300 is not below n = 256.\n");
  }, 60_000);

  // The other input errors run in-process (`main`), sparing a Node start-up each on a two-core machine.
  it('gives exit code 2 and one line for unreadable, non-JSON or missing files and bad flags', async () => {
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{"stake": [1,');
    const cases: [string[], RegExp][] = [
      [['--scenario', notJson], /not\.json is not JSON/],
      [['--scenario', join(dir, 'missing.json')], /cannot read --scenario .*missing\.json: ENOENT/],
      [[], /--scenario is required/],
      [['--scenario', SAMPLE, '--epochs', '0'], /--epochs must be a whole number ≥ 1, not "0"/],
    ];
    for (const [args, message] of cases) {
      let stderr = '';
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        stderr += String(chunk);
        return true;
      });
      const code = await main(['yuma', ...args]).finally(() => spy.mockRestore());
      expect(code, stderr).toBe(2);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(/^arbiter yuma: /);
      expect(stderr).toMatch(message);
    }
  });
});
