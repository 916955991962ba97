// Arithmetic templates, part two: base conversion, prime factorisation, divisor counts and sums. Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue, place } from '../emit';
import type { Field } from '../input';
import { NUM } from './arith';

export const baseConvert: Kind = {
  name: 'base_convert',
  multi: 0.5,
  build(g, ctx) {
    const n = g.name(NUM);
    const fromInput = g.chance(0.4);
    const base = fromInput ? g.name(['b', 'base', 'radix']) : String(g.int(2, 9));
    const toDecimal = !fromInput && g.chance(0.3);
    const [out, d] = [g.name(['out', 'res', 'digits_str']), g.name(['d', 'r', 'rem'])];
    if (toDecimal) {
      const s = g.name(['s', 'text', 'word']);
      const body = g.chance(0.5)
        ? [`${out} = int(${s}, ${base})`]
        : [`${out} = 0`, `for ch in ${s}:`, `    ${out} = ${out} * ${base} + int(ch)`];
      const p = place(g, { fn: ['to_decimal', 'parse_base', 'decode'], params: [s], body, result: out });
      const e = emitValue(g, ctx, p.value, 'the value in decimal');
      const b = Number(base);
      return {
        fields: [
          {
            t: 'line',
            v: s,
            sym: 's',
            token: true,
            what: `a number s written in base ${b}: 1 to 6 digits, each between 0 and ${b - 1}, with no leading zero unless s is 0`,
            gen: (g) => String(g.int(1, b - 1)) + Array.from({ length: g.int(0, 5) }, () => g.int(0, b - 1)).join(''),
          },
        ],
        defs: p.defs,
        body: [...p.lines, ...e.lines],
        task: `Convert a number from base ${b} to base 10.`,
        out: e.out,
      };
    }
    const v = g.int(0, 1);
    const defs: string[][] = [];
    let body: string[];
    if (v === 0) {
      const m = g.name(['m', 'rest', 'left']);
      body = [
        `if ${n} == 0:`,
        `    ${out} = "0"`,
        'else:',
        `    ${out} = ""`,
        `    ${m} = ${n}`,
        `    while ${m} > 0:`,
        `        ${m}, ${d} = divmod(${m}, ${base})`,
        `        ${out} = str(${d}) + ${out}`,
      ];
    } else {
      const fn = g.name(['to_base', 'convert', 'encode']);
      defs.push([
        `def ${fn}(m, k):`,
        '    if m < k:',
        '        return str(m)',
        `    return ${fn}(m // k, k) + str(m % k)`,
      ]);
      body = [`${out} = ${fn}(${n}, ${base})`];
    }
    const e = emitValue(g, ctx, out, `n written in base ${fromInput ? 'b' : base}`);
    const fields: Field[] = fromInput
      ? [{ t: 'tuple', vs: [n, base], syms: ['n', 'b'], lo: [0, 2], hi: [500, 9] }]
      : [{ t: 'int', v: n, sym: 'n', lo: 0, hi: 1000 }];
    return {
      fields,
      defs,
      body: [...body, ...e.lines],
      task: `Write a non-negative integer n in base ${fromInput ? 'b' : base}${fromInput ? ' (2 <= b <= 9)' : ''}, most significant digit first, without leading zeros (0 is written as 0).`,
      out: e.out,
    };
  },
};

export const factorize: Kind = {
  name: 'factorize',
  multi: 0.6,
  build(g, ctx) {
    const n = g.name(NUM);
    const mode = g.int(0, 3);
    const [fs, d, m] = [g.name(['factors', 'fs', 'parts']), g.name(['d', 'p', 'div']), g.name(['m', 'rest', 'left'])];
    const factorLoop = [
      `${fs} = []`,
      `${m} = ${n}`,
      `${d} = 2`,
      `while ${d} * ${d} <= ${m}:`,
      `    while ${m} % ${d} == 0:`,
      `        ${fs}.append(${d})`,
      `        ${m} //= ${d}`,
      `    ${d} += 1`,
      `if ${m} > 1:`,
      `    ${fs}.append(${m})`,
    ];
    if (mode <= 1) {
      const p = place(
        g,
        { fn: ['factorize', 'prime_factors', 'decompose'], params: [n], body: factorLoop, result: fs },
        fs,
      );
      let e;
      if (mode === 0)
        e = emitList(
          g,
          ctx,
          p.value,
          'the prime factors of n in non-decreasing order, each repeated as often as it divides n (for example, 12 gives 2 2 3)',
        );
      else {
        const [pw, q, c] = [g.name(['terms', 'pieces']), g.name(['q', 'f']), g.name(['c', 'e', 'times'])];
        e = {
          lines: [
            `${pw} = []`,
            `for ${q} in sorted(set(${p.value})):`,
            `    ${c} = ${p.value}.count(${q})`,
            `    ${pw}.append(str(${q}) if ${c} == 1 else str(${q}) + "^" + str(${c}))`,
            `print(" * ".join(${pw}))`,
          ],
          out: 'print the prime factorisation of n as primes in increasing order joined by " * ", writing a prime p that divides n exactly e > 1 times as p^e (for example, 360 gives 2^3 * 3^2 * 5)',
        };
      }
      return {
        fields: [{ t: 'int', v: n, sym: 'n', lo: 2, hi: 1000 }],
        defs: p.defs,
        body: [...p.lines, ...e.lines],
        task: 'Factorise an integer n >= 2 into primes.',
        out: e.out,
      };
    }
    const acc = g.name(['total', 'count', 'res']);
    const body = g.chance(0.5)
      ? [
          mode === 2
            ? `${acc} = sum(1 for ${d} in range(1, ${n} + 1) if ${n} % ${d} == 0)`
            : `${acc} = sum(${d} for ${d} in range(1, ${n} + 1) if ${n} % ${d} == 0)`,
        ]
      : [
          `${acc} = 0`,
          `for ${d} in range(1, ${n} + 1):`,
          `    if ${n} % ${d} == 0:`,
          mode === 2 ? `        ${acc} += 1` : `        ${acc} += ${d}`,
        ];
    const p = place(g, { fn: ['divisors', 'tau_sigma', 'div_stat'], params: [n], body, result: acc });
    const what =
      mode === 2 ? 'the number of positive divisors of n' : 'the sum of the positive divisors of n (including 1 and n)';
    const e = emitValue(g, ctx, p.value, what);
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: 1000 }],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Given a positive integer n, compute ${what}.`,
      out: e.out,
    };
  },
};
