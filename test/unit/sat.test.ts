// The SAT environment against docs/affine-envs.md §5.1 and against a Python re-typing of Affine's sat.py.
// Node realm. Set PYTHON to pick the interpreter (default python3); Affine runs CPython 3.12.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sat } from '../../envs/sat';
import { SAT_CONFIG } from '../../envs/sat/meta';
import { extractAssignment, SatEvaluatorError, scoreSat } from '../../envs/sat/score';
import { generateSat, satPrompt } from '../../envs/sat/task';
import { affineSeed } from '../../src/shared/affine-seed';

const PYTHON = process.env.PYTHON ?? 'python3';
const REF = fileURLToPath(new URL('../support/sat_ref.py', import.meta.url));

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const tf = (xs: boolean[]) => xs.map((b) => (b ? 'T' : 'F')).join('');
const answer = (sol: boolean[]) => sol.map((b, i) => `x${i + 1}=${b ? 'True' : 'False'}`).join(', ');

describe('SAT: documented vectors', () => {
  const rows = [
    [
      0n,
      'FFTFFFFFFTTFTTF',
      [-15, 9, -12, -10, -3, -5, 2, -14, -7, -6],
      4052,
      '4de3517cd5a28f30b954e7c54a3b666d26d368a090ed7f0978008a14942310b0',
    ],
    [
      1n,
      'TTFTFFFFTTFTFFT',
      [12, 8, -5, 15, -4, 10, 2, -6, -1, 7],
      4059,
      '0043ece1ebf3c4dc4fb69b51aaa723fdc48341125f409463ebafc8fb6899db92',
    ],
    [
      20100n,
      'TFFFTFTTTFFTTTF',
      [-4, 11, 1, 13, -6, -15, 3, -2, -8, 9],
      4027,
      '648bcf8fca8932c90e3567dacf20206660283ea27ca84a21b117a4e7c6d22c07',
    ],
  ] as const;

  it.each(rows)(
    'task %s: planted assignment, first clause, prompt length and SHA-256',
    async (id, planted, first, len, hash) => {
      const task = await sat.task(id);
      expect(tf(task.data.solution)).toBe(planted);
      expect(task.data.clauses[0]).toEqual(first);
      expect(task.data.clauses).toHaveLength(63);
      expect(task.data.clauses.every((c) => c.length === 10)).toBe(true);
      expect([...task.prompt].length).toBe(len);
      expect(sha256(task.prompt)).toBe(hash);
      expect(task).toMatchObject({ env: 'sat', taskId: id });
    },
  );

  it('has the documented identity and LLM seeds', async () => {
    expect(sat).toMatchObject({ id: 'sat', name: 'affine:sat' });
    expect(sat.upstream).toBe('AffineFoundation/affinetes environments/affine/sat.py @ 345b7bcf');
    expect(SAT_CONFIG).toEqual({ n: 15, k: 10, m: 63 });
    expect(await affineSeed('affine:ded-v2', 20100)).toBe(3683191326);
    expect(await affineSeed('affine:abd-v2', 20200n)).toBe(1638900518);
    expect(await affineSeed('print', 12345)).toBe(359045654);
    expect(await affineSeed('lgc-v2', 0)).toBe(3545546512);
    expect(await affineSeed('game', 100000001n)).toBe(3739183258);
  });

  it('refuses negative and non-bigint ids', async () => {
    await expect(sat.task(-1n)).rejects.toThrow(RangeError);
    await expect(sat.task(-1n)).rejects.toThrow(/non-negative/);
    expect(() => generateSat(5 as unknown as bigint)).toThrow(TypeError);
  });

  it('prompt starts and ends exactly as Affine writes it', () => {
    const p = satPrompt(generateSat(0n).clauses);
    expect(
      p.startsWith(
        'Find a satisfying assignment for the following 10-SAT formula over variables x1..x15:\n(¬x15 ∨ x9 ∨ ',
      ),
    ).toBe(true);
    expect(
      p.endsWith(
        ')\nProvide your answer as comma-separated assignments like `x1=True, x2=False, ...`, or respond `UNSAT` if it has no solution.',
      ),
    ).toBe(true);
    expect(p.split(' ∧ ')).toHaveLength(63);
  });
});

