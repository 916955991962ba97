// Input formats of generated programs: one declaration per stdin field gives the Python that reads it (in one of
// three reading styles), the sentence of the statement that describes it, and random valid values. Both realms: pure.

import type { Gen } from './gen';

/** Values drawn so far for one test case, by Python variable name (later fields may depend on earlier ones). */
export type Vals = Record<string, unknown>;

/** An inclusive limit: a constant, or one computed from earlier values together with the text the statement shows. */
export type Bound = number | { at: (vals: Vals) => number; text: string };

/** A single integer on its own line. */
export interface IntField {
  t: 'int';
  v: string;
  sym: string;
  lo: Bound;
  hi: Bound;
  /** What the number means, appended to the statement after a comma. */
  what?: string;
}

/**
 * Integers `sym_1 … sym_k`: on one line ('row') or one per line ('col'). `len` is the variable of an earlier int
 * field, a fixed count, or, for a row only, a [min, max] range when the program reads the whole line without a count.
 */
export interface IntsField {
  t: 'ints';
  v: string;
  sym: string;
  len: string | number | [number, number];
  lo: number;
  hi: number;
  layout: 'row' | 'col';
  /** Custom values (e.g. with planted duplicates); the default is uniform in [lo, hi]. */
  gen?: (g: Gen, n: number, vals: Vals) => number[];
}

/** A few integers on one line, each bound to its own variable (`a, b = map(int, input().split())`). */
export interface TupleField {
  t: 'tuple';
  vs: string[];
  syms: string[];
  lo: Bound[];
  hi: Bound[];
}

/** A grid: `rows` lines of `cols` integers each. */
export interface RowsField {
  t: 'rows';
  v: string;
  sym: string;
  rows: string | number;
  cols: string | number;
  lo: number;
  hi: number;
  /** Replaces the generic description of each line ("each contain …"). */
  what?: string;
}

/** One line of text; `token` marks text without spaces, which the token reading style can read. */
export interface LineField {
  t: 'line';
  v: string;
  sym: string;
  what: string;
  token?: boolean;
  gen: (g: Gen, vals: Vals) => string;
}

/** `len` lines of text, read into a list. */
export interface LinesField {
  t: 'lines';
  v: string;
  sym: string;
  len: string | number;
  what: string;
  token?: boolean;
  gen: (g: Gen, n: number, vals: Vals) => string[];
}

export type Field = IntField | IntsField | TupleField | RowsField | LineField | LinesField;

/** 'input': plain input(); 'readline': `input = sys.stdin.readline`; 'tokens': one iterator over all of stdin. */
export type ReadStyle = 'input' | 'readline' | 'tokens';

const at = (b: Bound, vals: Vals): number => (typeof b === 'number' ? b : b.at(vals));
const text = (b: Bound): string => (typeof b === 'number' ? String(b) : b.text);

/** Token reading splits on whitespace, so it only fits fields whose items never contain spaces. */
export function canTokenize(fields: readonly Field[]): boolean {
  return fields.every((f) =>
    f.t === 'ints' ? !Array.isArray(f.len) : f.t === 'line' || f.t === 'lines' ? f.token === true : true,
  );
}

/** Python statements that read one test case's fields, in the given style; `tok` names the token iterator. */
export function readCode(g: Gen, fields: readonly Field[], style: ReadStyle, tok: string): string[] {
  const out: string[] = [];
  // readline keeps the newline, which text fields must drop and int() ignores.
  const line = style === 'readline' ? 'input().rstrip("\\n")' : 'input()';
  const count = (len: string | number) => String(len);
  for (const f of fields) {
    if (style === 'tokens') {
      const one = `next(${tok})`;
      if (f.t === 'int') out.push(`${f.v} = int(${one})`);
      else if (f.t === 'ints') out.push(`${f.v} = [int(${one}) for _ in range(${count(f.len as string | number)})]`);
      else if (f.t === 'tuple') out.push(`${f.vs.join(', ')} = ${f.vs.map(() => `int(${one})`).join(', ')}`);
      else if (f.t === 'rows')
        out.push(`${f.v} = [[int(${one}) for _ in range(${count(f.cols)})] for _ in range(${count(f.rows)})]`);
      else if (f.t === 'line') out.push(`${f.v} = ${one}`);
      else out.push(`${f.v} = [${one} for _ in range(${count(f.len)})]`);
      continue;
    }
    if (f.t === 'int') out.push(`${f.v} = int(input())`);
    else if (f.t === 'ints' && f.layout === 'row')
      out.push(
        g.chance(0.5) ? `${f.v} = list(map(int, input().split()))` : `${f.v} = [int(x) for x in input().split()]`,
      );
    else if (f.t === 'ints') {
      if (g.chance(0.5)) out.push(`${f.v} = [int(input()) for _ in range(${count(f.len as string | number)})]`);
      else
        out.push(
          `${f.v} = []`,
          `for _ in range(${count(f.len as string | number)}):`,
          `    ${f.v}.append(int(input()))`,
        );
    } else if (f.t === 'tuple')
      out.push(
        g.chance(0.5)
          ? `${f.vs.join(', ')} = map(int, input().split())`
          : `${f.vs.join(', ')} = [int(x) for x in input().split()]`,
      );
    else if (f.t === 'rows') out.push(`${f.v} = [list(map(int, input().split())) for _ in range(${count(f.rows)})]`);
    else if (f.t === 'line') out.push(`${f.v} = ${f.token && g.chance(0.5) ? 'input().strip()' : line}`);
    else out.push(`${f.v} = [${line} for _ in range(${count(f.len)})]`);
  }
  return out;
}

