// Python values for DED (envs/common/pyvalue.ts): json.loads, ast.literal_eval, repr, json.dumps and _to_str against
// real CPython. Node realm; uses test/support/affine_programs_ref.py.

import { describe, expect, it } from 'vitest';
import { toStr } from '../../envs/common/executor';
import {
  fromJs,
  pyDictFrom,
  pyFloat,
  pyFloatRepr,
  pyJsonDumps,
  PyLiteralError,
  pyRepr,
  pyStrRepr,
  pyTruthy,
} from '../../envs/common/pyvalue';
import { pyJsonLoads } from '../../envs/common/pyjson';
import { pyLiteralEval } from '../../envs/common/pyliteral';
import { affineRef, type RefResult } from '../support/python-executor';

const LITERALS = [
  "{'test_cases': [{'type': 'stdin_stdout', 'input': '3\\n1 2 3\\n', 'output': '6\\n'}]}",
  '{"a": 1, "b": [1.0, 2.5, -0.0, 1e16, 1e-5, 123456789012345678901234567890]}',
  "[1, 'a', None, True, False, (1,), (), (1, 2), [], {}]",
  '  \t{1: "one", 1.0: "float one", True: "bool one", 2: "two"}',
  "'abc' 'def' \"g\"",
  "r'\\d+\\n' + 'x'",
  "r'\\d+\\n'",
  "'''multi\nline''' ",
  "'\\x41\\u00e9\\U0001F600\\101\\n\\t\\\\\\'\\q'",
  '[\n  1,  # comment\n  2,\n]\n',
  '-1',
  '- 2.5',
  '+3',
  '--1',
  '-(1)',
  '0x1F',
  '0o17',
  '0b101',
  '1_000_000',
  '1.5e3',
  '.5',
  '5.',
  '1e400',
  '007',
  '000',
  '1, 2',
  '1,',
  '(1)',
  '[1, 2,]',
  "{'a': 1,}",
  'True',
  'None',
  'foo',
  "f'x'",
  '[1, 2',
  "{'a' 1}",
  '1 + 2',
  "'a'.upper()",
  '[1][0]',
  '\n\n  {1: 2}',
  '\n{1: 2}\n\n',
  '{[1]: 2}',
  "u'\\u2028\\x85\\xa0\\u200b\\ud800 é'",
  "'it\\'s \"ok\"'",
  "'it\\'s'",
  '"\'"',
  "'a\\\nb'",
  "(1, [2, (3, {'k': (4,)})])",
  '',
  '   ',
  "'\\N{BULLET}'",
  '{1, 2}',
  'set()',
  "b'x'",
  '1j',
  '1 + 2j',
  '...',
];

const JSONS = [
  '{"test_cases": [{"type": "function_call", "fn_name": "f", "input": [1.0, 2, "x"], "output": [3.0]}]}',
  ' {"a": [1e5, 1E+2, -0, -0.0, 0.1, 12345678901234567890123]} \n',
  '[NaN, Infinity, -Infinity, true, false, null]',
  '{"a": 1, "a": 2, "b": 3}',
  '"\\ud83d\\ude00 \\ud800 \\u00e9 \\/ \\b\\f"',
  "{'a': 1}",
  '[1, 2,]',
  '01',
  '1.',
  '"a\tb"',
  '\ufeff[1]',
  '[1] [2]',
  '',
  '{"a" 1}',
  `[${'9'.repeat(4301)}]`,
  '[1e309, 2.5e-324]',
];

function expectSame(got: () => string, ref: RefResult) {
  let mine: { v: string } | { e: string };
  try {
    mine = { v: got() };
  } catch (e) {
    if (!(e instanceof PyLiteralError)) throw e;
    mine = { e: e.code };
  }
  if ('e' in ref) expect(mine, JSON.stringify(ref)).toHaveProperty('e');
  else expect(mine).toEqual(ref);
}

