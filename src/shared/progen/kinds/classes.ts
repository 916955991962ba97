// Templates built around a small class: a stack or queue driven by commands, a bank account, an inventory, and
// rectangles. Both realms: pure.

import type { Kind } from '../assemble';
import { emitList, emitValue } from '../emit';
import type { Gen } from '../gen';
import type { Field } from '../input';

/** `n` command lines read into a list, drawn by `gen` from a count. */
function commands(g: Gen, what: string, gen: (g: Gen, n: number) => string[]): { fields: Field[]; list: string } {
  const [n, list] = [g.name(['n', 'q', 'ops']), g.name(['cmds', 'lines', 'requests', 'commands'])];
  return {
    fields: [
      { t: 'int', v: n, sym: 'n', lo: 1, hi: 8, what: 'the number of commands' },
      { t: 'lines', v: list, sym: 'cmd', len: n, what, gen },
    ],
    list,
  };
}

export const stackQueue: Kind = {
  name: 'stack_queue',
  multi: 0,
  build(g) {
    const queue = g.chance(0.5);
    const [push, pop, peek, size] = queue
      ? g.pick([
          ['enqueue', 'dequeue', 'front', 'size'],
          ['push', 'pop', 'front', 'count'],
        ])
      : g.pick([
          ['push', 'pop', 'top', 'size'],
          ['push', 'pop', 'peek', 'count'],
        ]);
    const empty = g.pick(['EMPTY', '-1', 'None', 'error']);
    const cls = g.name(queue ? ['Queue', 'Line', 'Fifo'] : ['Stack', 'Pile', 'Lifo']);
    const obj = g.name(['st', 'box', 'store', 'container']);
    const [cmd, parts, x] = [
      g.name(['cmd', 'line', 'entry']),
      g.name(['parts', 'words', 'args']),
      g.name(['x', 'got', 'item']),
    ];
    const useDeque = queue && g.chance(0.5);
    const takeExpr = queue ? (useDeque ? 'self.items.popleft()' : 'self.items.pop(0)') : 'self.items.pop()';
    const peekExpr = queue ? 'self.items[0]' : 'self.items[-1]';
    const def = [
      `class ${cls}:`,
      '    def __init__(self):',
      `        self.items = ${useDeque ? 'deque()' : '[]'}`,
      '',
      `    def ${push}(self, value):`,
      '        self.items.append(value)',
      '',
      `    def ${pop}(self):`,
      '        if not self.items:',
      '            return None',
      `        return ${takeExpr}`,
      '',
      `    def ${peek}(self):`,
      `        return ${peekExpr} if self.items else None`,
      '',
      `    def ${size}(self):`,
      '        return len(self.items)',
    ];
    const fallback = empty === '-1' ? '-1' : `"${empty}"`;
    const show = g.chance(0.5)
      ? [`print(${x} if ${x} is not None else ${fallback})`]
      : [`if ${x} is None:`, `    print(${fallback})`, 'else:', `    print(${x})`];
    const c = commands(g, `one command: "${push} X" (1 <= X <= 99), "${pop}", "${peek}" or "${size}"`, (g, n) => {
      const out = Array.from({ length: n }, () => g.pick([push, push, pop, peek, size])).map((k) =>
        k === push ? `${k} ${g.int(1, 99)}` : k,
      );
      // The last command prints, so the program never produces empty output.
      if (out[n - 1].startsWith(push + ' ')) out[n - 1] = g.pick([pop, peek, size]);
      return out;
    });
    const body = [
      `${obj} = ${cls}()`,
      `for ${cmd} in ${c.list}:`,
      `    ${parts} = ${cmd}.split()`,
      `    if ${parts}[0] == "${push}":`,
      `        ${obj}.${push}(int(${parts}[1]))`,
      `    elif ${parts}[0] == "${pop}":`,
      ...[`${x} = ${obj}.${pop}()`, ...show].map((l) => '        ' + l),
      `    elif ${parts}[0] == "${peek}":`,
      ...[`${x} = ${obj}.${peek}()`, ...show].map((l) => '        ' + l),
      '    else:',
      `        print(${obj}.${size}())`,
    ];
    const kind = queue ? 'queue (first in, first out)' : 'stack (last in, first out)';
    const end = queue ? 'front' : 'top';
    return {
      fields: c.fields,
      imports: useDeque ? ['from collections import deque'] : [],
      defs: [def],
      body,
      task:
        `Simulate a ${kind} of integers that starts empty. "${push} X" adds X; "${pop}" removes the element at the ${end} ` +
        `and prints it; "${peek}" prints the element at the ${end} without removing it; "${size}" prints the number of ` +
        `elements. When "${pop}" or "${peek}" finds the ${queue ? 'queue' : 'stack'} empty, it prints ${empty} instead ` +
        `(and "${pop}" changes nothing).`,
      out: `print one line for every "${pop}", "${peek}" and "${size}" command, in the order of the commands`,
    };
  },
};

