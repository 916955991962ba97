// Python values as DED's test cases hold them, with the int/float distinction JS loses: the model, `repr()`,
// `json.dumps(ensure_ascii=False)`, truthiness and dict lookup. The parsers are in pyjson.ts and pyliteral.ts. Both realms: pure.
//
// Why not JSON.parse: `json.loads("[1.0]")` is a float that `repr` prints as `1.0`, JSON.parse gives 1 (printed `1`),
// and ints beyond 2^53 lose digits; both change what a function_call test case feeds the program.

/** CPython's default `sys.get_int_max_str_digits()`: both parsers refuse longer int literals. */
export const INT_MAX_STR_DIGITS = 4300;

/** A Python float (a bare JS number would be ambiguous with an int). */
export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
}
export interface PyTuple {
  readonly kind: 'tuple';
  readonly items: PyValue[];
}
/** A dict in insertion order; keys are unique under Python equality (1, 1.0 and True are one key). */
export interface PyDict {
  readonly kind: 'dict';
  readonly entries: [PyValue, PyValue][];
}

/** None, bool, int (bigint), str, float, list (JS array), tuple, dict. Sets, bytes and complex are not modelled. */
export type PyValue = null | boolean | bigint | string | PyFloat | PyValue[] | PyTuple | PyDict;

/**
 * Why parsing failed. `json_decode` is json.JSONDecodeError (DED then tries literal_eval); `value` is any other error
 * Python raises (ValueError, SyntaxError, TypeError: the caller scores 0); `unsupported` is valid Python this model
 * does not cover (sets, bytes, complex, `\N{...}`), where Python's result is unknown.
 */
export type PyLiteralErrorCode = 'json_decode' | 'value' | 'unsupported';

export class PyLiteralError extends Error {
  override name = 'PyLiteralError';
  constructor(
    readonly code: PyLiteralErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const pyFloat = (value: number): PyFloat => ({ kind: 'float', value });

function isObj(v: PyValue): v is PyFloat | PyTuple | PyDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export const isPyDict = (v: PyValue): v is PyDict => isObj(v) && v.kind === 'dict';
export const isPyFloat = (v: PyValue): v is PyFloat => isObj(v) && v.kind === 'float';
export const isPyTuple = (v: PyValue): v is PyTuple => isObj(v) && v.kind === 'tuple';

/** Python type name, for error messages: `'dict' object has no attribute 'get'`. */
export function pyTypeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  return v.kind;
}

/** Python truthiness (`bool(v)`). */
export function pyTruthy(v: PyValue): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (v.kind === 'float') return v.value !== 0; // NaN is truthy, as in Python
  if (v.kind === 'tuple') return v.items.length > 0;
  return v.entries.length > 0;
}

let nanKeys = 0;

/** A key under which Python's dict sees `v`, or throws TypeError (as PyLiteralError 'value') when unhashable. */
function hashKey(v: PyValue): string {
  if (v === null) return 'N';
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  if (typeof v === 'bigint') return 'n' + v;
  if (typeof v === 'string') return 's' + v;
  if (Array.isArray(v)) throw new PyLiteralError('value', "unhashable type: 'list'");
  if (v.kind === 'float') {
    const x = v.value;
    if (Number.isInteger(x)) return 'n' + BigInt(x);
    return 'f' + (Number.isNaN(x) ? `nan#${nanKeys++}` : String(x)); // NaN never equals itself: always a new key
  }
  if (v.kind === 'tuple') return 't(' + v.items.map(hashKey).join(',') + ')';
  throw new PyLiteralError('value', "unhashable type: 'dict'");
}

/** Builds a dict from pairs the way a Python display does: a repeated key keeps its first position, last value. */
export function pyDictFrom(pairs: Iterable<[PyValue, PyValue]>): PyDict {
  const entries: [PyValue, PyValue][] = [];
  const index = new Map<string, number>();
  for (const [k, v] of pairs) {
    const h = hashKey(k);
    const at = index.get(h);
    if (at === undefined) {
      index.set(h, entries.length);
      entries.push([k, v]);
    } else entries[at][1] = v;
  }
  return { kind: 'dict', entries };
}

/** `d.get(key, dflt)` for a str key. */
export function pyDictGet(d: PyDict, key: string, dflt: PyValue = null): PyValue {
  for (const [k, v] of d.entries) if (k === key) return v;
  return dflt;
}

