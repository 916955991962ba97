// Arithmetic templates, part one: gcd and lcm, primes, digit functions, Fibonacci-like sequences modulo m.
// Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue, place } from '../emit';
import type { Field } from '../input';
import { YES_NO } from './strings';

export const NUM = ['n', 'num', 'value', 'x', 'number'];

export const gcdLcm: Kind = {
  name: 'gcd_lcm',
  multi: 0.7,
  build(g, ctx) {
    const [a, b] = [g.name(['a', 'p', 'first']), g.name(['b', 'q', 'second'])];
    const mode = g.int(0, 3);
    const imports: string[] = [];
    let defs: string[][] = [];
    let gcd: (x: string, y: string) => string;
    const v = g.int(0, 2);
    if (v === 0) {
      imports.push('import math');
      gcd = (x, y) => `math.gcd(${x}, ${y})`;
    } else {
      const fn = g.name(['gcd', 'euclid', 'common_divisor']);
      defs = [
        v === 1
          ? [`def ${fn}(x, y):`, '    while y:', '        x, y = y, x % y', '    return x']
          : [`def ${fn}(x, y):`, '    if y == 0:', '        return x', `    return ${fn}(y, x % y)`],
      ];
      gcd = (x, y) => `${fn}(${x}, ${y})`;
    }
    const gv = g.name(['d', 'g', 'common']);
    const lines = [`${gv} = ${gcd(a, b)}`];
    let e;
    let task: string;
    if (mode === 0) {
      e = emitValue(g, ctx, gv, 'the greatest common divisor of a and b');
      task = 'Compute the greatest common divisor of two positive integers a and b.';
    } else if (mode === 1) {
      e = emitValue(g, ctx, `${a} * ${b} // ${gv}`, 'the least common multiple of a and b');
      task = 'Compute the least common multiple of two positive integers a and b.';
    } else if (mode === 2) {
      e = {
        lines: [`print(${gv}, ${a} * ${b} // ${gv})`],
        out: 'print the gcd and the lcm of a and b separated by a space',
      };
      task =
        'Compute the greatest common divisor (gcd) and the least common multiple (lcm) of two positive integers a and b.';
    } else {
      e = {
        lines: [`print(str(${a} // ${gv}) + "/" + str(${b} // ${gv}))`],
        out: 'print the reduced fraction as "p/q" (for example 2/3)',
      };
      task =
        'Reduce the fraction a/b of two positive integers to lowest terms p/q (p and q have no common divisor greater than 1).';
    }
    const fields: Field[] = [{ t: 'tuple', vs: [a, b], syms: ['a', 'b'], lo: [1, 1], hi: [200, 200] }];
    return { fields, imports, defs, body: [...lines, ...e.lines], task, out: e.out };
  },
};

