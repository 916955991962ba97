// The `arbiter` command line: dispatches subcommands and turns errors into one clear line and an exit code. Node.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { evalCommand, EVAL_OPTIONS } from './eval.ts';
import { scoreCommand, SCORE_OPTIONS } from './score.ts';
import { tasksCommand, TASKS_OPTIONS } from './tasks.ts';

const HELP = `arbiter: evaluate models on Affine's environments.

Usage:
  arbiter tasks --env sat --ids 0,5,9 [--json]
  arbiter score --env sat --task-id 7 --reply-file reply.txt [--json]     (--reply-file - reads stdin)
  arbiter eval  --endpoint URL --model NAME --env sat --ids 0-99 [--concurrency 8] [--shard 2/8]
                [--random N --seed S] [--revision REV] [--max-tokens N] [--timeout SECONDS] [--out run.jsonl] [--json]

Ids: a range 0-99 (inclusive), a list 0,5,9, or both (0-9,20). --shard i/n takes every n-th id starting at the i-th,
so n machines can split one range and concatenate their JSONL files. eval resumes: ids already in --out are skipped.
The API key comes from ARBITER_API_KEY or OPENAI_API_KEY (never from a flag, so it stays out of shell history).
`;

type Command = { options: ParseArgsConfig['options']; run: (values: Record<string, unknown>) => Promise<number> };

const COMMANDS: Record<string, Command> = {
  tasks: { options: TASKS_OPTIONS, run: tasksCommand },
  score: { options: SCORE_OPTIONS, run: scoreCommand },
  eval: { options: EVAL_OPTIONS, run: evalCommand },
};

/** Errors caused by what the user typed or supplied: exit code 2. */
const INPUT_ERRORS = new Set(['UsageError', 'IdSpecError', 'UnknownEnvError', 'ImportError', 'RangeError']);

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
    const { values } = parseArgs({ args: rest, options: { ...cmd.options, help: { type: 'boolean' } }, strict: true });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    return await cmd.run(values);
  } catch (e) {
    const err = e as Error & { code?: string };
    const usage =
      INPUT_ERRORS.has(err.name) || err.code === 'invalid_config' || !!err.code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`arbiter ${name}: ${err.message}\n`);
    return usage ? 2 : 1;
  }
}