export const bankAccount: Kind = {
  name: 'bank_account',
  multi: 0,
  build(g) {
    const start = g.pick([0, 0, 50, 100]);
    const fee = g.chance(0.4) ? g.int(1, 5) : 0;
    const cls = g.name(['Account', 'Wallet', 'Ledger']);
    const acct = g.name(['acct', 'wallet', 'bank', 'me']);
    const [cmd, op, amt, refused] = [
      g.name(['cmd', 'line', 'entry']),
      g.name(['op', 'kind', 'action']),
      g.name(['amount', 'value', 'qty']),
      g.name(['refused', 'rejected', 'failed']),
    ];
    const need = fee ? `amount + ${fee}` : 'amount';
    const def = [
      `class ${cls}:`,
      `    def __init__(self, balance=${start}):`,
      '        self.balance = balance',
      '',
      '    def deposit(self, amount):',
      '        self.balance += amount',
      '',
      '    def withdraw(self, amount):',
      `        if ${need} > self.balance:`,
      '            return False',
      `        self.balance -= ${need}`,
      '        return True',
    ];
    const everyStep = g.chance(0.35);
    const c = commands(g, 'one operation: "deposit X" or "withdraw X" (1 <= X <= 100)', (g, n) =>
      Array.from({ length: n }, () => `${g.pick(['deposit', 'withdraw', 'withdraw'])} ${g.int(1, 100)}`),
    );
    const body = [
      `${acct} = ${cls}()`,
      ...(everyStep ? [] : [`${refused} = 0`]),
      `for ${cmd} in ${c.list}:`,
      `    ${op}, ${amt} = ${cmd}.split()`,
      `    if ${op} == "deposit":`,
      `        ${acct}.deposit(int(${amt}))`,
      ...(everyStep
        ? ['    else:', `        ${acct}.withdraw(int(${amt}))`, `    print(${acct}.balance)`]
        : [
            `    elif not ${acct}.withdraw(int(${amt})):`,
            `        ${refused} += 1`,
            `print(${acct}.balance)`,
            `print(${refused})`,
          ]),
    ];
    return {
      fields: c.fields,
      defs: [def],
      body,
      task:
        `A bank account starts with a balance of ${start}. "deposit X" adds X to the balance. "withdraw X" ` +
        (fee ? `takes X plus a fee of ${fee} from the balance` : 'takes X from the balance') +
        ', but only if the balance is at least that large; otherwise the withdrawal is refused and the balance stays ' +
        'unchanged. Process the operations in order.',
      out: everyStep
        ? 'after every operation, print the balance on its own line'
        : 'print the final balance on the first line and the number of refused withdrawals on the second line',
    };
  },
};

const GOODS = ['apple', 'bolt', 'cable', 'disk', 'egg', 'fork'];