export const primes: Kind = {
  name: 'primes',
  multi: 0.5,
  build(g, ctx) {
    const n = g.name(NUM);
    const mode = g.int(0, 4);
    // Deciding one number needs the trial-division helper; the list modes may use a sieve instead.
    const sieve = mode < 4 && g.chance(0.4);
    const fn = g.name(['is_prime', 'prime', 'check_prime']);
    const ps = g.name(['primes', 'found', 'plist']);
    const x = g.name(['p', 'k', 'cand']);
    const defs: string[][] = [];
    let body: string[];
    const rule = 'A prime is an integer greater than 1 whose only positive divisors are 1 and itself.';
    if (sieve) {
      const mark = g.name(['mark', 'is_p', 'flags']);
      body = [
        `${mark} = [True] * (${n} + 1)`,
        `${mark}[0] = False`,
        `if ${n} >= 1:`,
        `    ${mark}[1] = False`,
        'i = 2',
        `while i * i <= ${n}:`,
        `    if ${mark}[i]:`,
        `        for j in range(i * i, ${n} + 1, i):`,
        `            ${mark}[j] = False`,
        '    i += 1',
        `${ps} = [${x} for ${x} in range(2, ${n} + 1) if ${mark}[${x}]]`,
      ];
    } else {
      const d = g.name(['d', 'div', 'f']);
      defs.push(
        g.chance(0.5)
          ? [
              `def ${fn}(m):`,
              '    if m < 2:',
              '        return False',
              `    ${d} = 2`,
              `    while ${d} * ${d} <= m:`,
              `        if m % ${d} == 0:`,
              '            return False',
              `        ${d} += 1`,
              '    return True',
            ]
          : [`def ${fn}(m):`, `    return m >= 2 and all(m % ${d} for ${d} in range(2, int(m ** 0.5) + 1))`],
      );
      body = [`${ps} = [${x} for ${x} in range(2, ${n} + 1) if ${fn}(${x})]`];
    }
    if (mode === 4) {
      const [yes, no] = g.pick(YES_NO);
      const e = emitValue(
        g,
        ctx,
        `"${yes}" if ${fn}(${n}) else "${no}"`,
        `"${yes}" if n is prime and "${no}" otherwise`,
      );
      return {
        fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: 10000 }],
        defs,
        body: e.lines,
        task: `${rule} Decide whether n is prime.`,
        out: e.out,
      };
    }
    const p = place(g, { fn: ['primes_upto', 'sieve', 'collect_primes'], params: [n], body, result: ps }, ps);
    const v = p.value;
    const e =
      mode === 0
        ? emitValue(g, ctx, `len(${v})`, 'the number of primes not exceeding n')
        : mode === 1
          ? emitValue(g, ctx, `sum(${v})`, 'the sum of the primes not exceeding n (0 if there are none)')
          : mode === 2
            ? emitValue(g, ctx, `${v}[-1] if ${v} else -1`, 'the largest prime not exceeding n, or -1 if there is none')
            : {
                lines: [`if ${v}:`, `    print(*${v})`, 'else:', '    print("none")'],
                out:
                  'print the primes not exceeding n in increasing order on one line, separated by single spaces, ' +
                  'or print the word none if there are no such primes',
              };
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: mode === 3 ? 40 : 120 }],
      defs: [...defs, ...p.defs],
      body: [...p.lines, ...e.lines],
      task: `${rule} Consider the primes p with 2 <= p <= n.`,
      out: e.out,
    };
  },
};

