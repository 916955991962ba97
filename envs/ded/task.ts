// DED task: the row's problem statement plus Affine's instructions; the test cases travel unparsed, because upstream
// parses them only when scoring (a parse failure scores 0 rather than failing the task). Both realms: pure.

import { pyRstrip } from '../../src/shared/pystr';
import { rowString } from '../common/executor';
import type { DatasetRow } from '../types';
import { DED_META, DED_PROMPT_SUFFIX } from './meta';

/** What a DED task carries to the scorer: the row's raw test-case fields (strings, or objects from a JSON import). */
export interface DedData {
  datasetIndex: number;
  verificationInfo: unknown;
  testCases: unknown;
}

/** `sample["prompt"].rstrip() + extra_hint`. */
export function dedPrompt(prompt: string): string {
  return pyRstrip(prompt) + DED_PROMPT_SUFFIX;
}

export function generateDed(row: DatasetRow, index: number): { prompt: string; data: DedData } {
  const prompt = dedPrompt(rowString(row, 'prompt', index, DED_META.name));
  return { prompt, data: { datasetIndex: index, verificationInfo: row.verification_info, testCases: row.test_cases } };
}
