// String-processing templates: reversal, letter counts, Caesar shifts, palindromes, run-length encoding, character
// classes, extreme words, anagrams. Both realms: pure.

import type { Kind } from '../assemble';
import { emitValue, place } from '../emit';
import type { Gen } from '../gen';
import type { LineField } from '../input';

export const STR = ['s', 'text', 'line', 'msg', 'sentence', 'phrase'];
export const RES = ['res', 'result', 'out', 'ans', 'answer', 'built'];
const CH = ['ch', 'c', 'letter', 'char'];
const WORD = ['w', 'word', 'token', 'part'];
export const YES_NO: ReadonlyArray<readonly [string, string]> = [
  ['YES', 'NO'],
  ['Yes', 'No'],
  ['True', 'False'],
  ['yes', 'no'],
];

/** Random capitals make case handling observable. */
function mixedCase(g: Gen, w: string): string {
  return [...w].map((c) => (g.chance(0.3) ? c.toUpperCase() : c)).join('');
}

/** A line of 1..6 words separated by single spaces; `mixed` capitalises some letters. */
export function textLine(v: string, sym: string, mixed: boolean, maxWords = 6): LineField {
  return {
    t: 'line',
    v,
    sym,
    what:
      `the text ${sym}: between 1 and ${maxWords} words separated by single spaces, each word made of ` +
      (mixed ? 'English letters (lowercase or uppercase)' : 'lowercase English letters'),
    gen: (g) => {
      const s = g.sentence(1, maxWords);
      return mixed
        ? s
            .split(' ')
            .map((w) => mixedCase(g, w))
            .join(' ')
        : s;
    },
  };
}

export const reverseText: Kind = {
  name: 'reverse_text',
  multi: 0.35,
  build(g, ctx) {
    const s = g.name(STR);
    const mode = g.int(0, 2);
    const v = g.int(0, 2);
    let body: string[] = [];
    let result: string;
    let task: string;
    if (mode === 0) {
      task = 'reverse the order of its characters';
      if (v === 0) result = `${s}[::-1]`;
      else if (v === 1) result = `"".join(reversed(${s}))`;
      else {
        const [r, ch] = [g.name(RES), g.name(CH)];
        body = [`${r} = ""`, `for ${ch} in ${s}:`, `    ${r} = ${ch} + ${r}`];
        result = r;
      }
    } else if (mode === 1) {
      task = 'reverse the letters of every word separately, keeping the words in their original order';
      const w = g.name(WORD);
      if (v === 0) result = `" ".join(${w}[::-1] for ${w} in ${s}.split())`;
      else {
        const parts = g.name(['parts', 'pieces', 'flipped']);
        body = [`${parts} = []`, `for ${w} in ${s}.split():`, `    ${parts}.append(${w}[::-1])`];
        result = `" ".join(${parts})`;
      }
    } else {
      task = 'reverse the order of the words, keeping every word itself unchanged';
      const words = g.name(['words', 'tokens_list', 'parts']);
      if (v === 0) result = `" ".join(${s}.split()[::-1])`;
      else if (v === 1) result = `" ".join(reversed(${s}.split()))`;
      else {
        body = [`${words} = ${s}.split()`, `${words}.reverse()`];
        result = `" ".join(${words})`;
      }
    }
    const upper = g.chance(0.25);
    if (upper) result = `${result}.upper()`;
    const p = place(g, { fn: ['reverse_text', 'flip', 'backwards', 'transform'], params: [s], body, result });
    const e = emitValue(g, ctx, p.value, 'the transformed line');
    return {
      fields: [textLine(s, 's', upper)],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task:
        `Given a line of text s, ${task}` +
        (upper ? ', and then convert every letter to uppercase.' : '.') +
        (mode > 0 ? ' In the result, words are separated by single spaces.' : ''),
      out: e.out,
    };
  },
};

