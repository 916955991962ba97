// Pure commands on the ordered model list of the Compare page: add, remove, move, make champion. The first model
// is the champion (or the earliest committer). UI realm, no DOM.
import type { CompareModel } from './model.ts';

/**
 * Appends models; one whose id is already listed replaces the old entry in place (a re-imported file or re-fetched
 * document). Labels that collide with another model's get a ` (2)`, ` (3)` suffix so tables and plots tell them apart.
 */
export function addModels(list: readonly CompareModel[], added: readonly CompareModel[]): CompareModel[] {
  const out = [...list];
  for (const m of added) {
    const i = out.findIndex((x) => x.scores.id === m.scores.id);
    if (i >= 0) out[i] = m;
    else out.push(m);
  }
  return uniqueLabels(out);
}

export function removeModel(list: readonly CompareModel[], id: string): CompareModel[] {
  return list.filter((m) => m.scores.id !== id);
}

/** Moves the model at `index` by `delta` places (clamped to the list). */
export function moveModel(list: readonly CompareModel[], index: number, delta: number): CompareModel[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (to === index || index < 0 || index >= list.length) return [...list];
  const out = [...list];
  const [m] = out.splice(index, 1);
  out.splice(to, 0, m!);
  return out;
}

/** Moves the model with `id` to the front, where the rules read the champion. */
export function makeChampion(list: readonly CompareModel[], id: string): CompareModel[] {
  const i = list.findIndex((m) => m.scores.id === id);
  return i <= 0 ? [...list] : moveModel(list, i, -i);
}

function uniqueLabels(list: CompareModel[]): CompareModel[] {
  const seen = new Map<string, number>();
  return list.map((m) => {
    // Strip a suffix we added earlier, so removing a model and re-adding another does not pile them up.
    const base = m.scores.label.replace(/ \(\d+\)$/, '');
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    const label = k === 1 ? base : `${base} (${k})`;
    return label === m.scores.label ? m : { ...m, scores: { ...m.scores, label } };
  });
}
