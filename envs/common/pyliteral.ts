// `ast.literal_eval` for the literals DED's test cases use, producing Python values (envs/common/pyvalue.ts). Both
// realms: pure.

import {
  INT_MAX_STR_DIGITS,
  pyDictFrom,
  pyFloat,
  PyLiteralError,
  type PyFloat,
  type PyValue,
  isPyFloat,
} from './pyvalue';

const ID_START = /[\p{L}\p{Nl}_]/u;
const ID_CONT = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
const NUMBER_RE =
  /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][-+]?[0-9](?:_?[0-9])*)?)[jJ]?/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * `ast.literal_eval(text)` for str, int, float, True/False/None, lists, tuples and dicts (with implicit string
 * concatenation, comments, line continuations, unary signs on numbers). Sets, bytes, complex numbers and `\N{...}`
 * escapes throw PyLiteralError 'unsupported'; what Python rejects throws 'value'.
 */
export function pyLiteralEval(text: string): PyValue {
  // literal_eval strips leading spaces and tabs; the tokenizer reads \r\n and \r as newlines.
  const src = text.replace(/^[ \t]+/, '').replace(/\r\n?/g, '\n');
  let i = 0;
  let depth = 0;
  const bad = (msg: string): never => {
    throw new PyLiteralError('value', `${msg} (at ${i})`);
  };
  const unsupported = (what: string): never => {
    throw new PyLiteralError('unsupported', `${what} is valid Python but not supported here`);
  };
  if (src.includes('\0')) bad('source code string cannot contain null bytes');

  /** Skips blanks, comments and continuations; newlines only inside brackets. */
  const skip = () => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\f') i++;
      else if (c === '\\' && src[i + 1] === '\n') i += 2;
      else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
      else if (c === '\n' && depth > 0) i++;
      else return;
    }
  };

  const stringBody = (raw: boolean, quote: string): string => {
    const triple = src.startsWith(quote.repeat(3), i);
    const q = triple ? quote.repeat(3) : quote;
    i += q.length;
    let out = '';
    for (;;) {
      if (i >= src.length) bad('unterminated string literal');
      if (src.startsWith(q, i)) {
        i += q.length;
        return out;
      }
      const c = src[i];
      if (c === '\n' && !triple) bad('unterminated string literal');
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = src[i + 1];
      if (e === undefined) bad('unterminated string literal');
      if (raw) {
        out += c + e; // a backslash keeps the next character (even a quote) from ending the string
        i += 2;
        continue;
      }
      i += 2;
      if (e === '\n') continue;
      if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
      else if (e >= '0' && e <= '7') {
        let oct = e;
        while (oct.length < 3 && src[i] >= '0' && src[i] <= '7') oct += src[i++];
        out += String.fromCodePoint(parseInt(oct, 8));
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const h = src.slice(i, i + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) bad(`truncated \\${e} escape`);
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff) bad('illegal Unicode character');
        out += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
        i += n;
      } else if (e === 'N') unsupported('a \\N{...} escape');
      else out += '\\' + e; // unknown escapes stay as written (with a SyntaxWarning)
    }
  };

  /** One or more adjacent string literals, or null if none starts here. */
  const strings = (): string | null => {
    let out: string | null = null;
    for (;;) {
      const m = /^([rRuUbBfF]{0,2})(['"])/.exec(src.slice(i, i + 3));
      if (!m) return out;
      const prefix = m[1].toLowerCase();
      if (!['', 'r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf'].includes(prefix)) return out;
      if (prefix.includes('f')) bad('f-strings are not literals'); // JoinedStr: malformed node
      if (prefix.includes('b')) unsupported('a bytes literal');
      i += prefix.length;
      out = (out ?? '') + stringBody(prefix.includes('r'), m[2]);
      skip();
    }
  };

  const number = (): { v: PyValue; numeric: boolean } => {
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(src);
    if (!m) return bad('invalid syntax');
    const lit = m[0];
    i += lit.length;
    if (ID_CONT.test(src[i] ?? '')) bad('invalid decimal literal');
    if (/[jJ]$/.test(lit)) unsupported('a complex literal');
    const clean = lit.replace(/_/g, '');
    if (/^0[xXoObB]/.test(clean)) return { v: BigInt(clean.toLowerCase()), numeric: true };
    if (/[.eE]/.test(clean)) return { v: pyFloat(Number(clean)), numeric: true };
    if (/^0+[1-9]/.test(clean)) bad('leading zeros in decimal integer literals are not permitted');
    if (clean.length > INT_MAX_STR_DIGITS) bad('Exceeds the limit for integer string conversion');
    return { v: BigInt(clean), numeric: true };
  };

  /** Comma-separated expressions up to `close` (a trailing comma allowed); consumes `close`. */
  const seq = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    skip();
    while (src[i] !== close) {
      items.push(expr().v);
      skip();
      if (src[i] === ',') {
        i++;
        skip();
      } else if (src[i] !== close) bad('invalid syntax');
    }
    i++;
    return items;
  };

  /** An expression; `numeric` marks a bare numeric constant, the only thing a unary sign may apply to. */
  const expr = (): { v: PyValue; numeric: boolean } => {
    const r = atom();
    skip();
    const c = src[i];
    if (c === '+' || c === '-') {
      // Legal only as number +/- imaginary literal, i.e. a complex number, which is not modelled.
      let j = i + 1;
      while (src[j] === ' ' || src[j] === '\t') j++;
      NUMBER_RE.lastIndex = j;
      const m = NUMBER_RE.exec(src);
      if ((typeof r.v === 'bigint' || isPyFloat(r.v)) && m && /[jJ]$/.test(m[0])) unsupported('a complex number');
      bad('malformed node or string');
    }
    // Calls, subscripts, attributes and other operators are not literals.
    if (c !== undefined && /[*/%@<>=!&|^~.[(]/.test(c)) bad('malformed node or string');
    return r;
  };

  const atom = (): { v: PyValue; numeric: boolean } => {
    skip();
    const c = src[i];
    if (c === undefined) return bad('unexpected EOF');
    if (c === '-' || c === '+') {
      i++;
      const operand = atom();
      if (!operand.numeric) bad('malformed node or string');
      const v = operand.v as bigint | PyFloat;
      const neg = c === '-';
      // The result is no longer a bare constant: `--1` is rejected, as by literal_eval.
      if (typeof v === 'bigint') return { v: neg ? -v : v, numeric: false };
      return { v: pyFloat(neg ? -v.value : v.value), numeric: false };
    }
    if (c === '(') {
      i++;
      depth++;
      skip();
      let r: { v: PyValue; numeric: boolean };
      if (src[i] === ')') {
        i++;
        r = { v: { kind: 'tuple', items: [] }, numeric: false };
      } else {
        const first = expr();
        skip();
        if (src[i] === ')') {
          i++;
          r = first; // parentheses alone make no tuple
        } else {
          if (src[i] !== ',') bad('invalid syntax');
          i++;
          r = { v: { kind: 'tuple', items: [first.v, ...seq(')')] }, numeric: false };
        }
      }
      depth--;
      return r;
    }
    if (c === '[') {
      i++;
      depth++;
      const items = seq(']');
      depth--;
      return { v: items, numeric: false };
    }
    if (c === '{') {
      i++;
      depth++;
      skip();
      const pairs: [PyValue, PyValue][] = [];
      if (src[i] === '}') i++;
      else {
        for (;;) {
          if (src.startsWith('**', i)) bad('malformed node or string');
          const k = expr().v;
          skip();
          if (src[i] === ',' || src[i] === '}') unsupported('a set display');
          if (src[i] !== ':') bad('invalid syntax');
          i++;
          pairs.push([k, expr().v]);
          skip();
          if (src[i] === '}') {
            i++;
            break;
          }
          if (src[i] !== ',') bad('invalid syntax');
          i++;
          skip();
          if (src[i] === '}') {
            i++;
            break;
          }
        }
      }
      depth--;
      return { v: pyDictFrom(pairs), numeric: false };
    }
    if (src.startsWith('...', i)) return unsupported('`...`');
    if (/[0-9.]/.test(c)) return number();
    const s = strings();
    if (s !== null) return { v: s, numeric: false };
    if (ID_START.test(String.fromCodePoint(src.codePointAt(i)!))) {
      let j = i + 1;
      while (j < src.length && ID_CONT.test(src[j])) j++;
      const name = src.slice(i, j);
      i = j;
      if (name === 'True') return { v: true, numeric: false };
      if (name === 'False') return { v: false, numeric: false };
      if (name === 'None') return { v: null, numeric: false };
      if (name === 'set' || name === 'Ellipsis') return unsupported(`\`${name}\``);
      return bad('malformed node or string');
    }
    return bad('invalid syntax');
  };

  // Leading blank and comment-only lines are allowed before the expression.
  for (;;) {
    skip();
    if (src[i] === '\n') {
      i++;
      if (src[i] === ' ' || src[i] === '\t') {
        const save = i;
        skip();
        if (src[i] !== '\n' && src[i] !== undefined) {
          i = save;
          bad('unexpected indent');
        }
      }
    } else break;
  }
  const first = expr();
  skip();
  let result = first.v;
  if (src[i] === ',') {
    i++;
    const items = [first.v];
    skip();
    while (i < src.length && src[i] !== '\n') {
      items.push(expr().v);
      skip();
      if (src[i] === ',') {
        i++;
        skip();
      } else break;
    }
    result = { kind: 'tuple', items };
  }
  // Trailing newlines, blanks and comments only.
  for (;;) {
    skip();
    if (src[i] === '\n') i++;
    else break;
  }
  if (i !== src.length) bad('invalid syntax');
  return result;
}
