// PRINT answer extraction and scoring, exactly as `clean_llm_prediction` and `compare_outputs` in affinetes
// environments/trace/trace_task.py @ 345b7bcf. Both realms: pure.

import { pyStrip } from '../../src/shared/pystr';
import { clip, removeThinkBlocks, WS } from '../common/executor';

const CODE_BLOCK = /```(?:[a-zA-Z]*)\n?([\s\S]*?)\n?```/;
const ALL_WS = new RegExp(`[${WS}]+`, 'g');

/**
 * `clean_llm_prediction`: think blocks removed; text after the last remaining `</think>` (then `</thinking>`), stripped;
 * the first fenced block's content if there is one; `strip()`.
 */
export function cleanPrediction(reply: string): string {
  let p = removeThinkBlocks(reply);
  if (p.includes('</think>')) p = pyStrip(p.slice(p.lastIndexOf('</think>') + '</think>'.length));
  if (p.includes('</thinking>')) p = pyStrip(p.slice(p.lastIndexOf('</thinking>') + '</thinking>'.length));
  const m = CODE_BLOCK.exec(p);
  if (m) p = m[1];
  return pyStrip(p);
}

/** `"".join(s.split()).lower()`: every Python whitespace character removed, Unicode lower-casing. */
export function squash(s: string): string {
  return s.replace(ALL_WS, '').toLowerCase();
}

export interface PrintScoreExtra {
  /** `"1/1"` or `"0/1"`, as upstream reports it. */
  test_result: '1/1' | '0/1';
  dataset_index: number;
  prediction: string;
  [key: string]: unknown;
}

/** 1 iff the cleaned prediction equals the ground truth ignoring all whitespace and case. */
export function scorePrint(
  groundTruth: string,
  datasetIndex: number,
  reply: string,
): { score: 0 | 1; extra: PrintScoreExtra } {
  const prediction = cleanPrediction(reply);
  const ok = squash(groundTruth) === squash(prediction);
  return {
    score: ok ? 1 : 0,
    extra: { test_result: ok ? '1/1' : '0/1', dataset_index: datasetIndex, prediction: clip(prediction) },
  };
}
