// List templates, part two: sorting by various keys, duplicates, pair counting, rotation, k-th largest value.
// Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue, place } from '../emit';
import type { Field } from '../input';
import { ELEM, listInput } from './lists';

const SORTS = [
  { key: '', rev: false, text: 'in non-decreasing order' },
  { key: '', rev: true, text: 'in non-increasing order' },
  {
    key: 'abs(x), x',
    rev: false,
    text: 'by absolute value (smallest first); equal absolute values go smaller number first',
  },
  {
    key: 'abs(x) % 10, x',
    rev: false,
    text: 'by the last decimal digit of the absolute value (0 first); numbers with equal last digits go smaller number first',
  },
  {
    key: 'x % 2, x',
    rev: false,
    text: 'with all even numbers first, then all odd numbers, each group in non-decreasing order',
  },
];

export const sortList: Kind = {
  name: 'sort_list',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: -30, hi: 30, nlo: 1, nhi: 8 });
    const a = li.arr;
    const s = g.pick(SORTS);
    const out = g.name(['ordered', 'sorted_vals', 'res', 'arranged']);
    const x = g.name(ELEM);
    const key = s.key ? `, key=lambda ${x}: (${s.key.replaceAll('x', x)})` : '';
    const rev = s.rev ? ', reverse=True' : '';
    let body: string[];
    let defs: string[][] = [];
    const v = g.int(0, 2);
    if (v === 0) body = [`${out} = sorted(${a}${key}${rev})`];
    else if (v === 1 || s.key) body = [`${out} = ${a}[:]`, `${out}.sort(${(key + rev).slice(2)})`];
    else {
      // A hand-written insertion sort, for plain orders only.
      const fn = g.name(['insertion_sort', 'my_sort', 'arrange']);
      defs = [
        [
          `def ${fn}(items):`,
          '    items = items[:]',
          '    for i in range(1, len(items)):',
          '        cur = items[i]',
          '        j = i - 1',
          `        while j >= 0 and items[j] ${s.rev ? '<' : '>'} cur:`,
          '            items[j + 1] = items[j]',
          '            j -= 1',
          '        items[j + 1] = cur',
          '    return items',
        ],
      ];
      body = [`${out} = ${fn}(${a})`];
    }
    const top = g.chance(0.3) ? g.int(2, 4) : 0;
    const e = emitList(
      g,
      ctx,
      top ? `${out}[:${top}]` : out,
      top ? `the first ${top} numbers of the sorted list (all of them if there are fewer)` : 'the sorted numbers',
      x,
    );
    return {
      fields: li.fields,
      defs,
      body: [...body, ...e.lines],
      task: `You are given a list of integers a. Sort it ${s.text}.`,
      out: e.out,
    };
  },
};

