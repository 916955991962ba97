// ABD task generation: dataset row -> the program's actual output -> the verbatim prompt. Both realms; runs the
// program once in the sandbox. Mirrors `ABDTask.generate` in affinetes environments/affine/abd.py @ 345b7bcf.

import type { Executor } from '../../src/shared/api/sandbox';
import { pyStrip } from '../../src/shared/pystr';
import { clip, DatasetRowError, rowString, runProgram } from '../common/executor';
import type { DatasetRow } from '../types';
import { ABD_META, ABD_PROMPT_TEMPLATE } from './meta';

/** What an ABD task carries to the scorer. */
export interface AbdData {
  datasetIndex: number;
  program: string;
  /** The row's example stdin (null when the row has none). */
  inputs: string | null;
  /**
   * The output the model must reproduce: the program's stdout on `inputs`, or the row's `output` when that run wrote
   * to stderr or printed only whitespace. null is Python's None (row without `output`): the prompt then shows "None"
   * and Affine's evaluator crashes when it reaches the comparison.
   */
  expectedOutput: string | null;
  /** Where `expectedOutput` came from. */
  outputSource: 'program' | 'dataset';
  /** Why the fallback was taken (stderr of the generation run, clipped), when it was. */
  fallbackReason?: string;
}

/** `PROMPT_TEMPLATE.format(program=program, output=output)`; None prints as "None". */
export function abdPrompt(program: string, output: string | null): string {
  return ABD_PROMPT_TEMPLATE.replace('{program}', () => program).replace('{output}', () => output ?? 'None');
}

function optionalString(row: DatasetRow, field: 'inputs' | 'output', index: number): string | null {
  const v = row[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') {
    throw new DatasetRowError(`${ABD_META.name}: dataset row ${index} field "${field}" must be a string or null.`);
  }
  return v;
}

/**
 * Runs `program` on `inputs` (plus "\n" if missing) and uses its stdout unless the run wrote anything to stderr or
 * printed only whitespace; then the row's `output`. A row without `inputs` makes upstream's executor raise
 * (`stdin.write(None)`), which also takes the fallback.
 */
export async function generateAbd(exec: Executor, row: DatasetRow, index: number): Promise<AbdData> {
  const program = rowString(row, 'program', index, ABD_META.name);
  const inputs = optionalString(row, 'inputs', index);
  const fallbackOutput = optionalString(row, 'output', index);
  let fallbackReason: string;
  if (inputs === null) {
    fallbackReason = 'the row has no inputs';
  } else {
    const run = await runProgram(exec, program, inputs, { appendNewline: true });
    if (!run.stderr && pyStrip(run.stdout)) {
      return { datasetIndex: index, program, inputs, expectedOutput: run.stdout, outputSource: 'program' };
    }
    fallbackReason = run.stderr ? `stderr: ${clip(run.stderr, 500)}` : 'the program printed only whitespace';
  }
  return {
    datasetIndex: index,
    program,
    inputs,
    expectedOutput: fallbackOutput,
    outputSource: 'dataset',
    fallbackReason,
  };
}
