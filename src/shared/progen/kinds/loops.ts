// Loop-and-branch templates: FizzBuzz variants, Collatz-like step counts, text patterns, threshold classification,
// grids, counting multiples in a range. Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue, place } from '../emit';
import type { Field } from '../input';
import { listInput } from './lists';

const TAGS = ['Fizz', 'Buzz', 'Bang', 'Pop', 'Zap', 'Ping', 'Pong', 'Hop', 'Tick', 'Boom'];

export const fizzBuzz: Kind = {
  name: 'fizzbuzz',
  multi: 0,
  build(g) {
    const n = g.name(['n', 'limit', 'upto']);
    const i = g.name(['i', 'k', 'num']);
    const rules = g.sample([2, 3, 4, 5, 6, 7], g.chance(0.3) ? 3 : 2).sort((x, y) => x - y);
    const words = g.sample(TAGS, rules.length);
    const oneLine = g.chance(0.25);
    const out = g.name(['out', 'word', 'label', 'say']);
    let body: string[];
    if (rules.length === 2 && g.chance(0.5)) {
      // The classic if/elif chain, with the combined case first.
      const [[d1, d2], [w1, w2]] = [rules, words];
      body = [
        `if ${i} % ${d1} == 0 and ${i} % ${d2} == 0:`,
        `    ${out} = "${w1}${w2}"`,
        `elif ${i} % ${d1} == 0:`,
        `    ${out} = "${w1}"`,
        `elif ${i} % ${d2} == 0:`,
        `    ${out} = "${w2}"`,
        'else:',
        `    ${out} = str(${i})`,
      ];
    } else {
      body = [
        `${out} = ""`,
        ...rules.flatMap((d, k) => [`if ${i} % ${d} == 0:`, `    ${out} += "${words[k]}"`]),
        `if not ${out}:`,
        `    ${out} = str(${i})`,
      ];
    }
    const start = g.chance(0.3) ? g.int(2, 5) : 1;
    const p = place(g, { fn: ['say', 'label_for', 'speak'], params: [i], body, result: out });
    const acc = g.name(['parts', 'words', 'spoken']);
    const main = oneLine
      ? [
          `${acc} = []`,
          `for ${i} in range(${start}, ${n} + 1):`,
          ...[...p.lines, `${acc}.append(${p.value})`].map((l) => '    ' + l),
          `print(" ".join(${acc}))`,
        ]
      : [`for ${i} in range(${start}, ${n} + 1):`, ...[...p.lines, `print(${p.value})`].map((l) => '    ' + l)];
    const ruleText = rules.map((d, k) => `"${words[k]}" if i is divisible by ${d}`).join(', ');
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: start, hi: start + 14 }],
      defs: p.defs,
      body: main,
      task:
        `For every integer i from ${start} to n, build a label by writing, in this order, ${ruleText}. ` +
        `If none of these applies, the label is i itself, written in decimal.`,
      out: oneLine ? 'print all the labels on one line, separated by single spaces' : 'print the labels, one per line',
    };
  },
};

const RULES = [
  {
    text: 'if x is even, replace it by x / 2; otherwise replace it by 3x + 1',
    lines: (x: string) => [`if ${x} % 2 == 0:`, `    ${x} //= 2`, 'else:', `    ${x} = 3 * ${x} + 1`],
  },
  {
    text: 'if x is divisible by 3, replace it by x / 3; otherwise, if x is even, replace it by x / 2; otherwise replace it by x + 1',
    lines: (x: string) => [
      `if ${x} % 3 == 0:`,
      `    ${x} //= 3`,
      `elif ${x} % 2 == 0:`,
      `    ${x} //= 2`,
      'else:',
      `    ${x} += 1`,
    ],
  },
  {
    text: 'if x is even, replace it by x / 2; otherwise replace it by x - 1',
    lines: (x: string) => [`if ${x} % 2 == 0:`, `    ${x} = ${x} // 2`, 'else:', `    ${x} -= 1`],
  },
];