export const digits: Kind = {
  name: 'digits',
  multi: 0.6,
  build(g, ctx) {
    const n = g.name(NUM);
    const mode = g.int(0, 4);
    const useStr = g.chance(0.5);
    const [acc, d, m] = [
      g.name(['total', 'acc', 'res', 'out']),
      g.name(['d', 'digit', 'ch']),
      g.name(['m', 'rest', 'left']),
    ];
    const loop = (init: string, step: string[]) => [
      `${acc} = ${init}`,
      `${m} = ${n}`,
      `while ${m} > 0:`,
      `    ${d} = ${m} % 10`,
      ...step.map((l) => '    ' + l),
      `    ${m} //= 10`,
    ];
    const forStr = (init: string, step: string[]) => [
      `${acc} = ${init}`,
      `for ${d} in str(${n}):`,
      `    ${d} = int(${d})`,
      ...step.map((l) => '    ' + l),
    ];
    const make = useStr ? forStr : loop;
    let body: string[];
    let what: string;
    if (mode === 0) {
      body =
        useStr && g.chance(0.5) ? [`${acc} = sum(int(${d}) for ${d} in str(${n}))`] : make('0', [`${acc} += ${d}`]);
      what = 'the sum of the decimal digits of n';
    } else if (mode === 1) {
      body = make('1', [`${acc} *= ${d}`]);
      if (!useStr) body.push(`if ${n} == 0:`, `    ${acc} = 0`);
      what = 'the product of the decimal digits of n';
    } else if (mode === 2) {
      body = make('0', [`if ${d} % 2 == 0:`, `    ${acc} += 1`]);
      if (!useStr) body.push(`if ${n} == 0:`, `    ${acc} = 1`);
      what = 'the number of even decimal digits of n (0 counts as even)';
    } else if (mode === 3) {
      body = useStr
        ? [`${acc} = ${n}`, `while ${acc} >= 10:`, `    ${acc} = sum(int(${d}) for ${d} in str(${acc}))`]
        : [
            `${acc} = ${n}`,
            `while ${acc} >= 10:`,
            `    ${m} = 0`,
            `    while ${acc} > 0:`,
            `        ${m} += ${acc} % 10`,
            `        ${acc} //= 10`,
            `    ${acc} = ${m}`,
          ];
      what =
        'the digital root of n: replace n by the sum of its decimal digits until a single digit remains, then take that digit';
    } else {
      body = useStr
        ? [`${acc} = int(str(${n})[::-1])`]
        : [`${acc} = 0`, `${m} = ${n}`, `while ${m} > 0:`, `    ${acc} = ${acc} * 10 + ${m} % 10`, `    ${m} //= 10`];
      what =
        'the number formed by the decimal digits of n in reverse order, without leading zeros (for example 120 gives 21)';
    }
    const p = place(g, { fn: ['digit_fn', 'crunch', 'process'], params: [n], body, result: acc });
    const e = emitValue(g, ctx, p.value, 'the result');
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 0, hi: g.pick([999, 99999, 1000000]) }],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Given a non-negative integer n, compute ${what}.`,
      out: e.out,
    };
  },
};

export const fibMod: Kind = {
  name: 'fib_mod',
  multi: 0.5,
  build(g, ctx) {
    const n = g.name(NUM);
    const m = g.pick([7, 10, 97, 100, 1000, 1009]);
    const [f0, f1] = g.chance(0.6) ? [0, 1] : [g.int(0, 5), g.int(1, 5)];
    const list = g.chance(0.3);
    const [a, b, seq] = [g.name(['a', 'prev', 'lo']), g.name(['b', 'cur', 'hi']), g.name(['seq', 'terms', 'fibs'])];
    const def = `f(0) = ${f0}, f(1) = ${f1} and f(i) = f(i - 1) + f(i - 2) for i >= 2`;
    if (list) {
      const body = [
        `${seq} = [${f0}, ${f1}]`,
        `while len(${seq}) < ${n}:`,
        `    ${seq}.append((${seq}[-1] + ${seq}[-2]) % ${m})`,
        `${seq} = ${seq}[:${n}]`,
      ];
      const p = place(g, { fn: ['first_terms', 'sequence', 'fib_list'], params: [n], body, result: seq });
      const e = emitList(g, ctx, p.value, `f(0) mod ${m}, ..., f(n - 1) mod ${m}`);
      return {
        fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: 12 }],
        defs: p.defs,
        body: [...p.lines, ...e.lines],
        task: `A sequence is defined by ${def}. Compute its first n terms, each taken modulo ${m}.`,
        out: e.out,
      };
    }
    const v = g.int(0, 2);
    const body =
      v === 0
        ? [`${a}, ${b} = ${f0}, ${f1}`, `for _ in range(${n}):`, `    ${a}, ${b} = ${b}, (${a} + ${b}) % ${m}`]
        : v === 1
          ? [
              `${seq} = [${f0}, ${f1}]`,
              `for i in range(2, ${n} + 1):`,
              `    ${seq}.append((${seq}[i - 1] + ${seq}[i - 2]) % ${m})`,
              `${a} = ${seq}[${n}]`,
            ]
          : [
              `${a} = ${f0}`,
              `${b} = ${f1}`,
              `for _ in range(${n}):`,
              `    nxt = (${a} + ${b}) % ${m}`,
              `    ${a} = ${b}`,
              `    ${b} = nxt`,
            ];
    const p = place(g, { fn: ['fib_mod', 'term', 'nth_term'], params: [n], body, result: a });
    const e = emitValue(g, ctx, p.value, `f(n) mod ${m}`);
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 0, hi: 80 }],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `A sequence is defined by ${def}. Compute f(n) modulo ${m}.`,
      out: e.out,
    };
  },
};
