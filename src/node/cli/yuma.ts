// `arbiter yuma`: runs a Yuma Consensus scenario file on the float64 reference and prints each epoch's outputs per
// uid, as JSON or a compact table. Node.
import { readFile } from 'node:fs/promises';
import { parseScenario } from '../../shared/yuma/scenario-json.ts';
import { ScenarioError } from '../../shared/yuma/errors.ts';
import { simulateCpu } from '../../shared/yuma/simulate.ts';
import type { YumaOutputs } from '../../shared/yuma/types.ts';
import { positiveInt, required, UsageError } from './usage.ts';

export const YUMA_OPTIONS = {
  scenario: { type: 'string' },
  epochs: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FIELDS = ['stake', 'consensus', 'incentive', 'dividends', 'validatorTrust', 'emission'] as const;

async function readScenario(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read --scenario ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioError(`${path} is not JSON: ${(e as Error).message}`);
  }
}

/** One row per uid with anything non-zero (or a permit); six columns of outputs. */
function table(epoch: number, block: number, o: YumaOutputs): string {
  const head = `epoch ${epoch} (block ${block})`;
  const cols = ['uid', 'permit', 'stake', 'consensus', 'incentive', 'dividends', 'vtrust', 'emission'];
  const lines = [cols.map((c) => c.padStart(9)).join(' ')];
  for (let uid = 0; uid < o.stake.length; uid++) {
    const values = FIELDS.map((f) => o[f][uid]);
    if (!o.validatorPermit[uid] && values.every((v) => v === 0)) continue;
    const cells = [String(uid), o.validatorPermit[uid] ? 'yes' : '', ...values.map((v) => v.toFixed(6))];
    lines.push(cells.map((c) => c.padStart(9)).join(' '));
  }
  return `${head}\n${lines.join('\n')}\n`;
}

export async function yumaCommand(values: Record<string, unknown>): Promise<number> {
  const path = required(values, 'scenario');
  const scenario = parseScenario(await readScenario(path));
  scenario.epochs = positiveInt(values, 'epochs', scenario.epochs)!;
  const outputs = simulateCpu(scenario);
  const blockOf = (e: number) => scenario.state.block + e * (scenario.params.tempo + 1);
  if (values.json) {
    const epochs = outputs.map((o, e) => ({
      epoch: e,
      block: blockOf(e),
      ...Object.fromEntries(FIELDS.map((f) => [f, Array.from(o[f])])),
      validatorPermit: Array.from(o.validatorPermit, (p) => p === 1),
    }));
    process.stdout.write(`${JSON.stringify(epochs)}\n`);
  } else {
    process.stdout.write(outputs.map((o, e) => table(e, blockOf(e), o)).join('\n'));
  }
  return 0;
}