/** `key in d` for a str key. */
export function pyDictHas(d: PyDict, key: string): boolean {
  return d.entries.some(([k]) => k === key);
}

/**
 * A JS value (from JSON.parse, a Parquet reader or a test) as Python would have it after `json.loads`: integral
 * numbers become int, others float (JS cannot tell `1.0` from `1`; pass the JSON text instead when that matters),
 * bigint is int, undefined is None.
 */
export function fromJs(x: unknown): PyValue {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return x;
    case 'number':
      return Number.isInteger(x) ? BigInt(x) : pyFloat(x);
    case 'object':
      if (Array.isArray(x)) return x.map(fromJs);
      if (Object.getPrototypeOf(x) === Object.prototype || Object.getPrototypeOf(x) === null) {
        return pyDictFrom(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, fromJs(v)]));
      }
  }
  throw new PyLiteralError('unsupported', `cannot convert a JS ${Object.prototype.toString.call(x)} to a Python value`);
}

// ------------------------------------------------------------------------------------------------------------------
// repr, str, json.dumps

/** `repr(float)`: the shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16, else `1e+16` style. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest digits that round-trip, like Python's 'r' mode.
  const [mant, expStr] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expStr); // x = d.ddd × 10^exp
  const decpt = exp + 1; // x = 0.ddd × 10^decpt
  if (decpt > 16 || decpt < -3) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = Math.abs(exp);
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt < digits.length) return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
}

/**
 * Characters `str.isprintable()` rejects: categories Cc Cf Cs Co Cn Zl Zp Zs, except the space. The engine's Unicode
 * may be newer than Python 3.12's 15.0, so a character assigned since may be written raw where Python escapes it;
 * the literal still evaluates to the same string, which is all DED needs.
 */
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `repr(str)`: single quotes unless the text has `'` and no `"`; escapes as CPython's unicode_repr. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if ((cp >= 0xd800 && cp <= 0xdfff) || (ch !== ' ' && NON_PRINTABLE.test(ch))) {
      out += cp <= 0xff ? '\\x' + hex(cp, 2) : cp <= 0xffff ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    } else out += ch;
  }
  return out + quote;
}

/** `repr(v)`. */
export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return pyStrRepr(v);
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (v.kind === 'float') return pyFloatRepr(v.value);
  if (v.kind === 'tuple') {
    return v.items.length === 1 ? `(${pyRepr(v.items[0])},)` : '(' + v.items.map(pyRepr).join(', ') + ')';
  }
  return '{' + v.entries.map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
}

/** `str(v)`: a str is itself, everything else prints as its repr (true for every type modelled here). */
export function pyStr(v: PyValue): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

/** json's `py_encode_basestring` (ensure_ascii=False): only `"`, `\` and C0 controls are escaped. */
function jsonString(s: string): string {
  return (
    '"' +
    // eslint-disable-next-line no-control-regex -- json escapes exactly these C0 control characters
    s.replace(/["\\\x00-\x1f]/g, (c) => {
      switch (c) {
        case '"':
          return '\\"';
        case '\\':
          return '\\\\';
        case '\n':
          return '\\n';
        case '\r':
          return '\\r';
        case '\t':
          return '\\t';
        case '\b':
          return '\\b';
        case '\f':
          return '\\f';
        default:
          return '\\u' + hex(c.charCodeAt(0), 4);
      }
    }) +
    '"'
  );
}

function jsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pyFloatRepr(x);
}

/** `json.dumps(v, ensure_ascii=False)` with the default separators `, ` and `: `. Throws TypeError as PyLiteralError. */
export function pyJsonDumps(v: PyValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return jsonString(v);
  if (Array.isArray(v)) return '[' + v.map(pyJsonDumps).join(', ') + ']';
  if (v.kind === 'float') return jsonFloat(v.value);
  if (v.kind === 'tuple') return '[' + v.items.map(pyJsonDumps).join(', ') + ']';
  const parts = v.entries.map(([k, x]) => {
    let key: string;
    if (typeof k === 'string') key = k;
    else if (k === null) key = 'null';
    else if (typeof k === 'boolean') key = k ? 'true' : 'false';
    else if (typeof k === 'bigint') key = k.toString();
    else if (isPyFloat(k)) key = jsonFloat(k.value);
    else throw new PyLiteralError('value', `keys must be str, int, float, bool or None, not ${pyTypeName(k)}`);
    return jsonString(key) + ': ' + pyJsonDumps(x);
  });
  return '{' + parts.join(', ') + '}';
}
