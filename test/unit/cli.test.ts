// The real `arbiter` command line as a child process: tasks, score, eval against the mock endpoint (table, JSONL,
// shards, resume), and the exit codes and one-line messages for bad input. Node (vitest 'unit').

import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sat } from '../../envs/sat/index.ts';
import { startMockServer, type MockServer } from '../../src/node/mock-endpoint.ts';
import { runCli } from '../support/cli.ts';
import { normaliseJsonl } from '../support/jsonl.ts';

let server: MockServer;
let dir: string;
beforeAll(async () => {
  server = await startMockServer();
  dir = await mkdtemp(join(tmpdir(), 'arbiter-cli-'));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const chats = () => server.requests.filter((r) => r.path.endsWith('/chat/completions'));
const promptOf = (body: unknown) => (body as { messages: { content: string }[] }).messages[0]!.content;
const lines = (text: string) => text.split('\n').filter((l) => l.trim());
const taskIds = (jsonl: string) => lines(jsonl).map((l) => /"task_id":(\d+),/.exec(l)![1]);
const evalArgs = (...extra: string[]) => [
  'eval',
  '--endpoint',
  server.url,
  '--model',
  'solver',
  '--env',
  'sat',
  ...extra,
];
/** The results table's data rows, split into cells. */
const tableRows = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/ {2,}/));
const answer = (values: boolean[]) => values.map((b, i) => `x${i + 1}=${b ? 'True' : 'False'}`).join(', ');

