// The Compare page's state and commands: the ordered models, interval and rule choices, busy and error states, and
// the derived rows, verdict and leaderboard. A reactive factory (`createCompare`); UI realm.
import { createMemo, createResource, createSignal } from 'solid-js';
import type { RuleName, Verdict } from '../../shared/judge/types.ts';
import type { RunRecord } from '../../storage/schema.ts';
import { bootstrapCells, bootstrapIntervals, cellsSignature } from './bootstrap.ts';
import { judge } from './judge.ts';
import { createRuleOptions } from './rule-options.ts';
import { rankModels } from './leaderboard.ts';
import { loadJsonlModels, loadRunModel } from './load.ts';
import { affineFromFiles, fetchAffineModels } from './affine-load.ts';
import type { CompareModel } from './model.ts';
import { addModels, makeChampion, moveModel, removeModel } from './order.ts';
import { envRows, type BinaryMethod } from './rows.ts';

export type Message = { kind: 'error' | 'ok'; text: string };

export function createCompare() {
  const [models, setModels] = createSignal<CompareModel[]>([]);
  const [binary, setBinary] = createSignal<BinaryMethod>('wilson');
  const rules = createRuleOptions<RuleName>(['champion', 'stages', 'pareto'], 'champion');
  const { rule, options } = rules;
  const [busy, setBusy] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<Message | null>(null);

  /** Runs `fn` with a busy label; its error becomes the page's message. Nothing already chosen is dropped. */
  async function task(label: string, fn: () => Promise<string | void>) {
    setBusy(label);
    setMessage(null);
    try {
      const ok = await fn();
      if (ok) setMessage({ kind: 'ok', text: ok });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  const add = (added: CompareModel[]) => setModels((list) => addModels(list, added));

  const cells = createMemo(() => bootstrapCells(models()), undefined, {
    equals: (a, b) => cellsSignature(a) === cellsSignature(b),
  });
  const [boot] = createResource(cells, (c) => bootstrapIntervals(c));
  const rows = createMemo(() => envRows(models(), binary(), boot.latest?.intervals ?? new Map()));

  const verdict = createMemo((): { verdict: Verdict | null; error: string | null } => {
    const list = models();
    if (list.length < 2) return { verdict: null, error: null };
    try {
      return {
        verdict: judge(
          rule(),
          list.map((m) => m.scores),
          { ...options[rule()] },
        ),
        error: null,
      };
    } catch (e) {
      return { verdict: null, error: (e as Error).message };
    }
  });

  /** The stages rule's weights rank the leaderboard (with the page's stages options); without weights, the means. */
  const leaderboard = createMemo(() => {
    const list = models();
    let weights = rule() === 'stages' ? verdict().verdict?.weights : undefined;
    if (!weights && list.length >= 2) {
      try {
        weights = judge(
          'stages',
          list.map((m) => m.scores),
          { ...options.stages },
        ).weights;
      } catch {
        weights = undefined;
      }
    }
    return rankModels(list, weights);
  });

  return {
    models,
    binary,
    setBinary,
    ...rules,
    busy,
    message,
    bootstrapping: () => boot.loading,
    /** Where the last bootstrap ran ('WebGPU', 'CPU worker', 'main thread'), or its error. */
    bootstrapWhere: () => (boot.error ? `failed: ${(boot.error as Error).message}` : boot.latest?.where),
    rows,
    verdict,
    leaderboard,
    addRun: (run: RunRecord) =>
      task(`Loading run ${run.id}…`, async () => {
        add([await loadRunModel(run)]);
      }),
    addJsonlFiles: (files: File[]) =>
      task(`Reading ${files.map((f) => f.name).join(', ')}…`, async () => {
        const loaded: CompareModel[] = [];
        // All files are checked before any is added: a bad file adds nothing.
        for (const f of files) loaded.push(...loadJsonlModels(await f.text(), f.name));
        add(loaded);
        return `Added ${loaded.length} model(s) from ${files.map((f) => f.name).join(', ')}.`;
      }),
    addAffineFiles: (files: File[]) =>
      task(`Reading Affine documents…`, async () => {
        const loaded = await affineFromFiles(files);
        add(loaded);
        return `Added ${loaded.length} Affine model(s) from ${files.map((f) => f.name).join(', ')}.`;
      }),
    fetchAffine: (baseUrl: string) =>
      task(`Fetching Affine's published scores from ${baseUrl}…`, async () => {
        const loaded = await fetchAffineModels(baseUrl);
        add(loaded);
        return `Added ${loaded.length} Affine model(s) from ${baseUrl}.`;
      }),
    remove: (id: string) => setModels((list) => removeModel(list, id)),
    move: (index: number, delta: number) => setModels((list) => moveModel(list, index, delta)),
    makeChampion: (id: string) => setModels((list) => makeChampion(list, id)),
  };
}

export type CompareApi = ReturnType<typeof createCompare>;
