// Shared pieces of template bodies: how a result is printed (with the matching words for the statement) and whether
// a computation is written inline or as a helper function. Both realms: pure.

import type { Gen } from './gen';

/** What a template knows about the program around it when it is built. */
export interface Ctx {
  /** The program reads several test cases. */
  multi: boolean;
  /** Python name of the 1-based test-case number, when the program has one in scope. */
  caseVar: string | null;
}

/** Python lines that print a result, and the statement's description of them ("print …", no final period). */
export interface Emit {
  lines: string[];
  out: string;
}

export const indent = (lines: readonly string[], levels = 1): string[] =>
  lines.map((l) => (l === '' ? l : ' '.repeat(4 * levels) + l));

const LABELS = ['Answer', 'Result', 'Output', 'Value'];

/** Prints one value. `what` is its description ("the number of vowels in s"). */
export function emitValue(g: Gen, ctx: Ctx, expr: string, what: string, labels: readonly string[] = LABELS): Emit {
  const roll = g.int(0, 5);
  if (ctx.caseVar && roll <= 2) {
    const cv = ctx.caseVar;
    return {
      lines: [roll === 0 ? `print("Case #%d: %s" % (${cv}, ${expr}))` : `print("Case #" + str(${cv}) + ":", ${expr})`],
      out: `print a line "Case #i: X", where i is the number of the test case (counting from 1) and X is ${what}`,
    };
  }
  if (roll === 5) {
    const label = g.pick(labels);
    return { lines: [`print("${label}:", ${expr})`], out: `print a line "${label}: X", where X is ${what}` };
  }
  return { lines: [`print(${expr})`], out: `print ${what}` };
}

/** Prints a non-empty list of values. `what` is its description ("the prefix sums of the list"). */
export function emitList(g: Gen, ctx: Ctx, expr: string, what: string, x = 'x'): Emit {
  // One value per line only for single-case programs, so that outputs stay a few lines long.
  const roll = g.int(0, ctx.multi ? 5 : 6);
  if (ctx.caseVar && roll === 0)
    return {
      lines: [`print("Case #%d:" % ${ctx.caseVar}, *${expr})`],
      out:
        `print a line "Case #i: " followed by ${what}, separated by single spaces, where i is the number of the ` +
        `test case (counting from 1)`,
    };
  if (roll <= 2) return { lines: [`print(*${expr})`], out: `print ${what} on one line, separated by single spaces` };
  if (roll <= 4)
    return {
      lines: [`print(" ".join(map(str, ${expr})))`],
      out: `print ${what} on one line, separated by single spaces`,
    };
  if (roll === 5)
    return {
      lines: [`print(",".join(str(${x}) for ${x} in ${expr}))`],
      out: `print ${what} on one line, separated by commas without spaces`,
    };
  return { lines: [`for ${x} in ${expr}:`, `    print(${x})`], out: `print ${what}, one per line` };
}

/** A computation over input variables: statements, then the result expression. */
export interface Computation {
  /** Candidate names of the helper function. */
  fn: readonly string[];
  /** Variables the statements read; they become the function's parameters. */
  params: string[];
  body: string[];
  result: string;
}

/** Where a computation ended up: helper definitions, statements at the use site, and the expression to use. */
export interface Placed {
  defs: string[][];
  lines: string[];
  value: string;
}

/**
 * Writes the computation inline (probability 1 - pFn) or as `def fn(params): … return result` (pFn). With `into`,
 * the value is stored in that variable first, so it can be printed several times without recomputing.
 */
export function place(g: Gen, c: Computation, into?: string, pFn = 0.5): Placed {
  let defs: string[][] = [];
  let lines: string[];
  let value: string;
  if (g.chance(pFn)) {
    const fn = g.name(c.fn);
    defs = [[`def ${fn}(${c.params.join(', ')}):`, ...indent(c.body), `    return ${c.result}`]];
    lines = [];
    value = `${fn}(${c.params.join(', ')})`;
  } else {
    lines = [...c.body];
    value = c.result;
  }
  if (into && value !== into) {
    lines.push(`${into} = ${value}`);
    value = into;
  }
  return { defs, lines, value };
}
