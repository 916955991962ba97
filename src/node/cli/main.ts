// The `arbiter` command line: dispatches subcommands and turns errors into one clear line and an exit code. Node.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { compareCommand, COMPARE_OPTIONS } from './compare.ts';
import { evalCommand, EVAL_OPTIONS } from './eval.ts';
import { scoreCommand, SCORE_OPTIONS } from './score.ts';
import { tasksCommand, TASKS_OPTIONS } from './tasks.ts';
import { yumaCommand, YUMA_OPTIONS } from './yuma.ts';

const HELP = `arbiter: evaluate models on Affine's environments.

Usage:
  arbiter tasks --env sat --ids 0,5,9 [--json]
  arbiter score --env sat --task-id 7 --reply-file reply.txt [--json]     (--reply-file - reads stdin)
                Program envs (abd, ded, print) need rows: --dataset FILE (JSONL or Parquet, rl-python schema) or
                --generated SEED [--generated-size N] (the offline generator); they run in headless Chromium.
  arbiter eval  --endpoint URL --model NAME --env sat --ids 0-99 [--concurrency 8] [--shard 2/8]
                [--random N --seed S] [--revision REV] [--max-tokens N] [--timeout SECONDS] [--out run.jsonl] [--json]
  arbiter compare run-a.jsonl run-b.jsonl [more.jsonl | affine-scores.json ...] [--rule champion|stages|pareto]
                [--sampling-count N] [--json]
  arbiter yuma  --scenario scenario.json [--epochs N] [--json]

Ids: a range 0-99 (inclusive), a list 0,5,9, or both (0-9,20). --shard i/n takes every n-th id starting at the i-th,
so n machines can split one range and concatenate their JSONL files. eval resumes: ids already in --out are skipped.
The API key comes from ARBITER_API_KEY or OPENAI_API_KEY (never from a flag, so it stays out of shell history).

compare judges runs with one of Affine's rules: champion (default; era G: the first file's model is the champion,
the others challenge it on overlapping tasks), stages (era D four-stage weights) or pareto (era A ε-Pareto). For
stages and pareto the first file counts as the earliest commit. A .json file is an Affine API document
(/scores/latest or /rank/current); anything else is JSONL samples (one or several models). --sampling-count N is the
overlap every env needs (champion; default Affine's counts, 100 for other envs) or the sampling-list size (stages).

yuma simulates Yuma Consensus epochs as subtensor computes them (float64 reference) from a scenario file (format in
src/shared/yuma/scenario-json.ts): per epoch stake, consensus, incentive, dividends, validator trust and emission per
uid. --epochs overrides the file's epoch count; --json prints an array of epochs.
`;

type Command = {
  options: ParseArgsConfig['options'];
  /** Whether the command takes positional arguments (compare's files). */
  positionals?: boolean;
  run: (values: Record<string, unknown>, positionals: string[]) => Promise<number>;
};

const COMMANDS: Record<string, Command> = {
  tasks: { options: TASKS_OPTIONS, run: tasksCommand },
  score: { options: SCORE_OPTIONS, run: scoreCommand },
  eval: { options: EVAL_OPTIONS, run: evalCommand },
  compare: { options: COMPARE_OPTIONS, positionals: true, run: compareCommand },
  yuma: { options: YUMA_OPTIONS, run: yumaCommand },
};

/** Errors caused by what the user typed or supplied: exit code 2. */
const INPUT_ERRORS = new Set([
  'UsageError',
  'IdSpecError',
  'UnknownEnvError',
  'ImportError',
  'RangeError',
  'AffineApiError',
  'JudgeInputError',
  'ScenarioError',
]);

/** Runs the CLI; returns the process exit code (0 ok, 1 run failed, 2 bad usage or input). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`arbiter: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...cmd.options, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: !!cmd.positionals,
    });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    return await cmd.run(values, positionals);
  } catch (e) {
    const err = e as Error & { code?: string };
    const usage =
      INPUT_ERRORS.has(err.name) || err.code === 'invalid_config' || !!err.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`arbiter ${name}: ${err.message}\n`);
    return usage ? 2 : 1;
  }
}