/** Module-level setup the reading style needs (after the imports). */
export function setupCode(style: ReadStyle, tok: string): { imports: string[]; lines: string[] } {
  if (style === 'readline') return { imports: ['import sys'], lines: ['input = sys.stdin.readline'] };
  if (style === 'tokens') return { imports: ['import sys'], lines: [`${tok} = iter(sys.stdin.read().split())`] };
  return { imports: [], lines: [] };
}

const ORD = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];

/** The "Input" section of the statement. `multi` adds the test-case count line in front. */
export function describeInput(fields: readonly Field[], multi: { sym: string; hi: number } | null): string {
  // A count is a number, or the variable of an earlier int field or of one member of a tuple field.
  const symOf = (len: string | number): string => {
    if (typeof len === 'number') return String(len);
    for (const f of fields) {
      if (f.t === 'int' && f.v === len) return f.sym;
      if (f.t === 'tuple' && f.vs.includes(len)) return f.syms[f.vs.indexOf(len)];
    }
    throw new Error(`progen: no field defines the count ${len}`);
  };
  const scope = multi ? ' of each test case' : '';
  const out: string[] = [];
  if (multi)
    out.push(
      `The first line contains an integer ${multi.sym} (1 <= ${multi.sym} <= ${multi.hi}), the number of test ` +
        `cases. The test cases follow one after another.`,
    );
  let pos: number | null = 0;
  const single = (s: string) => {
    out.push(`${pos === null ? 'The next line' : `The ${ORD[pos]} line${scope}`} contains ${s}.`);
    if (pos !== null) pos++;
  };
  const many = (n: string, s: string) => {
    out.push(`${pos === 0 ? `The first ${n} lines${scope}` : `The next ${n} lines`} ${s}.`);
    pos = null;
  };
  for (const f of fields) {
    if (f.t === 'int')
      single(`an integer ${f.sym} (${text(f.lo)} <= ${f.sym} <= ${text(f.hi)})${f.what ? `, ${f.what}` : ''}`);
    else if (f.t === 'ints' && Array.isArray(f.len))
      single(
        `n integers ${f.sym}_1, ..., ${f.sym}_n separated by single spaces ` +
          `(${f.len[0]} <= n <= ${f.len[1]}, ${f.lo} <= ${f.sym}_i <= ${f.hi}); n itself is not given`,
      );
    else if (f.t === 'ints' && f.layout === 'row') {
      const n = symOf(f.len as string | number);
      single(
        `${n} integers ${f.sym}_1, ..., ${f.sym}_${n} separated by single spaces (${f.lo} <= ${f.sym}_i <= ${f.hi})`,
      );
    } else if (f.t === 'ints') {
      const n = symOf(f.len as string | number);
      many(n, `contain the integers ${f.sym}_1, ..., ${f.sym}_${n}, one per line (${f.lo} <= ${f.sym}_i <= ${f.hi})`);
    } else if (f.t === 'tuple')
      single(
        `${f.vs.length === 2 ? 'two' : f.vs.length === 3 ? 'three' : f.vs.length} integers ${f.syms.join(', ')} ` +
          `separated by a space (${f.syms.map((s, i) => `${text(f.lo[i])} <= ${s} <= ${text(f.hi[i])}`).join(', ')})`,
      );
    else if (f.t === 'rows')
      many(
        symOf(f.rows),
        f.what ??
          `each contain ${symOf(f.cols)} integers separated by single spaces: the rows of the grid ${f.sym}, ` +
            `top to bottom (${f.lo} <= each value <= ${f.hi})`,
      );
    else if (f.t === 'line') single(f.what);
    else many(symOf(f.len), `each contain ${f.what}`);
  }
  return out.join(' ');
}

/** Random values for one test case, serialised as stdin text (each line ends with "\n"). */
export function drawCase(g: Gen, fields: readonly Field[]): string {
  const vals: Vals = {};
  const lines: string[] = [];
  const count = (len: string | number) => (typeof len === 'number' ? len : (vals[len] as number));
  for (const f of fields) {
    if (f.t === 'int') {
      const x = g.int(at(f.lo, vals), at(f.hi, vals));
      vals[f.v] = x;
      lines.push(String(x));
    } else if (f.t === 'ints') {
      const n = Array.isArray(f.len) ? g.int(f.len[0], f.len[1]) : count(f.len);
      const xs = f.gen ? f.gen(g, n, vals) : g.ints(n, f.lo, f.hi);
      vals[f.v] = xs;
      if (f.layout === 'row') lines.push(xs.join(' '));
      else lines.push(...xs.map(String));
    } else if (f.t === 'tuple') {
      const xs: number[] = [];
      f.vs.forEach((v, i) => {
        xs.push(g.int(at(f.lo[i], vals), at(f.hi[i], vals)));
        vals[v] = xs[i];
      });
      lines.push(xs.join(' '));
    } else if (f.t === 'rows') {
      const grid = Array.from({ length: count(f.rows) }, () => g.ints(count(f.cols), f.lo, f.hi));
      vals[f.v] = grid;
      lines.push(...grid.map((r) => r.join(' ')));
    } else if (f.t === 'line') {
      const s = f.gen(g, vals);
      vals[f.v] = s;
      lines.push(s);
    } else {
      const ss = f.gen(g, count(f.len), vals);
      vals[f.v] = ss;
      lines.push(...ss);
    }
  }
  return lines.map((l) => l + '\n').join('');
}