describe('arbiter tasks', () => {
  it("prints the env's prompts as a JSON array, task ids as bare integers", async () => {
    const [small, big] = await Promise.all([
      runCli(['tasks', '--env', 'sat', '--ids', '0,5,9', '--json']),
      runCli(['tasks', '--env', 'affine:sat', '--ids', '18446744073709551615', '--json']),
    ]);
    expect(small.code).toBe(0);
    const tasks = JSON.parse(small.stdout) as { env: string; task_id: number; prompt: string }[];
    const expected = await Promise.all([0n, 5n, 9n].map(async (id) => (await sat.task(id)).prompt));
    expect(tasks).toEqual([
      { env: 'affine:sat', task_id: 0, prompt: expected[0] },
      { env: 'affine:sat', task_id: 5, prompt: expected[1] },
      { env: 'affine:sat', task_id: 9, prompt: expected[2] },
    ]);
    expect(big.code).toBe(0);
    expect(big.stdout).toMatch(/^\[\{"env":"affine:sat","task_id":18446744073709551615,"prompt":"Find a satisfying/);
  });
});

describe('arbiter score', () => {
  it('scores 1 for a satisfying assignment read from stdin, 0 for a violating one read from a file', async () => {
    const task = await sat.task(7n);
    // The planted solution satisfies every clause; flipping the first clause's variables against it violates that one.
    const good = `Here you go:\n${answer(task.data.solution)}\n`;
    const flipped = [...task.data.solution];
    for (const l of task.data.clauses[0]!) flipped[Math.abs(l) - 1] = l < 0;
    const badFile = join(dir, 'bad-reply.txt');
    await writeFile(badFile, answer(flipped));
    const [fromStdin, fromFile] = await Promise.all([
      runCli(['score', '--env', 'sat', '--task-id', '7', '--reply-file', '-', '--json'], { input: good }),
      runCli(['score', '--env', 'sat', '--task-id', '7', '--reply-file', badFile, '--json']),
    ]);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ env: 'affine:sat', task_id: 7, score: 1 });
    expect(JSON.parse(fromStdin.stdout).extra).toMatchObject({ satisfied_clauses: 63, clauses: 63, assigned: 15 });
    expect(fromFile.code).toBe(0);
    const bad = JSON.parse(fromFile.stdout) as { task_id: number; score: number; extra: { satisfied_clauses: number } };
    expect(bad).toMatchObject({ task_id: 7, score: 0 });
    expect(bad.extra.satisfied_clauses).toBeLessThan(63);
  });
});

describe('arbiter eval', () => {
  let full = '';

  it('evaluates every id, prints the table and writes one JSONL line per id', async () => {
    const out = join(dir, 'full.jsonl');
    const r = await runCli(evalArgs('--ids', '0-11', '--concurrency', '4', '--out', out));
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^env\s+n\s+mean\s+95% interval\s+errors$/);
    const [row, ...more] = tableRows(r.stdout);
    expect(more).toEqual([]);
    expect(row).toEqual(['sat', '12', '1.0000', expect.stringMatching(/^\[0\.\d{4}, 1\.0000\]$/), '0']);
    full = await readFile(out, 'utf8');
    expect(taskIds(full).sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 12 }, (_, i) => `${i}`));
    expect(normaliseJsonl(full).every((s) => s.score === 1 && s.success === true)).toBe(true);
    expect(chats()).toHaveLength(12);
  });

  it('shards 1/3, 2/3 and 3/3 together produce exactly the full run', async () => {
    const outs = [1, 2, 3].map((i) => join(dir, `shard-${i}.jsonl`));
    const results = await Promise.all(
      outs.map((out, i) => runCli(evalArgs('--ids', '0-11', '--shard', `${i + 1}/3`, '--out', out))),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const texts = await Promise.all(outs.map((out) => readFile(out, 'utf8')));
    expect(taskIds(texts[0]!).sort((a, b) => Number(a) - Number(b))).toEqual(['0', '3', '6', '9']);
    expect(tableRows(results[1]!.stdout)[0]!.slice(0, 3)).toEqual(['sat', '4', '1.0000']);
    expect(normaliseJsonl(texts.join(''))).toEqual(normaliseJsonl(full));
  });

  it('resumes: a larger range appends only the new ids and asks the model only for them', async () => {
    const out = join(dir, 'full.jsonl');
    const before = chats().length;
    const r = await runCli(evalArgs('--ids', '0-14', '--out', out));
    expect(r.code).toBe(0);
    const asked = chats()
      .slice(before)
      .map((c) => promptOf(c.body));
    expect(asked).toHaveLength(3);
    const newPrompts = await Promise.all([12n, 13n, 14n].map(async (id) => (await sat.task(id)).prompt));
    expect(asked.sort()).toEqual(newPrompts.sort());
    const after = await readFile(out, 'utf8');
    expect(after.startsWith(full)).toBe(true); // nothing rewritten
    expect(taskIds(after.slice(full.length)).sort()).toEqual(['12', '13', '14']);
    expect(tableRows(r.stdout)[0]!.slice(0, 3)).toEqual(['sat', '15', '1.0000']);
  });

  it('exits 2 with a one-line message for bad input, before asking the model or creating --out', async () => {
    const before = chats().length;
    const out = join(dir, 'never.jsonl');
    const cases: [string[], RegExp][] = [
      [
        evalArgs('--ids', '0', '--env', 'nope'),
        /^arbiter eval: Unknown environment "nope"\. Known: sat, abd, ded, print, hvm\.$/,
      ],
      [evalArgs('--ids', '9-2'), /^arbiter eval: Range "9-2" runs backwards/],
      [
        ['eval', '--model', 'solver', '--env', 'sat', '--ids', '0'],
        /^arbiter eval: --model "solver" is neither a folder, a URL nor a Hugging Face id/,
      ],
      [
        ['eval', '--endpoint', 'localhost:8000', '--model', 'm', '--env', 'sat', '--ids', '0'],
        /http:\/\/ or https:\/\//,
      ],
      [['eval', '--endpoint', 'http://', '--model', 'm', '--env', 'sat', '--ids', '0'], /is not a valid URL/],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli([...args, '--out', out])));
    results.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(cases[i]![1]);
    });
    expect(chats().length).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 1 with 'stopped early' when the endpoint is unreachable", async () => {
    const gone = await startMockServer();
    await gone.close();
    const r = await runCli(['eval', '--endpoint', gone.url, '--model', 'solver', '--env', 'sat', '--ids', '0-3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^arbiter eval: stopped early: Could not reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/m,
    );
    expect(tableRows(r.stdout)).toEqual([]); // nothing was scored
  });
});
