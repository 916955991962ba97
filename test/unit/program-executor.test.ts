// Affine's ProgramExecutor semantics (envs/common/executor.ts) on the native python executor: fence stripping against
// upstream's regexes in CPython, the stdin newline rule, the auto-runner, stderr, CRLF, timeout and output cap.
// Node realm.

import { describe, expect, it } from 'vitest';
import { AUTO_RUNNER, normalize, removeThinkBlocks, runProgram, stripFences } from '../../envs/common/executor';
import { pyRepr, type PyValue } from '../../envs/common/pyvalue';
import { affineRef, PythonExecutor } from '../support/python-executor';

const FENCE_TEXTS = [
  'print(1)',
  '```python\nprint(1)\n```',
  '```python\nprint(1)\n```\ntext\n```python\nprint(2)\n```',
  '```py\nprint(3)\n```',
  '```\nprint(4)\n```',
  '```Python\nprint(5)\n```',
  '```print(6)```',
  '```PYTHON print(7)```',
  '```python   \r\nprint(8)\r\n```',
  '```python\u00a0\nprint(9)\n```',
  '```c++\nint main(){}\n```',
  '```python print(10)\n```',
  '```\n```',
  'text ```python\nprint(11)',
  '```js\nx\n``` and ```python\ny\n```',
  '```python\nprint("```")\n```',
  '```\u00e9t\u00e9\nprint(12)\n```',
  '   \n  print(13)  \n\t',
  '```pythonx\nprint(14)\n```',
];

describe('stripFences', () => {
  const refs = affineRef(FENCE_TEXTS.map((t) => ['strip_fences', t]));
  it.each(FENCE_TEXTS.map((t, i) => [t, i] as const))('%j as upstream', (text, i) => {
    expect(stripFences(text)).toEqual((refs[i] as { v: string }).v);
  });
});

describe('runProgram', () => {
  const exec = new PythonExecutor();
  const echo = 'import sys\nprint(repr(sys.stdin.read()))';

  it('adds "\\n" to a non-empty stdin only when asked', async () => {
    expect((await runProgram(exec, echo, 'abc', { appendNewline: true })).stdout).toBe("'abc\\n'\n");
    expect((await runProgram(exec, echo, 'abc\n', { appendNewline: true })).stdout).toBe("'abc\\n'\n");
    expect((await runProgram(exec, echo, '', { appendNewline: true })).stdout).toBe("''\n");
    expect((await runProgram(exec, echo, 'abc')).stdout).toBe("'abc'\n");
  });

  it('strips fences before running', async () => {
    const r = await runProgram(exec, 'Here:\n```python\nprint(6 * 7)\n```\nDone.', '');
    expect(r).toMatchObject({ code: 'print(6 * 7)', stdout: '42\n', stderr: '', autoRun: false });
  });

  it('re-runs a silent program that defines solve() with the verbatim auto-runner', async () => {
    expect(AUTO_RUNNER).toBe(
      '\n\nif __name__ == "__main__":\n    res = solve()\n    if res is not None:\n        import sys\n' +
        '        if isinstance(res, (list, tuple)):\n            print(*res)\n        else:\n            print(res)\n',
    );
    const before = exec.runs;
    const r = await runProgram(
      exec,
      'def solve():\n    a, b = map(int, input().split())\n    return [a + b, a * b]',
      '3 4',
    );
    expect(r).toMatchObject({ stdout: '7 12\n', autoRun: true });
    expect(exec.runs - before).toBe(2);
    // A guard (any quoting, any spacing), output, or stderr prevents the second run.
    for (const code of [
      "def solve():\n    return 1\nif  __name__=='__main__':\n    pass",
      'def solve():\n    return 1\nprint("x")',
      'def solve():\n    return 1\nimport sys\nsys.stderr.write(" x ")',
      'def solver_helper():\n    return 1',
    ]) {
      const n = exec.runs;
      expect((await runProgram(exec, code, '')).autoRun).toBe(code.includes('def solver_helper'));
      expect(exec.runs - n).toBe(code.includes('def solver_helper') ? 2 : 1);
    }
    // solve() returning None prints nothing.
    expect((await runProgram(exec, 'def solve():\n    pass', '')).stdout).toBe('');
  });

  it('reports warnings and errors on stderr, translates CRLF, keeps partial stdout', async () => {
    const warn = await runProgram(exec, 'x = "\\d"\nprint(len(x))', '');
    expect(warn.stdout).toBe('2\n');
    if (exec.python.includes('3.12')) expect(warn.stderr).toContain('SyntaxWarning');
    const crlf = await runProgram(exec, 'import sys\nsys.stdout.write("a\\r\\nb\\rc")', '');
    expect(crlf.stdout).toBe('a\nb\nc');
    const crash = await runProgram(exec, 'print("partial", flush=True)\nraise ValueError("boom")', '');
    expect(crash.stdout).toBe('partial\n');
    expect(crash.stderr).toContain('ValueError: boom');
  });

  it('times out with "\\n[TIMEOUT]" on stderr and caps output', async () => {
    const slow = await runProgram(exec, 'print("started", flush=True)\nwhile True:\n    pass', '', { timeoutMs: 500 });
    expect(slow).toMatchObject({ timedOut: true, stdout: 'started\n' });
    expect(slow.stderr.endsWith('\n[TIMEOUT]')).toBe(true);
    const loud = await runProgram(exec, 'import sys\nwhile True:\n    sys.stdout.write("x" * 1000)', '', {
      maxOutputBytes: 10_000,
    });
    expect(loud.outputExceeded).toBe(true);
    expect(loud.stdout.endsWith('\n…<truncated>')).toBe(true);
  });
});

