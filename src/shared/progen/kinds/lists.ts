// List templates, part one: aggregate statistics, prefix and suffix sums, running extremes, maximum subarrays.
// Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue, place } from '../emit';
import type { Gen } from '../gen';
import type { Field } from '../input';

export const LIST = ['a', 'nums', 'arr', 'values', 'xs', 'data_list', 'numbers', 'seq', 'vals', 'items'];
export const ELEM = ['x', 'v', 'val', 'num', 'e', 'item'];

/** How a list of integers is given: a count then a row, a count then one per line, or a bare row. */
export interface ListIn {
  fields: Field[];
  arr: string;
  /** Python expression for the list's length. */
  n: string;
}

export function listInput(
  g: Gen,
  o: { lo: number; hi: number; nlo: number; nhi: number; gen?: (g: Gen, n: number) => number[] },
): ListIn {
  const arr = g.name(LIST);
  const layout = g.int(0, 3);
  if (layout === 0)
    return {
      fields: [{ t: 'ints', v: arr, sym: 'a', len: [o.nlo, o.nhi], lo: o.lo, hi: o.hi, layout: 'row', gen: o.gen }],
      arr,
      n: `len(${arr})`,
    };
  const n = g.name(['n', 'count', 'size', 'm']);
  return {
    fields: [
      { t: 'int', v: n, sym: 'n', lo: o.nlo, hi: o.nhi, what: 'the number of elements' },
      { t: 'ints', v: arr, sym: 'a', len: n, lo: o.lo, hi: o.hi, layout: layout === 3 ? 'col' : 'row', gen: o.gen },
    ],
    arr,
    n,
  };
}

interface Stat {
  desc: string;
  label: string;
  names: string[];
  /** Builtin form; absent when only the loop form exists. */
  expr?: (a: string, x: string) => string;
  init: (a: string) => string;
  step: (acc: string, x: string) => string[];
}

function stats(g: Gen): Stat[] {
  const k = g.int(3, 7);
  const m = g.pick([7, 10, 97, 1000]);
  const count = (cond: (x: string) => string) => ({
    expr: (a: string, x: string) => `sum(1 for ${x} in ${a} if ${cond(x)})`,
    init: () => '0',
    step: (acc: string, x: string) => [`if ${cond(x)}:`, `    ${acc} += 1`],
  });
  return [
    {
      desc: 'the sum of the elements',
      label: 'sum',
      names: ['total', 'acc'],
      expr: (a) => `sum(${a})`,
      init: () => '0',
      step: (acc, x) => [`${acc} += ${x}`],
    },
    {
      desc: 'the smallest element',
      label: 'min',
      names: ['lo', 'smallest', 'low'],
      expr: (a) => `min(${a})`,
      init: (a) => `${a}[0]`,
      step: (acc, x) => [`if ${x} < ${acc}:`, `    ${acc} = ${x}`],
    },
    {
      desc: 'the largest element',
      label: 'max',
      names: ['hi', 'largest', 'high'],
      expr: (a) => `max(${a})`,
      init: (a) => `${a}[0]`,
      step: (acc, x) => [`if ${x} > ${acc}:`, `    ${acc} = ${x}`],
    },
    {
      desc: 'the number of even elements',
      label: 'even',
      names: ['evens', 'n_even'],
      ...count((x) => `${x} % 2 == 0`),
    },
    { desc: 'the number of odd elements', label: 'odd', names: ['odds', 'n_odd'], ...count((x) => `${x} % 2 != 0`) },
    {
      desc: `the number of elements divisible by ${k}`,
      label: `div${k}`,
      names: ['multiples', 'divisible'],
      ...count((x) => `${x} % ${k} == 0`),
    },
    {
      desc: 'the number of negative elements',
      label: 'neg',
      names: ['negatives', 'below_zero'],
      ...count((x) => `${x} < 0`),
    },
    {
      desc: 'the sum of the squares of the elements',
      label: 'squares',
      names: ['sq_sum', 'squares'],
      expr: (a, x) => `sum(${x} * ${x} for ${x} in ${a})`,
      init: () => '0',
      step: (acc, x) => [`${acc} += ${x} * ${x}`],
    },
    {
      desc: 'the sum of the positive elements',
      label: 'pos',
      names: ['pos_sum', 'gains'],
      expr: (a, x) => `sum(${x} for ${x} in ${a} if ${x} > 0)`,
      init: () => '0',
      step: (acc, x) => [`if ${x} > 0:`, `    ${acc} += ${x}`],
    },
    {
      desc: `the product of the elements modulo ${m} (a remainder between 0 and ${m - 1})`,
      label: 'prod',
      names: ['prod', 'product'],
      init: () => '1',
      step: (acc, x) => [`${acc} = ${acc} * ${x} % ${m}`],
    },
  ];
}