export const collatz: Kind = {
  name: 'collatz',
  multi: 0.5,
  build(g, ctx) {
    const n = g.name(['n', 'start', 'x0']);
    const x = g.name(['x', 'cur', 'val']);
    const rule = g.pick(RULES);
    const mode = g.int(0, 2);
    const [steps, peak, path] = [
      g.name(['steps', 'count', 'moves']),
      g.name(['peak', 'top', 'highest']),
      g.name(['path', 'trail', 'seq']),
    ];
    const init = mode === 0 ? [`${steps} = 0`] : mode === 1 ? [`${peak} = ${x}`] : [`${path} = [${x}]`];
    const track =
      mode === 0 ? [`${steps} += 1`] : mode === 1 ? [`${peak} = max(${peak}, ${x})`] : [`${path}.append(${x})`];
    const result = [steps, peak, path][mode];
    const body = [`${x} = ${n}`, ...init, `while ${x} != 1:`, ...[...rule.lines(x), ...track].map((l) => '    ' + l)];
    const p = place(g, { fn: ['walk', 'trajectory', 'run_rule'], params: [n], body, result }, result);
    const e =
      mode === 2
        ? emitList(g, ctx, p.value, 'all values x takes (n first, 1 last)')
        : emitValue(
            g,
            ctx,
            p.value,
            mode === 0 ? 'the number of steps' : 'the largest value x takes (including n itself)',
          );
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: mode === 2 ? 20 : 60 }],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Start with x = n and repeat the following step until x equals 1: ${rule.text}.`,
      out: e.out,
    };
  },
};

export const pattern: Kind = {
  name: 'pattern',
  multi: 0,
  build(g) {
    const n = g.name(['n', 'height', 'rows']);
    const i = g.name(['i', 'r', 'row']);
    const c = g.pick(['*', '#', '+', '@', 'o']);
    const shape = g.int(0, 4);
    const loopVar = (body: string[], range = `range(1, ${n} + 1)`) => [
      `for ${i} in ${range}:`,
      ...body.map((l) => '    ' + l),
    ];
    let body: string[];
    let text: string;
    if (shape === 0) {
      body = g.chance(0.5)
        ? loopVar([`print("${c}" * ${i})`])
        : loopVar([`for _ in range(${i}):`, `    print("${c}", end="")`, 'print()']);
      text = `line i (1 <= i <= n) consists of i characters "${c}"`;
    } else if (shape === 1) {
      body = loopVar([`print("${c}" * ${i})`], `range(${n}, 0, -1)`);
      text = `line i (1 <= i <= n) consists of n - i + 1 characters "${c}"`;
    } else if (shape === 2) {
      body = loopVar([`print(" " * (${n} - ${i}) + "${c}" * ${i})`]);
      text = `line i (1 <= i <= n) consists of n - i spaces followed by i characters "${c}"`;
    } else if (shape === 3) {
      body = loopVar([`print(" " * (${n} - ${i}) + "${c}" * (2 * ${i} - 1))`]);
      text = `line i (1 <= i <= n) consists of n - i spaces followed by 2i - 1 characters "${c}"`;
    } else {
      const sep = g.pick([' ', '']);
      body = loopVar([`print("${sep}".join(str(j) for j in range(1, ${i} + 1)))`]);
      text = `line i (1 <= i <= n) holds the numbers 1, 2, ..., i ${sep ? 'separated by single spaces' : 'written one after another with no separator'}`;
    }
    return {
      fields: [{ t: 'int', v: n, sym: 'n', lo: 1, hi: 6 }],
      body,
      task: `Draw a figure of n lines, where ${text}.`,
      out: 'print the n lines of the figure (no other spaces than those described)',
    };
  },
};

const THEMES = [
  ['cold', 'mild', 'warm', 'hot'],
  ['D', 'C', 'B', 'A'],
  ['low', 'medium', 'high', 'extreme'],
  ['small', 'regular', 'large', 'huge'],
  ['fail', 'pass', 'merit', 'honours'],
];

export const classify: Kind = {
  name: 'classify',
  multi: 0,
  build(g, ctx) {
    const li = listInput(g, { lo: 0, hi: 100, nlo: 1, nhi: 6 });
    const k = g.int(2, 3);
    const theme = g.pick(THEMES);
    const labels = k === 3 ? theme.slice(0, 3) : [theme[0], theme[3]];
    const cuts = g.sample([20, 30, 40, 50, 60, 70, 80], k - 1).sort((a, b) => a - b);
    const fn = g.name(['classify', 'grade', 'bucket', 'label_of']);
    const x = g.name(['x', 'score', 'val']);
    const r = g.name(['res', 'tag']);
    // Either an if/elif chain with early returns, or a label that is overwritten by every threshold reached.
    const def = g.chance(0.5)
      ? [
          `def ${fn}(${x}):`,
          ...cuts.flatMap((c, j) => [`    ${j === 0 ? 'if' : 'elif'} ${x} < ${c}:`, `        return "${labels[j]}"`]),
          `    return "${labels[k - 1]}"`,
        ]
      : [
          `def ${fn}(${x}):`,
          `    ${r} = "${labels[0]}"`,
          ...cuts.flatMap((c, j) => [`    if ${x} >= ${c}:`, `        ${r} = "${labels[j + 1]}"`]),
          `    return ${r}`,
        ];
    const counts = g.chance(0.4);
    const ranges = labels
      .map(
        (l, j) =>
          `"${l}" if ${j === 0 ? `x < ${cuts[0]}` : j === k - 1 ? `x >= ${cuts[k - 2]}` : `${cuts[j - 1]} <= x < ${cuts[j]}`}`,
      )
      .join(', ');
    const task = `Each value x gets a label: ${ranges}. You are given a list of integers a.`;
    if (counts) {
      const cnt = g.name(['tally', 'counts', 'per_label']);
      return {
        fields: li.fields,
        defs: [def],
        body: [
          `${cnt} = {${labels.map((l) => `"${l}": 0`).join(', ')}}`,
          `for ${x} in ${li.arr}:`,
          `    ${cnt}[${fn}(${x})] += 1`,
          `for name in ${cnt}:`,
          `    print(name, ${cnt}[name])`,
        ],
        task,
        out: `print ${k} lines, one per label in the order ${labels.join(', ')}: the label and the number of values with that label, separated by a space`,
      };
    }
    const y = g.name(['y', 'w', 'item']);
    const e = emitList(g, ctx, `[${fn}(${y}) for ${y} in ${li.arr}]`, 'the labels of a_1, ..., a_n in order', y);
    return { fields: li.fields, defs: [def], body: e.lines, task, out: e.out };
  },
};

export const grid: Kind = {
  name: 'grid',
  multi: 0.2,
  build(g, ctx) {
    const [r, c, m] = [
      g.name(['r', 'rows', 'h']),
      g.name(['c', 'cols', 'w']),
      g.name(['grid', 'mat', 'board', 'cells']),
    ];
    const fields: Field[] = [
      { t: 'tuple', vs: [r, c], syms: ['r', 'c'], lo: [1, 1], hi: [4, 5] },
      { t: 'rows', v: m, sym: 'g', rows: r, cols: c, lo: 0, hi: 9 },
    ];
    const mode = g.int(0, 4);
    const [row, x] = [g.name(['row', 'line', 'rw']), g.name(['x', 'v', 'cell'])];
    let body: string[];
    let what: string;
    if (mode === 0) {
      body = g.chance(0.5)
        ? [`res = [sum(${row}) for ${row} in ${m}]`]
        : ['res = []', `for ${row} in ${m}:`, `    res.append(sum(${row}))`];
      what = 'the row sums (top row first)';
    } else if (mode === 1) {
      body = g.chance(0.5)
        ? [`res = [sum(col) for col in zip(*${m})]`]
        : [`res = [0] * ${c}`, `for ${row} in ${m}:`, `    for j in range(${c}):`, `        res[j] += ${row}[j]`];
      what = 'the column sums (leftmost column first)';
    } else if (mode === 2) {
      body = [`res = [max(${row}) for ${row} in ${m}]`];
      what = 'the largest value of each row (top row first)';
    } else if (mode === 3) {
      const k = g.int(3, 7);
      body = [`res = [sum(1 for ${x} in col if ${x} >= ${k}) for col in zip(*${m})]`];
      what = `the number of values that are at least ${k} in each column (leftmost column first)`;
    } else {
      const e = {
        lines: g.chance(0.5)
          ? [`for col in zip(*${m}):`, '    print(*col)']
          : [`for j in range(${c}):`, `    print(" ".join(str(${m}[i][j]) for i in range(${r})))`],
        out: 'print the transposed grid: c lines, where line j holds the values of column j from top to bottom, separated by single spaces',
      };
      return {
        fields,
        body: e.lines,
        task: 'You are given a grid g of integers with r rows and c columns.',
        out: e.out,
      };
    }
    const e = emitList(g, ctx, 'res', what, x);
    return {
      fields,
      body: [...body, ...e.lines],
      task: 'You are given a grid g of integers with r rows and c columns.',
      out: e.out,
    };
  },
};

export const multiples: Kind = {
  name: 'multiples',
  multi: 0.6,
  build(g, ctx) {
    const [a, b, d] = [g.name(['a', 'lo', 'start']), g.name(['b', 'hi', 'stop']), g.name(['d', 'k', 'step'])];
    const summing = g.chance(0.5);
    const acc = g.name(['total', 'count', 'acc']);
    const i = g.name(['i', 'x', 'num']);
    const v = g.int(0, 2);
    const body =
      v === 0
        ? [
            `${acc} = 0`,
            `for ${i} in range(${a}, ${b} + 1):`,
            `    if ${i} % ${d} == 0:`,
            summing ? `        ${acc} += ${i}` : `        ${acc} += 1`,
          ]
        : v === 1
          ? [
              summing
                ? `${acc} = sum(${i} for ${i} in range(${a}, ${b} + 1) if ${i} % ${d} == 0)`
                : `${acc} = len([${i} for ${i} in range(${a}, ${b} + 1) if ${i} % ${d} == 0])`,
            ]
          : summing
            ? [
                `${acc} = 0`,
                `${i} = (${a} + ${d} - 1) // ${d} * ${d}`,
                `while ${i} <= ${b}:`,
                `    ${acc} += ${i}`,
                `    ${i} += ${d}`,
              ]
            : [`${acc} = ${b} // ${d} - (${a} - 1) // ${d}`];
    const p = place(g, { fn: ['count_multiples', 'multiples_in', 'span_stat'], params: [a, b, d], body, result: acc });
    const what = summing
      ? 'the sum of the integers x with a <= x <= b that are divisible by d'
      : 'the number of integers x with a <= x <= b that are divisible by d';
    const e = emitValue(g, ctx, p.value, what);
    return {
      fields: [
        {
          t: 'tuple',
          vs: [a, b, d],
          syms: ['a', 'b', 'd'],
          lo: [1, { at: (vals) => vals[a] as number, text: 'a' }, 1],
          hi: [50, 120, 12],
        },
      ],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Given integers a, b and d, compute ${what}.`,
      out: e.out,
    };
  },
};
