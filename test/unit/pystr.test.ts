// Python str helpers (strip family, splitlines, `\d` digits) against the doc's rules and against real CPython.
// Node realm. Set PYTHON to pick the interpreter (default python3); Affine runs CPython 3.12.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  PY_DIGIT_CLASS,
  PY_WHITESPACE,
  pyDecimalToAscii,
  pyDigitValue,
  pyLstrip,
  pyRstrip,
  pySplitlines,
  pyStrip,
} from '../../src/shared/pystr';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Applies every helper in CPython to each input; also reports which code points Python's `\d` matches. */
const PY_SCRIPT = `
import json, re, sys, unicodedata
req = json.load(sys.stdin)
out = []
for s, chars in req["cases"]:
    out.append([s.strip(), s.lstrip(), s.rstrip(), s.splitlines(), s.splitlines(True),
                s.strip(chars), s.lstrip(chars), s.rstrip(chars)])
d = re.compile(r"\\d")
digits = [c for c in range(0x110000) if d.match(chr(c))]
values = [unicodedata.decimal(chr(c)) for c in digits]
ints = []
for s in req["ints"]:
    try:
        ints.append(str(int(s)))
    except ValueError as e:
        ints.append("ValueError")
json.dump({"version": sys.version.split()[0], "unidata": unicodedata.unidata_version, "out": out,
           "digits": digits, "values": values, "ints": ints}, sys.stdout)
`;

const SPECIAL = [...PY_WHITESPACE, '\ufeff', '\u200b', '\u180e', '\r\n', '\x00', '\x7f'];
const PLAIN = ['a', 'b', ' x ', 'é', '中', '🙂', '\ud83d', '\ude42', '\u{1d7d8}', '0', '=', '\\'];

const rnd = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[rnd(0, xs.length - 1)];
const randomString = (maxParts: number) =>
  Array.from({ length: rnd(0, maxParts) }, () => (Math.random() < 0.6 ? pick(SPECIAL) : pick(PLAIN))).join('');

describe('pystr: documented behaviour', () => {
  it('strips Python whitespace, not JS whitespace', () => {
    expect(pyStrip('\x1c\x1d\x1e\x1f\x85 a \u2028\u3000')).toBe('a');
    expect(pyStrip('\ufeffa\ufeff')).toBe('\ufeffa\ufeff'); // JS trim() would remove U+FEFF
    expect(pyLstrip('  a  ')).toBe('a  ');
    expect(pyRstrip('  a  ')).toBe('  a');
    expect(pyStrip('')).toBe('');
    expect(pyStrip('xxaxx', 'x')).toBe('a');
    expect(pyStrip('🙂a🙂', '🙂')).toBe('a');
    expect(PY_WHITESPACE).toHaveLength(29);
  });

  it('splits lines like str.splitlines', () => {
    expect(pySplitlines('a\n')).toEqual(['a']);
    expect(pySplitlines('')).toEqual([]);
    expect(pySplitlines('\n')).toEqual(['']);
    expect(pySplitlines('a\r\nb\rc\x0bd\x0ce\x1cf\x1dg\x1eh\x85i\u2028j\u2029k')).toEqual('abcdefghijk'.split(''));
    expect(pySplitlines('a\x1fb\u200bc')).toEqual(['a\x1fb\u200bc']); // \x1f is whitespace, not a line break
    expect(pySplitlines('a\r\n\nb\r', true)).toEqual(['a\r\n', '\n', 'b\r']);
  });

  it('converts Python digit strings like int()', () => {
    expect(pyDecimalToAscii('\u0661\u0660')).toBe('10');
    expect(pyDecimalToAscii('000')).toBe('0');
    expect(pyDecimalToAscii('007')).toBe('7');
    expect(() => pyDecimalToAscii('')).toThrow(RangeError);
    expect(() => pyDecimalToAscii('1'.repeat(4301))).toThrow(/Exceeds the limit \(4300 digits\)/);
    expect(pyDigitValue(0x11f57)).toBe(7); // Kawi seven, new in Unicode 15.0 (CPython 3.12)
    expect(pyDigitValue(0xb2)).toBe(-1);
  });
});

describe('pystr: against CPython', () => {
  it('strip, lstrip, rstrip, splitlines and digits agree on random strings', () => {
    const cases: [string, string][] = [];
    for (let i = 0; i < 2000; i++) cases.push([randomString(i < 1000 ? 6 : 40), randomString(3)]);
    for (const ch of SPECIAL) cases.push([`${ch}a${ch}b${ch}`, ch]);
    const ints = ['0', '00012', '\u0663\u0664', '\uff11\u0662', '1'.repeat(4300), '9'.repeat(4301), '0'.repeat(4301)];

    const input = JSON.stringify({ cases, ints });
    const out = execFileSync(PYTHON, ['-c', PY_SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
    const py = JSON.parse(out) as {
      version: string;
      unidata: string;
      out: unknown[][];
      digits: number[];
      values: number[];
      ints: string[];
    };

    const mismatches: unknown[] = [];
    cases.forEach(([s, chars], i) => {
      const ours = [
        pyStrip(s),
        pyLstrip(s),
        pyRstrip(s),
        pySplitlines(s),
        pySplitlines(s, true),
        pyStrip(s, chars),
        pyLstrip(s, chars),
        pyRstrip(s, chars),
      ];
      if (JSON.stringify(ours) !== JSON.stringify(py.out[i]) && mismatches.length < 5) {
        mismatches.push({ input: JSON.stringify(s), chars: JSON.stringify(chars), python: py.out[i], ts: ours });
      }
    });
    expect(mismatches, `Python ${py.version}`).toEqual([]);

    const ourInts = ints.map((s) => {
      try {
        return pyDecimalToAscii(s);
      } catch {
        return 'ValueError';
      }
    });
    expect(ourInts).toEqual(py.ints);

    // Our `\d` is CPython 3.12's (Unicode 15.0). Other versions differ by whole runs of ten digits.
    const re = new RegExp(`^[${PY_DIGIT_CLASS}]$`, 'u');
    const ours: number[] = [];
    for (let cp = 0; cp < 0x110000; cp++) if (re.test(String.fromCodePoint(cp))) ours.push(cp);
    expect(ours, '68 runs of ten digits').toHaveLength(680);
    expect(ours.filter((cp) => pyDigitValue(cp) < 0)).toEqual([]);
    const pySet = new Set(py.digits);
    const onlyOurs = ours.filter((cp) => !pySet.has(cp));
    const ourSet = new Set(ours);
    const onlyPy = py.digits.filter((cp) => !ourSet.has(cp));
    const NEW_IN_15 = [...Array(10).keys()].flatMap((d) => [0x11f50 + d, 0x1e4f0 + d]).sort((a, b) => a - b);
    if (py.unidata === '15.0.0' || py.unidata === '15.1.0') {
      expect({ onlyOurs, onlyPy }).toEqual({ onlyOurs: [], onlyPy: [] });
    } else if (py.unidata === '14.0.0') {
      expect({ onlyOurs, onlyPy }).toEqual({ onlyOurs: NEW_IN_15, onlyPy: [] });
    } else {
      expect(onlyOurs, `Python ${py.version} (Unicode ${py.unidata}) lacks digits we match`).toEqual([]);
    }
    // Digit values agree with unicodedata.decimal wherever both know the character.
    py.digits.forEach((cp, i) => {
      if (ourSet.has(cp) && pyDigitValue(cp) !== py.values[i]) {
        throw new Error(`digit value of U+${cp.toString(16)}: Python ${py.values[i]}, ours ${pyDigitValue(cp)}`);
      }
    });
  });
});
