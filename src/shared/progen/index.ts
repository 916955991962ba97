// Offline generator of seeded Python stdin→stdout programs with problem statements, so ABD, DED and PRINT can run on
// fresh tasks without the Hugging Face dataset. Both realms: pure (running the programs is the host's Executor's job).
//
// A seed picks a template (kinds/), the template draws names, constants, algorithm variants and output formats, and
// assemble.ts draws the program's shape (reading style, test-case loop, main() wrapping). Inputs come from the same
// random stream, so a seed fixes the program, its statement and its inputs.

export { buildProgram, generateProgram, PROGEN_KINDS, PROGEN_VERSION } from './program';
export { CASES, completeRow, generateRows, generateRowSpec } from './rows';
export type { GeneratedRows, ProgenRow, Rejection, RowSpec, StdioCase } from './rows';