export const duplicates: Kind = {
  name: 'duplicates',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: 1, hi: g.int(4, 9), nlo: 2, nhi: 10 });
    const a = li.arr;
    const mode = g.int(0, 3);
    const x = g.name(ELEM);
    const [seen, out] = [g.name(['seen', 'visited', 'met']), g.name(['out', 'res', 'kept', 'uniq'])];
    if (mode === 0) {
      const v = g.int(0, 2);
      const body =
        v === 0
          ? [
              `${seen} = set()`,
              `${out} = []`,
              `for ${x} in ${a}:`,
              `    if ${x} not in ${seen}:`,
              `        ${seen}.add(${x})`,
              `        ${out}.append(${x})`,
            ]
          : v === 1
            ? [`${out} = list(dict.fromkeys(${a}))`]
            : [`${out} = [${x} for i, ${x} in enumerate(${a}) if ${x} not in ${a}[:i]]`];
      const p = place(g, { fn: ['dedupe', 'unique', 'first_seen'], params: [a], body, result: out }, out);
      const e = emitList(g, ctx, p.value, 'the remaining numbers in their original order', x);
      return {
        fields: li.fields,
        defs: p.defs,
        body: [...p.lines, ...e.lines],
        task: 'You are given a list of integers a. Remove every repeated occurrence of a value, keeping only its first occurrence.',
        out: e.out,
      };
    }
    if (mode === 1) {
      const body = g.chance(0.5)
        ? [`${out} = len(set(${a}))`]
        : [
            `${seen} = []`,
            `for ${x} in ${a}:`,
            `    if ${x} not in ${seen}:`,
            `        ${seen}.append(${x})`,
            `${out} = len(${seen})`,
          ];
      const e = emitValue(g, ctx, out, 'the number of distinct values');
      return {
        fields: li.fields,
        body: [...body, ...e.lines],
        task: 'You are given a list of integers a. Count its distinct values.',
        out: e.out,
      };
    }
    const imports = ['from collections import Counter'];
    const cnt = g.name(['cnt', 'counts', 'freq']);
    if (mode === 2) {
      const [yes] = g.pick([['NONE'], ['-1'], ['none']]);
      return {
        fields: li.fields,
        imports,
        body: [
          `${cnt} = Counter(${a})`,
          `${out} = [${x} for ${x} in ${a} if ${cnt}[${x}] == 1]`,
          `if ${out}:`,
          `    print(*${out})`,
          'else:',
          `    print("${yes}")`,
        ],
        task: 'You are given a list of integers a. Find the values that occur exactly once in it.',
        out: `print those values in their original order on one line, separated by single spaces, or print ${yes} if there are none`,
      };
    }
    const body = g.chance(0.5)
      ? [`${cnt} = Counter(${a})`, `${out} = min(${cnt}, key=lambda ${x}: (-${cnt}[${x}], ${x}))`]
      : [
          `${cnt} = {}`,
          `for ${x} in ${a}:`,
          `    ${cnt}[${x}] = ${cnt}.get(${x}, 0) + 1`,
          `${out} = None`,
          `for ${x} in sorted(${cnt}):`,
          `    if ${out} is None or ${cnt}[${x}] > ${cnt}[${out}]:`,
          `        ${out} = ${x}`,
        ];
    const e = emitValue(g, ctx, out, 'that value');
    return {
      fields: li.fields,
      imports: body[0].includes('Counter') ? imports : [],
      body: [...body, ...e.lines],
      task: 'You are given a list of integers a. Find the value that occurs most often; if several values are tied, take the smallest of them.',
      out: e.out,
    };
  },
};

export const pairCount: Kind = {
  name: 'pair_count',
  multi: 0.3,
  build(g, ctx) {
    const li = listInput(g, { lo: -5, hi: 12, nlo: 2, nhi: 8 });
    const a = li.arr;
    const mode = g.int(0, 3);
    const k = g.int(2, 5);
    const target = g.int(4, 12);
    const [p, q, c] = [g.name(['p', 'x', 'u']), g.name(['q', 'y', 'w']), g.name(['count', 'pairs', 'total', 'hits'])];
    const [cond, text] = [
      [`${p} + ${q} == ${target}`, `a_i + a_j = ${target}`],
      [`${p} > ${q}`, 'a_i > a_j'],
      [`(${p} + ${q}) % ${k} == 0`, `a_i + a_j is divisible by ${k}`],
      [`abs(${p} - ${q}) <= ${k}`, `|a_i - a_j| <= ${k}`],
    ][mode];
    const imports: string[] = [];
    let body: string[];
    if (g.chance(0.5)) {
      body = [
        `${c} = 0`,
        `for i in range(len(${a})):`,
        `    for j in range(i + 1, len(${a})):`,
        `        ${p}, ${q} = ${a}[i], ${a}[j]`,
        `        if ${cond}:`,
        `            ${c} += 1`,
      ];
    } else {
      imports.push('from itertools import combinations');
      body = [`${c} = sum(1 for ${p}, ${q} in combinations(${a}, 2) if ${cond})`];
    }
    const pl = place(g, { fn: ['count_pairs', 'pair_count', 'matches'], params: [a], body, result: c });
    const e = emitValue(g, ctx, pl.value, 'the number of such pairs');
    return {
      fields: li.fields,
      imports,
      defs: pl.defs,
      body: [...pl.lines, ...e.lines],
      task: `You are given a list of integers a_1, ..., a_n. Count the pairs of positions (i, j) with i < j such that ${text}.`,
      out: e.out,
    };
  },
};

