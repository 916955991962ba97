// Word- and character-level templates: word frequencies, run-length encoding, character classes, the longest or
// shortest word, anagram checks. Both realms: pure.

import type { Kind } from '../assemble';
import { emitValue, place } from '../emit';
import type { Gen } from '../gen';
import type { Field } from '../input';
import { RES, STR, YES_NO, textLine } from './strings';

/** A small vocabulary, so that words repeat within a line. */
const FEW = ['red', 'blue', 'cat', 'dog', 'sun', 'tree', 'map', 'key'];

export const wordFreq: Kind = {
  name: 'word_freq',
  multi: 0,
  build(g) {
    const manyLines = g.chance(0.5);
    const s = g.name(STR);
    const n = g.name(['n', 'm', 'rows']);
    const lines = g.name(['lines', 'rows_text', 'texts']);
    const freq = g.name(['freq', 'counts', 'seen', 'tally']);
    const w = g.name(['w', 'word']);
    const c = g.name(['c', 'cnt', 'k']);
    const vocab = g.sample(FEW, g.int(3, 6));
    const sentence = (g: Gen) => Array.from({ length: g.int(2, 7) }, () => g.pick(vocab)).join(' ');
    const wordsWhat = 'between 2 and 7 words separated by single spaces, each word made of lowercase English letters';
    const fields: Field[] = manyLines
      ? [
          { t: 'int', v: n, sym: 'n', lo: 1, hi: 3 },
          {
            t: 'lines',
            v: lines,
            sym: 'lines',
            len: n,
            what: wordsWhat,
            gen: (g, k) => Array.from({ length: k }, () => sentence(g)),
          },
        ]
      : [{ t: 'line', v: s, sym: 's', what: `the text s: ${wordsWhat}`, gen: sentence }];
    const words = manyLines ? `" ".join(${lines}).split()` : `${s}.split()`;
    const v = g.int(0, 2);
    const imports: string[] = [];
    let count: string[];
    if (v === 0) {
      count = [`${freq} = {}`, `for ${w} in ${words}:`, `    ${freq}[${w}] = ${freq}.get(${w}, 0) + 1`];
    } else if (v === 1) {
      imports.push('from collections import Counter');
      count = [`${freq} = Counter(${words})`];
    } else {
      imports.push('from collections import defaultdict');
      count = [`${freq} = defaultdict(int)`, `for ${w} in ${words}:`, `    ${freq}[${w}] += 1`];
    }
    const order = g.int(0, 2);
    const [iter, orderText] =
      order === 0
        ? [`${freq}.items()`, 'in the order in which the words first appear']
        : order === 1
          ? [`sorted(${freq}.items())`, 'in alphabetical order of the words']
          : [
              `sorted(${freq}.items(), key=lambda kv: (-kv[1], kv[0]))`,
              'by decreasing count, and words with equal counts in alphabetical order',
            ];
    const [fmt, fmtText] = g.pick([
      [`print(${w}, ${c})`, 'the word and its count separated by a space'],
      [`print(${w} + ":", ${c})`, 'the word, a colon, a space and its count (like "cat: 2")'],
      [`print(f"{${w}}={${c}}")`, 'the word, an equals sign and its count with no spaces (like "cat=2")'],
    ] as const);
    const top = order === 2 && g.chance(0.5) ? g.int(2, 3) : 0;
    const loop = top ? `for ${w}, ${c} in ${iter}[:${top}]:` : `for ${w}, ${c} in ${iter}:`;
    return {
      fields,
      imports,
      body: [...count, loop, `    ${fmt}`],
      task: `Count how many times each distinct word occurs in ${manyLines ? 'the given lines (all lines together)' : 'a line of text s'}.`,
      out:
        `print one line per distinct word${top ? ` (only the first ${top} such lines; all of them if there are fewer distinct words)` : ''}, ` +
        `${orderText}, each line holding ${fmtText}`,
    };
  },
};

