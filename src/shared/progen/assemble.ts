// Turns a template's recipe into a whole program and statement: reading style, optional test-case loop, main()
// wrapping, helper layout. These choices are drawn per program, so one template yields structurally different code.
// Both realms: pure.

import { type Ctx, indent } from './emit';
import type { Gen } from './gen';
import { canTokenize, describeInput, drawCase, type Field, readCode, type ReadStyle, setupCode } from './input';

/** What a template produces for one program. */
export interface Recipe {
  /** stdin of one test case, in order. */
  fields: Field[];
  /** Whole import lines ('import math', 'from collections import Counter'). */
  imports?: string[];
  /** Helper functions and classes, each a list of lines, placed before the main code. */
  defs?: string[][];
  /** Statements that solve one test case and print its answer; they use the fields' variables. */
  body: string[];
  /** The statement's task paragraph. */
  task: string;
  /** What to print for one test case, as "print …" without a final period. */
  out: string;
}

/** A program template. */
export interface Kind {
  name: string;
  /** Probability that the program reads several test cases (0 for templates whose input is already a list). */
  multi: number;
  build(g: Gen, ctx: Ctx): Recipe;
}

/** A finished program with its statement and a source of fresh valid inputs. */
export interface Built {
  kind: string;
  program: string;
  prompt: string;
  /** Draws one stdin for the program (continues the program's random stream, so it is deterministic too). */
  drawInput(): string;
}

const MAX_CASES = 4;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function assemble(g: Gen, kind: Kind): Built {
  const multi = g.chance(kind.multi);
  const numbered = multi && g.chance(0.4);
  const ctx: Ctx = { multi, caseVar: numbered ? g.name(['case_no', 'tc', 'case_idx', 'test_no']) : null };
  const tVar = multi ? g.name(['t', 'tests', 'cases', 'q', 'num_cases']) : '';
  const r = kind.build(g, ctx);

  const style: ReadStyle = canTokenize(r.fields) && g.chance(0.25) ? 'tokens' : g.pick(['input', 'input', 'readline']);
  const tok = style === 'tokens' ? g.name(['tokens', 'stream', 'words_in']) : '';
  const setup = setupCode(style, tok);
  const readT = style === 'tokens' ? `int(next(${tok}))` : 'int(input())';
  const caseCode = [...readCode(g, r.fields, style, tok), ...r.body];

  const defs = [...(r.defs ?? [])];
  let main: string[];
  if (!multi) main = caseCode;
  else if (g.chance(0.5)) {
    // One function per test case, called from the loop.
    defs.push([`def solve(${ctx.caseVar ?? ''}):`, ...indent(caseCode)]);
    main = ctx.caseVar
      ? [`${tVar} = ${readT}`, `for ${ctx.caseVar} in range(1, ${tVar} + 1):`, `    solve(${ctx.caseVar})`]
      : [`${tVar} = ${readT}`, `for _ in range(${tVar}):`, '    solve()'];
  } else {
    const loop = ctx.caseVar ? `for ${ctx.caseVar} in range(1, ${tVar} + 1):` : `for _ in range(${tVar}):`;
    main = [`${tVar} = ${readT}`, loop, ...indent(caseCode)];
  }

  const wrap = g.int(0, 3);
  if (wrap === 2) main = ['def main():', ...indent(main), '', '', 'main()'];
  else if (wrap === 3) main = ['def main():', ...indent(main), '', '', 'if __name__ == "__main__":', '    main()'];

  const imports = [...new Set([...(r.imports ?? []), ...setup.imports])].sort();
  const blocks: { lines: string[]; def: boolean }[] = [];
  if (imports.length || setup.lines.length)
    blocks.push({
      lines: [...imports, ...(imports.length && setup.lines.length ? [''] : []), ...setup.lines],
      def: false,
    });
  blocks.push(...defs.map((lines) => ({ lines, def: true })), { lines: main, def: wrap >= 2 });
  // PEP 8 spacing: two blank lines around top-level definitions, one between plain statement groups.
  const program =
    blocks
      .map((b, i) => (i === 0 ? '' : b.def || blocks[i - 1].def ? '\n\n\n' : '\n\n') + b.lines.join('\n'))
      .join('') + '\n';

  const tHi = MAX_CASES;
  const out = multi ? `For each test case, ${r.out}.` : `${cap(r.out)}.`;
  const prompt = `${r.task}\n\nInput\n${describeInput(r.fields, multi ? { sym: 't', hi: tHi } : null)}\n\nOutput\n${out}`;
  const drawInput = () => {
    if (!multi) return drawCase(g, r.fields);
    const t = g.int(2, tHi);
    return `${t}\n` + Array.from({ length: t }, () => drawCase(g, r.fields)).join('');
  };
  return { kind: kind.name, program, prompt, drawInput };
}