describe('shared helpers', () => {
  it('removes think blocks lazily and case-sensitively', () => {
    expect(removeThinkBlocks('a<think>x</think>b<think>y</think>c<THINK>z</THINK>')).toBe('abc<THINK>z</THINK>');
    expect(removeThinkBlocks('<thinking>\nq\n</thinking>r<think>open')).toBe('r<think>open');
  });

  it('normalize and toStr match upstream', () => {
    const texts = ['a  \nb\t\n\n\n', '\n\nx', '', 'a\r\nb\u2028c\x85', 'x \u00a0\n'];
    const refs = affineRef(texts.map((t) => ['normalize', t]));
    expect(texts.map(normalize)).toEqual(refs.map((r) => (r as { v: string }).v));
  });

  it('repr round-trips random values through CPython literal_eval', () => {
    let seed = 12345;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const chars = ['a', "'", '"', '\\', '\n', '\t', '\x00', '\x7f', 'é', '\u2028', '\u200b', '😀', '\ud800', ' '];
    const value = (depth: number): PyValue => {
      switch (rnd(depth > 2 ? 5 : 8)) {
        case 0:
          return null;
        case 1:
          return rnd(2) === 0;
        case 2:
          return BigInt(rnd(2000) - 1000) * 10n ** BigInt(rnd(25));
        case 3:
          return { kind: 'float', value: (rnd(2000) - 1000) / 10 ** rnd(12) };
        case 4:
          return Array.from({ length: rnd(6) }, () => chars[rnd(chars.length)]).join('');
        case 5:
          return Array.from({ length: rnd(4) }, () => value(depth + 1));
        case 6:
          return { kind: 'tuple', items: Array.from({ length: rnd(3) }, () => value(depth + 1)) };
        default:
          return {
            kind: 'dict',
            entries: Array.from({ length: rnd(3) }, (_, i) => [`k${i}`, value(depth + 1)] as [PyValue, PyValue]),
          };
      }
    };
    const texts = Array.from({ length: 300 }, () => pyRepr(value(0)));
    const refs = affineRef(texts.map((t) => ['repr_of_literal', t]));
    expect(refs.map((r) => (r as { v: string }).v)).toEqual(texts);
  });
});