describe('SAT: extraction and scoring rules', () => {
  const clauses = [[1, -2], [3]];
  const got = (reply: string) => Object.fromEntries(extractAssignment(reply));

  it('matches only the exact pattern', () => {
    expect(got('x1 = True, x2 =False, x3= 1')).toEqual({});
    expect(got('x1=true x2=FALSE X3=True')).toEqual({});
    expect(got('x1=10')).toEqual({ '1': true }); // `1` matches, the `0` is left over
    expect(got('x2=0x3=1')).toEqual({ '2': false, '3': true });
    expect(got('xx1=Truex2=Falsey')).toEqual({ '1': true, '2': false });
    expect(got('x01=True x007=False x0=1')).toEqual({ '1': true, '7': false, '0': true });
  });

  it('lets later matches overwrite earlier ones, think blocks included', () => {
    expect(got('<think>x1=False</think>x1=True')).toEqual({ '1': true });
    expect(got('x1=True\n<think>maybe x1=False</think>')).toEqual({ '1': false });
    expect(scoreSat(clauses, '<think>x1=True x3=True</think> final: x1=False, x2=True').score).toBe(0);
    expect(scoreSat(clauses, 'x1=False x2=True <think>x1=True, x3=1</think>').score).toBe(1);
  });

  it('reads Unicode digits as Python 3.12 does', () => {
    expect(got('x\u0661=True x\uff12=0 x\u{1d7d1}=1')).toEqual({ '1': true, '2': false, '3': true });
    expect(got('x\u{11f51}=True x\u{1e4f2}=1')).toEqual({ '1': true, '2': true }); // Kawi, Nag Mundari: Unicode 15.0
    expect(got('x\u00b9=True x\u2460=True x\u{1fbf3}=0')).toEqual({ '3': false }); // superscript, circled: not Nd
    expect(got('x\u{10d41}=True')).toEqual({}); // Garay digit one is Nd only from Unicode 16 (Python 3.14)
  });

  it('lets an unassigned variable satisfy nothing', () => {
    expect(scoreSat([[-1]], 'x2=True')).toMatchObject({ score: 0, extra: { assigned: 1, satisfied_clauses: 0 } });
    expect(scoreSat([[-1]], 'no answer').score).toBe(0);
    expect(scoreSat([[-1]], '').score).toBe(0);
  });

  it('scores the planted solution 1 and a falsifying assignment 0', async () => {
    for (const id of [0n, 1n, 20100n, 2n ** 64n]) {
      const task = await sat.task(id);
      const good = await sat.score(task, answer(task.data.solution));
      expect(good).toMatchObject({ score: 1, extra: { assigned: 15, satisfied_clauses: 63, clauses: 63 } });
      const bad = [...task.data.solution];
      for (const l of task.data.clauses[0]) bad[Math.abs(l) - 1] = l < 0; // make every literal of clause 0 false
      const res = await sat.score(task, answer(bad));
      expect(res.score).toBe(0);
      expect(res.extra.satisfied_clauses).toBeLessThan(63);
    }
  });

  it("throws where Affine's evaluator raises (int() of more than 4300 digits)", () => {
    expect(() => extractAssignment(`x${'0'.repeat(4299)}1=True`)).not.toThrow();
    expect(() => extractAssignment(`x${'1'.repeat(4301)}=True`)).toThrow(SatEvaluatorError);
    expect(() => extractAssignment(`x${'1'.repeat(4301)}=True`)).toThrow(/Exceeds the limit \(4300 digits\)/);
    expect(extractAssignment(`x${'1'.repeat(5000)}=Tru x1=1`).get('1')).toBe(true); // no match, no int()
  });
});

// ---- against Python ----

const rnd = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[rnd(0, xs.length - 1)];
function randBig(bits: number): bigint {
  let v = 0n;
  for (let b = 0; b < bits; b += 32) v = (v << 32n) | BigInt(rnd(0, 0xffffffff));
  return v & ((1n << BigInt(bits)) - 1n);
}

/** Nd digits every CPython from 3.11 (Unicode 14) to 3.14 agrees on, plus look-alikes that are never `\d`. */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x966, 0xff10, 0x1d7ce, 0x1d7f6, 0x1e950, 0x1fbf0, 0x104a0];
const NOT_DIGITS = ['\u00b2', '\u2461', '\u00bd', '\u2167', '\u{1f100}', 'Ⅸ', '٫'];
const JUNK = [
  ' ',
  ', ',
  '\n',
  '\r\n',
  '\t',
  '\u00a0',
  '\u3000',
  '<think>',
  '</think>',
  '`',
  'x',
  'X',
  '=',
  '==',
  ' = ',
  'True',
  'False',
  'true',
  'TRUE',
  '1',
  '0',
  'é',
  '中',
  '🙂',
  '¬',
  '∧',
  '\ud800',
  'UNSAT',
  '\u200b',
  '\ufeff',
];