export const countLetters: Kind = {
  name: 'count_letters',
  multi: 0.4,
  build(g, ctx) {
    const s = g.name(STR);
    const [set, setDesc] = g.pick([
      ['aeiou', 'vowels (a, e, i, o, u)'],
      ['aeiouy', 'letters a, e, i, o, u and y'],
      [g.sample([...'rstlnmdk'], 3).join(''), ''],
    ]);
    const letters = [...set].join(', ');
    const desc = setDesc || `letters ${letters}`;
    const ignoreCase = g.chance(0.5);
    const src = ignoreCase ? `${s}.lower()` : s;
    const perLetter = !ctx.multi && (set.length <= 3 || g.chance(0.3));
    const ch = g.name(CH);
    const caseNote = ignoreCase
      ? ' Uppercase and lowercase forms of a letter count as the same letter.'
      : ' Only lowercase letters count; uppercase letters are ignored.';
    if (perLetter) {
      const counts = g.name(['counts', 'tally', 'freq']);
      const body = g.chance(0.5)
        ? [
            `${counts} = {${ch}: 0 for ${ch} in "${set}"}`,
            `for ${ch} in ${src}:`,
            `    if ${ch} in ${counts}:`,
            `        ${counts}[${ch}] += 1`,
            `for ${ch} in "${set}":`,
            `    print(${ch}, ${counts}[${ch}])`,
          ]
        : [`for ${ch} in "${set}":`, `    print(${ch}, ${src}.count(${ch}))`];
      return {
        fields: [textLine(s, 's', true)],
        body,
        task: `Given a line of text s, count how many times each of the ${desc} occurs in it.${caseNote}`,
        out: `print ${set.length} lines: for each of the letters ${letters}, in this order, the letter and its count separated by a space`,
      };
    }
    const v = g.int(0, 2);
    const n = g.name(['count', 'total', 'hits', 'num']);
    const body =
      v === 0
        ? [`${n} = 0`, `for ${ch} in ${src}:`, `    if ${ch} in "${set}":`, `        ${n} += 1`]
        : v === 1
          ? [`${n} = sum(1 for ${ch} in ${src} if ${ch} in "${set}")`]
          : [`${n} = sum(${src}.count(${ch}) for ${ch} in "${set}")`];
    const p = place(g, { fn: ['count_letters', 'tally', 'how_many'], params: [s], body, result: n });
    const e = emitValue(g, ctx, p.value, `the number of ${desc} in s`);
    return {
      fields: [textLine(s, 's', true)],
      defs: p.defs,
      body: [...p.lines, ...e.lines],
      task: `Given a line of text s, count its ${desc}.${caseNote}`,
      out: e.out,
    };
  },
};

export const caesar: Kind = {
  name: 'caesar_shift',
  multi: 0.3,
  build(g, ctx) {
    const s = g.name(STR);
    const fromInput = g.chance(0.5);
    const k = fromInput ? g.name(['k', 'shift', 'key', 'offset']) : String(g.int(1, 25));
    const back = g.chance(0.3);
    const upper = g.chance(0.5);
    const amount = !back ? k : fromInput ? `(26 - ${k})` : String(26 - Number(k));
    const v = g.int(0, 2);
    const imports: string[] = [];
    let body: string[];
    let defs: string[][] = [];
    const rot = (base: string, ch: string) => `chr((ord(${ch}) - ord("${base}") + ${amount}) % 26 + ord("${base}"))`;
    const ch = g.name(CH);
    const out = g.name(RES);
    if (v === 0) {
      body = [
        `${out} = []`,
        `for ${ch} in ${s}:`,
        `    if "a" <= ${ch} <= "z":`,
        `        ${out}.append(${rot('a', ch)})`,
        ...(upper ? [`    elif "A" <= ${ch} <= "Z":`, `        ${out}.append(${rot('A', ch)})`] : []),
        '    else:',
        `        ${out}.append(${ch})`,
        `${out} = "".join(${out})`,
      ];
    } else if (v === 1) {
      const fn = g.name(['shift_char', 'rotate', 'encode_char']);
      const c = g.name(['c', 'symbol']);
      // The shift is a parameter only when it is read from the input; a constant shift is written in place.
      const params = fromInput ? `${c}, ${k}` : c;
      defs = [
        [
          `def ${fn}(${params}):`,
          `    if "a" <= ${c} <= "z":`,
          `        return ${rot('a', c)}`,
          ...(upper ? [`    if "A" <= ${c} <= "Z":`, `        return ${rot('A', c)}`] : []),
          `    return ${c}`,
        ],
      ];
      body = [`${out} = "".join(${fn}(${fromInput ? `${ch}, ${k}` : ch}) for ${ch} in ${s})`];
    } else {
      imports.push('import string');
      const [lo, table] = [g.name(['lower', 'alpha', 'abc']), g.name(['table', 'mapping', 'trans'])];
      const n = g.name(['m', 'r', 'step']);
      const up = g.name(['upper', 'caps', 'big']);
      body = [
        `${n} = ${amount} % 26`,
        `${lo} = string.ascii_lowercase`,
        ...(upper
          ? [
              `${up} = ${lo}.upper()`,
              `${table} = str.maketrans(${lo} + ${up}, ${lo}[${n}:] + ${lo}[:${n}] + ${up}[${n}:] + ${up}[:${n}])`,
            ]
          : [`${table} = str.maketrans(${lo}, ${lo}[${n}:] + ${lo}[:${n}])`]),
        `${out} = ${s}.translate(${table})`,
      ];
    }
    const e = emitValue(g, ctx, out, 'the encoded line');
    const dir = back
      ? `backward in the alphabet, wrapping around from a to z (for example, with a shift of 1, "a" becomes "z")`
      : `forward in the alphabet, wrapping around from z to a (for example, with a shift of 1, "z" becomes "a")`;
    const kText = fromInput ? 'k' : k;
    return {
      fields: [
        ...(fromInput ? [{ t: 'int' as const, v: k, sym: 'k', lo: 1, hi: 25, what: 'the shift' }] : []),
        textLine(s, 's', true),
      ],
      imports,
      defs,
      body: [...body, ...e.lines],
      task:
        `Encode a line of text s with a Caesar cipher: every lowercase letter is moved ${kText} positions ${dir}. ` +
        (upper
          ? 'Uppercase letters are moved the same way and stay uppercase. Spaces stay unchanged.'
          : 'All other characters, including uppercase letters and spaces, stay unchanged.'),
      out: e.out,
    };
  },
};

