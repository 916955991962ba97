// Python 3.12 `str` semantics that JS gets subtly wrong: strip()/splitlines() whitespace and Unicode `\d` digits.
// Both realms: pure code. See docs/affine-envs.md §3.4 for the traps.

/**
 * `str.isspace()` characters, which `strip()`, `split()` and regex `\s` use. Unlike JS `\s`/`trim()` this has
 * U+001C..U+001F and U+0085 and lacks U+FEFF.
 */
export const PY_WHITESPACE =
  '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a' +
  '\u2028\u2029\u202f\u205f\u3000';

const WS = new Set(PY_WHITESPACE);

/** Line boundaries of `str.splitlines()`; `\r\n` counts as one. */
const LINE_BREAKS = new Set('\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029');

/** True iff `ch` (one code point) is stripped: in `chars` when given, else Python whitespace. */
function stripper(chars: string | undefined): (ch: string) => boolean {
  if (chars === undefined) return (ch) => WS.has(ch);
  const set = new Set(chars); // code points, like Python's set of characters
  return (ch) => set.has(ch);
}

/** Index just past the last kept code unit, scanning from the end by code point. */
function rightEnd(s: string, strip: (ch: string) => boolean): number {
  let end = s.length;
  while (end > 0) {
    const lo = s.charCodeAt(end - 1);
    // Step back over a whole surrogate pair so astral characters in `chars` are matched as one character.
    const width = lo >= 0xdc00 && lo <= 0xdfff && end > 1 && isHigh(s.charCodeAt(end - 2)) ? 2 : 1;
    if (!strip(s.slice(end - width, end))) break;
    end -= width;
  }
  return end;
}

function leftStart(s: string, strip: (ch: string) => boolean, end: number): number {
  let start = 0;
  while (start < end) {
    const cp = s.codePointAt(start)!;
    const width = cp > 0xffff ? 2 : 1;
    if (!strip(s.slice(start, start + width))) break;
    start += width;
  }
  return start;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Python `s.strip(chars=None)`. */
export function pyStrip(s: string, chars?: string): string {
  const strip = stripper(chars);
  const end = rightEnd(s, strip);
  return s.slice(leftStart(s, strip, end), end);
}

/** Python `s.lstrip(chars=None)`. */
export function pyLstrip(s: string, chars?: string): string {
  return s.slice(leftStart(s, stripper(chars), s.length));
}

/** Python `s.rstrip(chars=None)`. */
export function pyRstrip(s: string, chars?: string): string {
  return s.slice(0, rightEnd(s, stripper(chars)));
}

/** Python `s.splitlines(keepends=False)`: no trailing empty item, so `'a\n'` gives `['a']` and `''` gives `[]`. */
export function pySplitlines(s: string, keepends = false): string[] {
  const lines: string[] = [];
  let start = 0;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (!LINE_BREAKS.has(ch)) {
      i++;
      continue;
    }
    const brk = ch === '\r' && s[i + 1] === '\n' ? 2 : 1;
    lines.push(s.slice(start, keepends ? i + brk : i));
    i += brk;
    start = i;
  }
  if (start < s.length) lines.push(s.slice(start));
  return lines;
}

/**
 * Code points of every digit 0 of Unicode 15.0 (CPython 3.12's unicodedata); each is followed by its digits 1..9, so
 * together these runs are exactly the `Nd` characters, i.e. what Python's `\d` matches and `int()` accepts. Not JS
 * `\p{Nd}`: the engine's Unicode version is newer (Node 20 ships 15.1+, browsers 16+) and adds digits Python
 * 3.12 does not know.
 */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
  0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
  0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
  0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x11f50, 0x16a60, 0x16ac0,
  0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e950, 0x1fbf0,
];

/** Regex character-class body (use inside `[...]` with the `u` flag) equal to Python 3.12's `\d` on str patterns. */
export const PY_DIGIT_CLASS = DIGIT_ZEROS.map((z) => `\\u{${z.toString(16)}}-\\u{${(z + 9).toString(16)}}`).join('');

/** Decimal value 0..9 of a Python `\d` character (one code point), or -1 if it is not one. */
export function pyDigitValue(cp: number): number {
  for (const z of DIGIT_ZEROS) {
    if (cp < z) return -1; // the table is sorted
    if (cp <= z + 9) return cp - z;
  }
  return -1;
}

/** CPython's default `sys.get_int_max_str_digits()`: `int()` of a longer decimal string raises ValueError. */
export const PY_INT_MAX_STR_DIGITS = 4300;

/**
 * Python `int(s)` for a string of `\d` characters only (as a regex group captures them), as ASCII decimal without
 * leading zeros. Throws RangeError with CPython's ValueError text past 4300 digits, as CPython 3.12 does.
 */
export function pyDecimalToAscii(s: string): string {
  const digits: string[] = [];
  for (const ch of s) {
    const d = pyDigitValue(ch.codePointAt(0)!);
    if (d < 0) throw new RangeError(`invalid literal for int() with base 10: ${JSON.stringify(s)}`);
    digits.push(String(d));
  }
  if (digits.length === 0) throw new RangeError("invalid literal for int() with base 10: ''");
  if (digits.length > PY_INT_MAX_STR_DIGITS) {
    throw new RangeError(
      `Exceeds the limit (${PY_INT_MAX_STR_DIGITS} digits) for integer string conversion: value has ` +
        `${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return digits.join('').replace(/^0+(?=.)/, '');
}