describe('pyLiteralEval against ast.literal_eval', () => {
  const refs = affineRef(
    LITERALS.flatMap((t) => [
      ['repr_of_literal', t],
      ['json_dumps_of_literal', t],
      ['to_str_of_literal', t],
    ]),
  );
  const UNSUPPORTED = new Set(["'\\N{BULLET}'", '{1, 2}', 'set()', "b'x'", '1j', '1 + 2j', '...']);
  it.each(LITERALS.map((t, i) => [t, i] as const))('%j', (text, i) => {
    if (UNSUPPORTED.has(text)) {
      expect('v' in refs[3 * i], 'Python accepts it').toBe(true);
      expect(() => pyLiteralEval(text)).toThrow(expect.objectContaining({ code: 'unsupported' }));
      return;
    }
    expectSame(() => pyRepr(pyLiteralEval(text)), refs[3 * i]);
    if ('v' in refs[3 * i]) {
      expectSame(() => pyJsonDumps(pyLiteralEval(text)), refs[3 * i + 1]);
      expectSame(() => toStr(pyLiteralEval(text)), refs[3 * i + 2]);
    }
  });
});

describe('pyJsonLoads against json.loads', () => {
  const refs = affineRef(JSONS.map((t) => ['repr_of_json', t]));
  it.each(JSONS.map((t, i) => [t.slice(0, 60), i] as const))('%j', (_label, i) => {
    expectSame(() => pyRepr(pyJsonLoads(JSONS[i])), refs[i]);
  });

  it('reports decode errors as json_decode (DED falls back to literal_eval) and int overflow as value', () => {
    expect(() => pyJsonLoads("{'a': 1}")).toThrow(expect.objectContaining({ code: 'json_decode' }));
    expect(() => pyJsonLoads(`[${'9'.repeat(4301)}]`)).toThrow(expect.objectContaining({ code: 'value' }));
  });

  it('keeps 1.0 a float and big ints exact, unlike JSON.parse', () => {
    expect(pyRepr(pyJsonLoads('[1.0, 2, 9007199254740993]'))).toBe('[1.0, 2, 9007199254740993]');
    expect(pyRepr(fromJs(JSON.parse('[1.0, 2]')))).toBe('[1, 2]');
  });
});

describe('repr and json.dumps of strings and floats', () => {
  const strings = [
    '',
    "'",
    '"',
    `'"`,
    'a\\b',
    '\x00\x1f\x7f\x80\x9f\xa0\xad',
    '\u2028\u2029\u200b\ufeff\ue000',
    'é中文😀',
    '\ud800x\udfff',
    '\t\n\r\v\f',
    ' ',
    '\u3000\u1680',
  ];
  const floats = [
    0.1,
    1 / 3,
    1e16,
    1e15,
    123456789012345.6,
    1e-4,
    1e-5,
    0.00012,
    5e-324,
    1.7976931348623157e308,
    -2.5,
    100,
    1e22,
    1.5e-7,
    2 ** 53,
    123e-20,
  ];
  const [strRefs, floatRef] = [
    affineRef(strings.map((s) => ['repr_str', s])),
    affineRef([['float_reprs', floats.map(String)]])[0] as { v: string[] },
  ];
  it('repr(str) matches CPython', () => {
    expect(strings.map(pyStrRepr)).toEqual(strRefs.map((r) => (r as { v: string }).v));
  });
  it('repr(float) matches CPython', () => {
    expect(floats.map(pyFloatRepr)).toEqual(floatRef.v);
    expect([NaN, Infinity, -Infinity, -0, 0].map(pyFloatRepr)).toEqual(['nan', 'inf', '-inf', '-0.0', '0.0']);
  });
  it('json.dumps escapes only quotes, backslashes and C0 controls (ensure_ascii=False)', () => {
    expect(pyJsonDumps('a"b\\c\n\x01\x7fé\u2028')).toBe('"a\\"b\\\\c\\n\\u0001\x7fé\u2028"');
    expect(
      pyJsonDumps(
        pyDictFrom([
          [1n, null],
          [pyFloat(2.5), true],
          [null, false],
        ]),
      ),
    ).toBe('{"1": null, "2.5": true, "null": false}');
    expect(() => pyJsonDumps(pyDictFrom([[{ kind: 'tuple', items: [] }, 1n]]))).toThrow(PyLiteralError);
  });
  it('truthiness follows Python', () => {
    expect([null, false, 0n, '', [], pyFloat(0), pyDictFrom([])].map(pyTruthy)).toEqual(Array(7).fill(false));
    expect([true, 1n, 'x', [null], pyFloat(NaN)].map(pyTruthy)).toEqual(Array(5).fill(true));
  });
});