export const rotate: Kind = {
  name: 'rotate_list',
  multi: 0.3,
  build(g, ctx) {
    const [n, k, a] = [g.name(['n', 'size']), g.name(['k', 'shift', 'steps']), g.name(['a', 'nums', 'arr', 'ring'])];
    const left = g.chance(0.5);
    const fields: Field[] = [
      { t: 'tuple', vs: [n, k], syms: ['n', 'k'], lo: [1, 0], hi: [8, 12] },
      { t: 'ints', v: a, sym: 'a', len: n, lo: 0, hi: 40, layout: 'row' },
    ];
    const v = g.int(0, 2);
    const imports: string[] = [];
    const x = g.name(ELEM);
    let body: string[];
    if (v === 0)
      body = [
        `${k} %= ${n}`,
        left ? `${a} = ${a}[${k}:] + ${a}[:${k}]` : `${a} = ${a}[${n} - ${k}:] + ${a}[:${n} - ${k}]`,
      ];
    else if (v === 1)
      body = [`for _ in range(${k}):`, left ? `    ${a}.append(${a}.pop(0))` : `    ${a}.insert(0, ${a}.pop())`];
    else {
      imports.push('from collections import deque');
      const d = g.name(['dq', 'ring_buf', 'window']);
      body = [`${d} = deque(${a})`, `${d}.rotate(${left ? '-' : ''}${k})`, `${a} = list(${d})`];
    }
    const e = emitList(g, ctx, a, 'the rotated list', x);
    return {
      fields,
      imports,
      body: [...body, ...e.lines],
      task:
        `You are given a list of n integers a and a number k. Rotate the list ${left ? 'left' : 'right'} k times; one ` +
        (left
          ? 'left rotation moves the first element to the end (1 2 3 becomes 2 3 1).'
          : 'right rotation moves the last element to the front (1 2 3 becomes 3 1 2).') +
        ' Note that k may be larger than n.',
      out: e.out,
    };
  },
};

export const kthLargest: Kind = {
  name: 'kth_largest',
  multi: 0.4,
  build(g, ctx) {
    const li = listInput(g, { lo: 0, hi: 9, nlo: 1, nhi: 7 });
    const a = li.arr;
    const k = g.pick([2, 2, 3]);
    const none = g.pick(['-1', 'NONE']);
    const [res, x] = [g.name(['res', 'answer', 'kth']), g.name(ELEM)];
    const v = k === 2 ? g.int(0, 2) : g.int(0, 1);
    const imports = v === 1 ? ['import heapq'] : [];
    const ds = g.name(['distinct', 'uniq', 'levels']);
    const [first, second] = [g.name(['first', 'top1', 'big']), g.name(['second', 'top2', 'runner_up'])];
    const fallback = none === '-1' ? '-1' : `"${none}"`;
    const body =
      v === 0
        ? [`${ds} = sorted(set(${a}), reverse=True)`, `${res} = ${ds}[${k - 1}] if len(${ds}) >= ${k} else ${fallback}`]
        : v === 1
          ? [`${ds} = heapq.nlargest(${k}, set(${a}))`, `${res} = ${ds}[-1] if len(${ds}) == ${k} else ${fallback}`]
          : [
              `${first} = ${second} = None`,
              `for ${x} in ${a}:`,
              `    if ${x} == ${first} or ${x} == ${second}:`,
              '        continue',
              `    if ${first} is None or ${x} > ${first}:`,
              `        ${first}, ${second} = ${x}, ${first}`,
              `    elif ${second} is None or ${x} > ${second}:`,
              `        ${second} = ${x}`,
              `${res} = ${second} if ${second} is not None else ${fallback}`,
            ];
    const p = place(g, { fn: ['kth_largest', 'runner_up', 'find_kth'], params: [a], body, result: res });
    const e = emitValue(g, ctx, p.value, `that value (or ${none})`);
    const nth = k === 2 ? 'second' : 'third';
    return {
      fields: li.fields,
      imports,
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task:
        `You are given a list of integers a. Find the ${nth} largest distinct value in it (equal values count once). ` +
        `If the list has fewer than ${k} distinct values, the answer is ${none}.`,
      out: e.out,
    };
  },
};