export const inventory: Kind = {
  name: 'inventory',
  multi: 0,
  build(g) {
    const cls = g.name(['Inventory', 'Store', 'Warehouse']);
    const inv = g.name(['inv', 'shop', 'stock_room']);
    const [cmd, op, name, qty] = [
      g.name(['cmd', 'line', 'entry']),
      g.name(['op', 'action']),
      g.name(['name', 'item', 'good']),
      g.name(['qty', 'amount', 'units']),
    ];
    const clamp = g.chance(0.5);
    const goods = g.sample(GOODS, 3);
    const def = [
      `class ${cls}:`,
      '    def __init__(self):',
      '        self.stock = {}',
      '',
      '    def add(self, name, qty):',
      '        self.stock[name] = self.stock.get(name, 0) + qty',
      '',
      '    def remove(self, name, qty):',
      '        have = self.stock.get(name, 0)',
      ...(clamp
        ? ['        self.stock[name] = max(0, have - qty)']
        : ['        if qty <= have:', '            self.stock[name] = have - qty']),
      '',
      '    def report(self):',
      '        return [(k, v) for k, v in sorted(self.stock.items()) if v > 0]',
    ];
    const c = commands(
      g,
      `one command: "add NAME Q" or "remove NAME Q", where NAME is a word of lowercase letters and 1 <= Q <= 9`,
      (g, n) =>
        Array.from(
          { length: n },
          (_, i) => `${i === 0 || g.chance(0.6) ? 'add' : 'remove'} ${g.pick(goods)} ${g.int(1, 9)}`,
        ),
    );
    const rows = g.name(['rows', 'report', 'left']);
    const none = g.pick(['EMPTY', 'NONE', 'empty']);
    return {
      fields: c.fields,
      defs: [def],
      body: [
        `${inv} = ${cls}()`,
        `for ${cmd} in ${c.list}:`,
        `    ${op}, ${name}, ${qty} = ${cmd}.split()`,
        `    if ${op} == "add":`,
        `        ${inv}.add(${name}, int(${qty}))`,
        '    else:',
        `        ${inv}.remove(${name}, int(${qty}))`,
        `${rows} = ${inv}.report()`,
        `if not ${rows}:`,
        `    print("${none}")`,
        `for ${name}, ${qty} in ${rows}:`,
        `    print(${name}, ${qty})`,
      ],
      task:
        'Keep track of a stock of named items, initially empty. "add NAME Q" adds Q units of NAME. "remove NAME Q" ' +
        (clamp
          ? 'removes Q units of NAME; if fewer than Q units are in stock, the stock of NAME becomes 0.'
          : 'removes Q units of NAME if at least Q units are in stock; otherwise it does nothing.'),
      out:
        `after all commands, print every item with a positive stock in alphabetical order, one per line, as the name ` +
        `and the number of units separated by a space; if no item has a positive stock, print the word ${none}`,
    };
  },
};

export const rectangles: Kind = {
  name: 'rectangles',
  multi: 0,
  build(g, ctx) {
    const dataclass = g.chance(0.4);
    const cls = g.name(['Rect', 'Rectangle', 'Box', 'Tile']);
    const [n, dims, shapes, sh] = [
      g.name(['n', 'count', 'k']),
      g.name(['dims', 'sizes', 'pairs']),
      g.name(['shapes', 'rects', 'boxes']),
      g.name(['sh', 'rc', 'b']),
    ];
    const methods = [
      '    def area(self):',
      '        return self.w * self.h',
      '',
      '    def perimeter(self):',
      '        return 2 * (self.w + self.h)',
      '',
      '    def is_square(self):',
      '        return self.w == self.h',
    ];
    const def = dataclass
      ? ['@dataclass', `class ${cls}:`, '    w: int', '    h: int', '', ...methods]
      : [`class ${cls}:`, '    def __init__(self, w, h):', '        self.w = w', '        self.h = h', '', ...methods];
    const fields: Field[] = [
      { t: 'int', v: n, sym: 'n', lo: 1, hi: 6, what: 'the number of rectangles' },
      {
        t: 'rows',
        v: dims,
        sym: 'd',
        rows: n,
        cols: 2,
        lo: 1,
        hi: 9,
        what: 'each contain two integers separated by a space: the width and the height of one rectangle (each between 1 and 9)',
      },
    ];
    const mode = g.int(0, 3);
    const build = `${shapes} = [${cls}(w, h) for w, h in ${dims}]`;
    let e;
    let lines: string[] = [];
    if (mode === 0)
      e = emitValue(g, ctx, `sum(${sh}.area() for ${sh} in ${shapes})`, 'the total area of all rectangles');
    else if (mode === 1)
      e = emitValue(
        g,
        ctx,
        `sum(1 for ${sh} in ${shapes} if ${sh}.is_square())`,
        'the number of rectangles that are squares',
      );
    else if (mode === 2)
      e = emitList(
        g,
        ctx,
        `[${sh}.perimeter() for ${sh} in ${shapes}]`,
        'the perimeters of the rectangles in input order',
        sh,
      );
    else {
      const best = g.name(['best', 'idx', 'pick']);
      lines = [
        `${best} = 0`,
        `for i in range(1, len(${shapes})):`,
        `    if ${shapes}[i].area() > ${shapes}[${best}].area():`,
        `        ${best} = i`,
      ];
      e = emitValue(
        g,
        ctx,
        `${best} + 1`,
        'the 1-based position of the rectangle with the largest area (the first one if several are tied)',
      );
    }
    return {
      fields,
      imports: dataclass ? ['from dataclasses import dataclass'] : [],
      defs: [def],
      body: [build, ...lines, ...e.lines],
      task: 'You are given n rectangles, numbered from 1 in input order, each by its width and height.',
      out: e.out,
    };
  },
};