export const listStats: Kind = {
  name: 'list_stats',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: -20, hi: 50, nlo: 1, nhi: 8 });
    const picked = g.sample(stats(g), g.int(1, 3));
    const x = g.name(ELEM);
    const vars = picked.map((s) => g.name(s.names));
    // The product has no builtin form, so it forces the single-loop style.
    const loop = picked.some((s) => !s.expr) || g.chance(0.5);
    const a = li.arr;
    const body = loop
      ? [
          ...picked.map((s, i) => `${vars[i]} = ${s.init(a)}`),
          `for ${x} in ${a}:`,
          ...picked.flatMap((s, i) => s.step(vars[i], x).map((l) => '    ' + l)),
        ]
      : picked.map((s, i) => `${vars[i]} = ${s.expr?.(a, x)}`);
    const descs = picked.map((s) => s.desc);
    const all = descs.length === 1 ? descs[0] : `${descs.slice(0, -1).join(', ')} and ${descs[descs.length - 1]}`;
    let out: string;
    let lines: string[];
    const fmt = picked.length === 1 ? -1 : g.int(0, 3);
    if (fmt === -1) {
      const e = emitValue(g, ctx, vars[0], descs[0]);
      [out, lines] = [e.out, e.lines];
    } else if (fmt <= 1) {
      lines = [`print(${vars.join(', ')})`];
      out = `print ${all}, in this order, on one line separated by single spaces`;
    } else if (fmt === 2) {
      lines = vars.map((v) => `print(${v})`);
      out = `print ${all}, in this order, each on its own line`;
    } else {
      lines = picked.map((s, i) => `print("${s.label} =", ${vars[i]})`);
      out = `print ${picked.length} lines: ${picked.map((s) => `"${s.label} = X" where X is ${s.desc}`).join(', ')}`;
    }
    return {
      fields: li.fields,
      body: [...body, ...lines],
      task: `You are given a list of integers a. Compute ${all}.`,
      out,
    };
  },
};

export const prefixSums: Kind = {
  name: 'prefix_sums',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: -10, hi: 30, nlo: 1, nhi: 8 });
    const [a, n] = [li.arr, li.n];
    const mode = g.int(0, 2);
    const m = g.pick([5, 7, 10, 13]);
    const [acc, out, x] = [g.name(['acc', 'running', 'cur']), g.name(['prefix', 'sums', 'out', 'res']), g.name(ELEM)];
    const v = g.int(0, 2);
    const imports: string[] = [];
    let body: string[];
    if (mode === 2) {
      body =
        v === 0
          ? [`${out} = [sum(${a}[i:]) for i in range(${n})]`]
          : [
              `${acc} = 0`,
              `${out} = []`,
              `for ${x} in reversed(${a}):`,
              `    ${acc} += ${x}`,
              `    ${out}.append(${acc})`,
              `${out}.reverse()`,
            ];
    } else if (v === 0) {
      const step = mode === 1 ? `${acc} = (${acc} + ${x}) % ${m}` : `${acc} += ${x}`;
      body = [`${acc} = 0`, `${out} = []`, `for ${x} in ${a}:`, `    ${step}`, `    ${out}.append(${acc})`];
    } else if (v === 1) {
      imports.push('from itertools import accumulate');
      body = [mode === 1 ? `${out} = [${x} % ${m} for ${x} in accumulate(${a})]` : `${out} = list(accumulate(${a}))`];
    } else {
      body = [`${out} = [sum(${a}[:i + 1])${mode === 1 ? ` % ${m}` : ''} for i in range(${n})]`];
    }
    const p = place(
      g,
      { fn: ['prefix_sums', 'running_totals', 'scan'], params: n.startsWith('len(') ? [a] : [a, n], body, result: out },
      out,
    );
    const what = [
      'the prefix sums p_1, ..., p_n',
      `the prefix sums modulo ${m}, r_1, ..., r_n`,
      'the suffix sums q_1, ..., q_n',
    ][mode];
    const e = emitList(g, ctx, p.value, what, x);
    const def = [
      'where p_i = a_1 + a_2 + ... + a_i',
      `where r_i = (a_1 + ... + a_i) mod ${m}, taken as a remainder between 0 and ${m - 1}`,
      'where q_i = a_i + a_(i+1) + ... + a_n',
    ][mode];
    return {
      fields: li.fields,
      imports,
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `You are given a list of n integers a_1, ..., a_n. Compute ${what}, ${def}.`,
      out: e.out,
    };
  },
};