export const runLength: Kind = {
  name: 'run_length',
  multi: 0.5,
  build(g, ctx) {
    const s = g.name(STR);
    const fmt = g.int(0, 2);
    const [ch, cnt, out] = [g.name(['ch', 'prev', 'cur']), g.name(['run', 'cnt', 'length']), g.name(RES)];
    const pieceOf = (k: string) =>
      fmt === 0 ? `${ch} + str(${k})` : fmt === 1 ? `str(${k}) + ${ch}` : `${ch} + (str(${k}) if ${k} > 1 else "")`;
    const piece = pieceOf(cnt);
    const imports: string[] = [];
    let body: string[];
    if (g.chance(0.4)) {
      imports.push('from itertools import groupby');
      const grp = g.name(['grp', 'group', 'chunk']);
      body = [`${out} = "".join(${pieceOf(`len(list(${grp}))`)} for ${ch}, ${grp} in groupby(${s}))`];
      if (fmt === 2) {
        body = [
          `${out} = ""`,
          `for ${ch}, ${grp} in groupby(${s}):`,
          `    ${cnt} = len(list(${grp}))`,
          `    ${out} += ${piece}`,
        ];
      }
    } else {
      const x = g.name(['x', 'c', 'sym']);
      body = [
        `${out} = ""`,
        `${ch} = ${s}[0]`,
        `${cnt} = 1`,
        `for ${x} in ${s}[1:]:`,
        `    if ${x} == ${ch}:`,
        `        ${cnt} += 1`,
        '    else:',
        `        ${out} += ${piece}`,
        `        ${ch} = ${x}`,
        `        ${cnt} = 1`,
        `${out} += ${piece}`,
      ];
    }
    const p = place(g, { fn: ['encode', 'rle', 'compress', 'squeeze'], params: [s], body, result: out });
    const e = emitValue(g, ctx, p.value, 'the encoded string');
    const fmtText =
      fmt === 0
        ? 'the letter followed by the length of the run (for example, "aaab" becomes "a3b1")'
        : fmt === 1
          ? 'the length of the run followed by the letter (for example, "aaab" becomes "3a1b")'
          : 'the letter followed by the length of the run, where a length of 1 is omitted (for example, "aaab" becomes "a3b")';
    return {
      fields: [
        {
          t: 'line',
          v: s,
          sym: 's',
          token: true,
          what: 'a string s of 1 to 20 lowercase English letters',
          gen: (g) => {
            let r = '';
            for (let i = g.int(1, 5); i > 0; i--) {
              let c = g.pick([...'abcdxyz']);
              while (r.endsWith(c)) c = g.pick([...'abcdxyz']);
              r += c.repeat(g.int(1, 4));
            }
            return r;
          },
        },
      ],
      imports,
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Run-length encode a string s: replace every maximal run of equal letters by ${fmtText}.`,
      out: e.out,
    };
  },
};

const CLASSES = [
  { name: 'uppercase letters', test: (c: string) => `${c}.isupper()`, label: 'upper' },
  { name: 'lowercase letters', test: (c: string) => `${c}.islower()`, label: 'lower' },
  { name: 'digits', test: (c: string) => `${c}.isdigit()`, label: 'digits' },
  { name: 'spaces', test: (c: string) => `${c} == " "`, label: 'spaces' },
  { name: 'punctuation characters (any of . , ! ? -)', test: (c: string) => `${c} in ".,!?-"`, label: 'punct' },
];

export const charClasses: Kind = {
  name: 'char_classes',
  multi: 0.3,
  build(g) {
    const s = g.name(STR);
    const picked = g.sample(CLASSES, g.int(2, 4));
    const ch = g.name(['ch', 'c', 'symbol']);
    const vars = picked.map((k) => g.name([k.label, `n_${k.label}`, `${k.label}_count`]));
    let body: string[];
    if (g.chance(0.5)) {
      body = [
        ...vars.map((v) => `${v} = 0`),
        `for ${ch} in ${s}:`,
        ...picked.flatMap((k, i) => [`    ${i === 0 ? 'if' : 'elif'} ${k.test(ch)}:`, `        ${vars[i]} += 1`]),
      ];
    } else {
      body = picked.map((k, i) => `${vars[i]} = sum(1 for ${ch} in ${s} if ${k.test(ch)})`);
    }
    const labelled = g.chance(0.4);
    const oneLine = !labelled && g.chance(0.5);
    const lines = labelled
      ? picked.map((k, i) => `print("${k.label}", ${vars[i]})`)
      : oneLine
        ? [`print(${vars.join(', ')})`]
        : vars.map((v) => `print(${v})`);
    const names = picked.map((k) => k.name);
    const list = names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
    return {
      fields: [
        {
          t: 'line',
          v: s,
          sym: 's',
          what:
            'the text s: 1 to 40 characters made of English letters, digits, spaces and the characters ' +
            '. , ! ? - (it does not start or end with a space)',
          gen: (g) => {
            const parts = Array.from({ length: g.int(1, 5) }, () => {
              const w = g.word();
              const x = g.int(0, 3);
              if (x === 0) return w.toUpperCase();
              if (x === 1) return w + String(g.int(0, 99));
              return w[0].toUpperCase() + w.slice(1) + (g.chance(0.3) ? g.pick([...'.,!?-']) : '');
            });
            return parts.join(' ');
          },
        },
      ],
      body: [...body, ...lines],
      task: `Count the ${list} in a line of text s.`,
      out: labelled
        ? `print ${picked.length} lines, in this order: ${picked.map((k) => `"${k.label} X" with X the number of ${k.name}`).join(', ')}`
        : oneLine
          ? `print the numbers of ${list}, in this order, on one line separated by single spaces`
          : `print the numbers of ${list}, in this order, one per line`,
    };
  },
};

export const extremeWord: Kind = {
  name: 'extreme_word',
  multi: 0.4,
  build(g, ctx) {
    const s = g.name(STR);
    const longest = g.chance(0.6);
    const words = g.name(['words', 'parts', 'items']);
    const best = g.name(['best', 'pick', 'chosen']);
    const w = g.name(['w', 'word', 'cand']);
    let body: string[];
    if (g.chance(0.5)) {
      body = [`${words} = ${s}.split()`, `${best} = ${longest ? 'max' : 'min'}(${words}, key=len)`];
    } else {
      body = [
        `${words} = ${s}.split()`,
        `${best} = ${words}[0]`,
        `for ${w} in ${words}[1:]:`,
        `    if len(${w}) ${longest ? '>' : '<'} len(${best}):`,
        `        ${best} = ${w}`,
      ];
    }
    const p = place(g, { fn: ['pick_word', 'find_word', 'select'], params: [s], body, result: best }, best);
    const withLen = g.chance(0.5);
    const e = withLen
      ? { lines: [`print(${p.value}, len(${p.value}))`], out: 'print that word and its length separated by a space' }
      : emitValue(g, ctx, p.value, 'that word');
    return {
      fields: [textLine(s, 's', false, 7)],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task:
        `Find the ${longest ? 'longest' : 'shortest'} word in a line of text s. ` +
        `If several words have that length, take the one that appears first.`,
      out: e.out,
    };
  },
};

export const anagram: Kind = {
  name: 'anagram',
  multi: 0.7,
  build(g, ctx) {
    const [a, b] = [g.name(['a', 'first', 'left', 'w1']), g.name(['b', 'second', 'right', 'w2'])];
    const [yes, no] = g.pick(YES_NO);
    const v = g.int(0, 2);
    const fn = g.name(['is_anagram', 'same_letters', 'anagrams']);
    const imports = v === 1 ? ['from collections import Counter'] : [];
    const cnt = g.name(['cnt', 'counts', 'diff']);
    const def =
      v === 0
        ? [`def ${fn}(x, y):`, '    return sorted(x) == sorted(y)']
        : v === 1
          ? [`def ${fn}(x, y):`, '    return Counter(x) == Counter(y)']
          : [
              `def ${fn}(x, y):`,
              '    if len(x) != len(y):',
              '        return False',
              `    ${cnt} = [0] * 26`,
              '    for ch in x:',
              `        ${cnt}[ord(ch) - ord("a")] += 1`,
              '    for ch in y:',
              `        ${cnt}[ord(ch) - ord("a")] -= 1`,
              `    return all(v == 0 for v in ${cnt})`,
            ];
    let first = '';
    const word = (g: Gen) => (first = g.word());
    const second = (g: Gen) =>
      g.chance(0.6) ? g.shuffled([...first]).join('') : g.chance(0.5) ? g.word() : first + g.pick([...'aest']);
    const e = emitValue(
      g,
      ctx,
      `"${yes}" if ${fn}(${a}, ${b}) else "${no}"`,
      `"${yes}" if u and v are anagrams and "${no}" otherwise`,
    );
    return {
      fields: [
        { t: 'line', v: a, sym: 'u', token: true, what: 'a word u of lowercase English letters', gen: word },
        { t: 'line', v: b, sym: 'v', token: true, what: 'a word v of lowercase English letters', gen: second },
      ],
      imports,
      defs: [def],
      body: e.lines,
      task: 'Two words are anagrams if one can be obtained by rearranging the letters of the other (every letter occurs the same number of times in both). Decide whether u and v are anagrams.',
      out: e.out,
    };
  },
};