function randomDigits(): string {
  const len = pick([1, 1, 1, 2, 2, 3, 25]);
  let s = '';
  for (let i = 0; i < len; i++) {
    const d = i === 0 && Math.random() < 0.8 ? rnd(0, 2) : rnd(0, 9);
    s += Math.random() < 0.8 ? String(d) : String.fromCodePoint(pick(DIGIT_ZEROS) + d);
  }
  return Math.random() < 0.05 ? s + pick(NOT_DIGITS) : s;
}

function randomReply(solution: boolean[]): string {
  const parts: string[] = [];
  if (Math.random() < 0.5) parts.push(answer(solution)); // the planted answer, then noise that may overwrite it
  for (let i = rnd(0, 30); i > 0; i--) {
    if (Math.random() < 0.5) parts.push(pick(JUNK));
    else parts.push(`x${randomDigits()}=${pick(['True', 'False', '1', '0', 'true', '10', '01', 'Tru'])}`);
  }
  return parts.join(pick(['', ' ', ', ', '\n']));
}

describe('SAT: bit-exact against Python', () => {
  it('generates the same prompts, lengths and LLM seeds for 3000+ ids, and scores like Affine', async () => {
    const ids: bigint[] = [];
    for (let i = 0n; i < 1000n; i++) ids.push(i);
    for (let i = 0; i < 1000; i++) ids.push(randBig(53));
    for (let i = 0; i < 1000; i++) ids.push(randBig(rnd(54, 80)));
    ids.push(2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 80n - 1n, 2n ** 32n, 2n ** 32n - 1n);

    const scoreCases: { clauses: number[][]; reply: string }[] = [];
    for (let i = 0; i < 400; i++) {
      const { clauses, solution } = generateSat(pick(ids));
      scoreCases.push({ clauses, reply: randomReply(solution) });
    }
    scoreCases.push({ clauses: [[1]], reply: `x${'2'.repeat(4301)}=1` });

    const input = JSON.stringify({ gen: ids.map(String), score: scoreCases });
    const out = JSON.parse(execFileSync(PYTHON, [REF], { input, encoding: 'utf8', maxBuffer: 1 << 28 }));
    const py = out as {
      version: string;
      gen: { sha256: string; length: number; seed: number }[];
      score: ({ score: number; assigned: number; satisfied: number } | { error: string })[];
    };
    expect(py.gen).toHaveLength(ids.length);

    const genMismatches: unknown[] = [];
    for (let i = 0; i < ids.length; i++) {
      const task = await sat.task(ids[i]);
      const ours = {
        sha256: sha256(task.prompt),
        length: [...task.prompt].length,
        seed: await affineSeed(sat.name, ids[i]),
      };
      if (JSON.stringify(ours) !== JSON.stringify(py.gen[i]) && genMismatches.length < 5) {
        genMismatches.push({ taskId: String(ids[i]), python: py.gen[i], ts: ours });
      }
    }
    expect(genMismatches, `Python ${py.version}: generator differs`).toEqual([]);

    const scoreMismatches: unknown[] = [];
    let ones = 0;
    scoreCases.forEach((c, i) => {
      let ours: object;
      try {
        const r = scoreSat(c.clauses, c.reply);
        ours = { score: r.score, assigned: r.extra.assigned, satisfied: r.extra.satisfied_clauses };
        ones += r.score;
      } catch (e) {
        ours = { error: e instanceof SatEvaluatorError ? 'ValueError' : String(e) };
      }
      const want = 'error' in py.score[i] ? { error: py.score[i].error } : py.score[i];
      if (JSON.stringify(ours) !== JSON.stringify(want) && scoreMismatches.length < 5) {
        scoreMismatches.push({ reply: c.reply, clauses: JSON.stringify(c.clauses), python: py.score[i], ts: ours });
      }
    });
    expect(scoreMismatches, `Python ${py.version}: scoring differs`).toEqual([]);
    expect(ones, 'random replies should include some that score 1').toBeGreaterThan(0);
    expect(ones, 'and some that score 0').toBeLessThan(scoreCases.length);
  });
});