export const runningExtreme: Kind = {
  name: 'running_extreme',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: -30, hi: 30, nlo: 1, nhi: 9 });
    const a = li.arr;
    const useMax = g.chance(0.5);
    const [op, cmp, word] = useMax ? ['max', '>', 'maximum'] : ['min', '<', 'minimum'];
    const records = g.chance(0.3);
    const [cur, out, x] = [g.name(['cur', 'best', 'edge']), g.name(['out', 'res', 'marks']), g.name(ELEM)];
    if (records) {
      const cnt = g.name(['records', 'count', 'hits']);
      const e = emitValue(g, ctx, cnt, 'the number of records');
      return {
        fields: li.fields,
        body: [
          `${cnt} = 0`,
          `${cur} = None`,
          `for ${x} in ${a}:`,
          `    if ${cur} is None or ${x} ${cmp} ${cur}:`,
          `        ${cnt} += 1`,
          `        ${cur} = ${x}`,
          ...e.lines,
        ],
        task:
          `You are given a list of integers a. An element is a record if it is strictly ${useMax ? 'greater' : 'smaller'} ` +
          `than every element before it (the first element is always a record). Count the records.`,
        out: e.out,
      };
    }
    const v = g.int(0, 2);
    const imports = v === 1 ? ['from itertools import accumulate'] : [];
    const body =
      v === 0
        ? [
            `${out} = []`,
            `${cur} = ${a}[0]`,
            `for ${x} in ${a}:`,
            `    ${cur} = ${op}(${cur}, ${x})`,
            `    ${out}.append(${cur})`,
          ]
        : v === 1
          ? [`${out} = list(accumulate(${a}, ${op}))`]
          : [`${out} = [${op}(${a}[:i + 1]) for i in range(len(${a}))]`];
    const p = place(g, { fn: [`running_${op}`, `prefix_${op}`, 'sweep'], params: [a], body, result: out }, out);
    const e = emitList(g, ctx, p.value, `the running ${word}s m_1, ..., m_n`, x);
    return {
      fields: li.fields,
      imports,
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `You are given a list of n integers a_1, ..., a_n. For every i, let m_i be the ${word} of a_1, ..., a_i.`,
      out: e.out,
    };
  },
};

export const maxSubarray: Kind = {
  name: 'max_subarray',
  multi: 0.3,
  build(g, ctx) {
    const window = g.chance(0.35);
    const useMax = window || g.chance(0.7);
    const [op, cmp, word] = useMax ? ['max', '>', 'largest'] : ['min', '<', 'smallest'];
    const [best, cur, x] = [g.name(['best', 'answer', 'top']), g.name(['cur', 'running', 'here']), g.name(ELEM)];
    if (window) {
      const [n, k, a] = [g.name(['n', 'size']), g.name(['k', 'width', 'span']), g.name(['a', 'nums', 'arr', 'vals'])];
      const fields: Field[] = [
        {
          t: 'tuple',
          vs: [n, k],
          syms: ['n', 'k'],
          lo: [1, 1],
          hi: [8, { at: (vals) => vals[n] as number, text: 'n' }],
        },
        { t: 'ints', v: a, sym: 'a', len: n, lo: -20, hi: 20, layout: 'row' },
      ];
      const body = g.chance(0.5)
        ? [`${best} = max(sum(${a}[i:i + ${k}]) for i in range(${n} - ${k} + 1))`]
        : [
            `${cur} = sum(${a}[:${k}])`,
            `${best} = ${cur}`,
            `for i in range(${k}, ${n}):`,
            `    ${cur} += ${a}[i] - ${a}[i - ${k}]`,
            `    ${best} = max(${best}, ${cur})`,
          ];
      const p = place(g, { fn: ['best_window', 'window_sum', 'slide'], params: [a, n, k], body, result: best });
      const e = emitValue(g, ctx, p.value, 'that largest sum');
      return {
        fields,
        defs: p.defs,
        body: [...p.lines, ...e.lines],
        task: 'You are given n integers a_1, ..., a_n and a window length k. Find the largest sum of k consecutive elements.',
        out: e.out,
      };
    }
    const li = listInput(g, { lo: -20, hi: 20, nlo: 1, nhi: 8 });
    const a = li.arr;
    const body = g.chance(0.5)
      ? [
          `${best} = ${cur} = ${a}[0]`,
          `for ${x} in ${a}[1:]:`,
          `    ${cur} = ${op}(${x}, ${cur} + ${x})`,
          `    ${best} = ${op}(${best}, ${cur})`,
        ]
      : [
          `${best} = ${a}[0]`,
          `for i in range(len(${a})):`,
          `    ${cur} = 0`,
          `    for j in range(i, len(${a})):`,
          `        ${cur} += ${a}[j]`,
          `        if ${cur} ${cmp} ${best}:`,
          `            ${best} = ${cur}`,
        ];
    const p = place(g, { fn: [`${op}_subarray`, 'kadane', 'best_segment'], params: [a], body, result: best });
    const e = emitValue(g, ctx, p.value, `that ${word} sum`);
    return {
      fields: li.fields,
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `You are given a list of integers a. Find the ${word} possible sum of a non-empty block of consecutive elements.`,
      out: e.out,
    };
  },
};