export const palindrome: Kind = {
  name: 'palindrome',
  multi: 0.6,
  build(g, ctx) {
    const s = g.name(STR);
    const [yes, no] = g.pick(YES_NO);
    const countWords = !ctx.multi && g.chance(0.3);
    const ignoreCase = g.chance(0.5);
    const fn = g.name(['is_pal', 'is_palindrome', 'mirrored', 'check']);
    const x = g.name(['word', 'w', 'item']);
    const norm = ignoreCase ? `${x}.lower()` : x;
    const v = g.int(0, 2);
    const y = g.name(['u', 'norm', 'folded']);
    const def =
      v === 0
        ? [`def ${fn}(${x}):`, `    return ${norm} == ${norm}[::-1]`]
        : v === 1
          ? [
              `def ${fn}(${x}):`,
              `    ${y} = ${norm}`,
              `    i, j = 0, len(${y}) - 1`,
              `    while i < j:`,
              `        if ${y}[i] != ${y}[j]:`,
              `            return False`,
              `        i += 1`,
              `        j -= 1`,
              `    return True`,
            ]
          : [
              `def ${fn}(${x}):`,
              `    ${y} = ${norm}`,
              `    return all(${y}[i] == ${y}[-1 - i] for i in range(len(${y}) // 2))`,
            ];
    const rule = ignoreCase
      ? 'A word is a palindrome if it reads the same forwards and backwards when uppercase and lowercase letters are ' +
        'treated as equal.'
      : 'A word is a palindrome if it reads the same forwards and backwards (letters must match exactly, including case).';
    const gen = (g: Gen): string => {
      let w = g.word();
      if (g.chance(0.5)) {
        const half = Array.from({ length: g.int(1, 3) }, () => g.pick([...'abcdeno'])).join('');
        w = half + (g.chance(0.5) ? g.pick([...'xyz']) : '') + [...half].reverse().join('');
      }
      return g.chance(0.4) ? mixedCase(g, w) : w;
    };
    if (countWords) {
      const n = g.name(['count', 'hits']);
      const e = emitValue(g, ctx, n, 'the number of palindromic words');
      return {
        fields: [
          {
            t: 'line',
            v: s,
            sym: 's',
            what: 'the text s: between 1 and 6 words separated by single spaces, each made of English letters',
            gen: (g) => Array.from({ length: g.int(1, 6) }, () => gen(g)).join(' '),
          },
        ],
        defs: [def],
        body: [`${n} = sum(1 for ${x} in ${s}.split() if ${fn}(${x}))`, ...e.lines],
        task: `Count the words of a line of text s that are palindromes. ${rule}`,
        out: e.out,
      };
    }
    const e = emitValue(
      g,
      ctx,
      `"${yes}" if ${fn}(${s}) else "${no}"`,
      `"${yes}" if w is a palindrome and "${no}" otherwise`,
    );
    return {
      fields: [{ t: 'line', v: s, sym: 'w', token: true, what: 'a word w of 1 to 9 English letters', gen }],
      defs: [def],
      body: e.lines,
      task: `Decide whether a word w is a palindrome. ${rule}`,
      out: e.out,
    };
  },
};
