// `json.loads` as CPython 3.12's C scanner reads JSON, producing Python values (envs/common/pyvalue.ts). Both
// realms: pure.

import { INT_MAX_STR_DIGITS, pyDictFrom, pyFloat, PyLiteralError, type PyValue } from './pyvalue';

const JSON_WS = new Set([' ', '\t', '\n', '\r']);
const JSON_NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

/** `json.loads(text)` as CPython 3.12's C scanner does it (strict: no raw control characters inside strings). */
export function pyJsonLoads(text: string): PyValue {
  const fail = (msg: string, at: number): never => {
    throw new PyLiteralError('json_decode', `${msg}: char ${at}`);
  };
  if (text.startsWith('\ufeff')) fail('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  let i = 0;
  const ws = () => {
    while (i < text.length && JSON_WS.has(text[i])) i++;
  };
  const str = (): string => {
    const start = i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string starting at', start);
      const c = text[i++];
      if (c === '"') return out;
      if (c < ' ') fail('Invalid control character at', i - 1);
      if (c !== '\\') {
        out += c;
        continue;
      }
      if (i >= text.length) fail('Unterminated string starting at', start);
      const e = text[i++];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e in simple) out += simple[e];
      else if (e === 'u') {
        const h = text.slice(i, i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('Invalid \\uXXXX escape', i - 1);
        i += 4;
        out += String.fromCharCode(parseInt(h, 16)); // surrogate pairs combine by themselves in UTF-16
      } else fail('Invalid \\escape', i - 2);
    }
  };
  const value = (): PyValue => {
    ws();
    if (i >= text.length) fail('Expecting value', i);
    const c = text[i];
    if (c === '"') return str();
    if (c === '{') {
      i++;
      const pairs: [PyValue, PyValue][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return pyDictFrom(pairs);
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expecting property name enclosed in double quotes', i);
        const k = str();
        ws();
        if (text[i] !== ':') fail("Expecting ':' delimiter", i);
        i++;
        pairs.push([k, value()]);
        ws();
        if (text[i] === '}') {
          i++;
          return pyDictFrom(pairs);
        }
        if (text[i] !== ',') fail("Expecting ',' delimiter", i);
        i++;
      }
    }
    if (c === '[') {
      i++;
      const items: PyValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ']') {
          i++;
          return items;
        }
        if (text[i] !== ',') fail("Expecting ',' delimiter", i);
        i++;
      }
    }
    for (const [word, v] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', pyFloat(NaN)],
      ['Infinity', pyFloat(Infinity)],
      ['-Infinity', pyFloat(-Infinity)],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    JSON_NUMBER.lastIndex = i;
    const m = JSON_NUMBER.exec(text);
    if (!m) return fail('Expecting value', i);
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const digits = m[0].replace('-', '');
      // int() raises ValueError here, which is not a JSONDecodeError: DED does not fall back to literal_eval.
      if (digits.length > INT_MAX_STR_DIGITS)
        throw new PyLiteralError('value', 'Exceeds the limit for integer string conversion');
      return BigInt(m[0]);
    }
    return pyFloat(Number(m[0]));
  };
  const v = value();
  ws();
  if (i !== text.length) fail('Extra data', i);
  return v;
}
