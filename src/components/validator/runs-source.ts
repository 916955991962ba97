// The "From stored runs" weights source as Solid state: the stored runs on offer, the chosen ones in order (first =
// champion, as on the Compare page), the rule and its options, each model's UID (prefilled from the miners'
// commitments) and the resulting verdict and weights draft. A reactive factory; UI realm.
import { createMemo, createResource, createSignal, type Accessor } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { MinerCommitment } from '../../chain/commitments.ts';
import type { Metagraph } from '../../chain/metagraph.ts';
import type { Verdict } from '../../shared/judge/types.ts';
import { listRuns } from '../../storage/runs.ts';
import { countSamples } from '../../storage/samples.ts';
import type { RunRecord } from '../../storage/schema.ts';
import { createRuleOptions } from '../compare/rule-options.ts';
import { loadRunModel } from '../compare/load.ts';
import type { CompareModel } from '../compare/model.ts';
import { addModels, makeChampion, removeModel } from '../compare/order.ts';
import { checkUids, draftFromVerdict, minerForRun, verdictOf, type WeightsRule } from './runs-weights.ts';
import type { WeightsDraft } from './weights-draft.ts';

export interface RunsSourceDeps {
  /** Whether this source is chosen: the run list is read only then. */
  active: Accessor<boolean>;
  metagraph: Accessor<Metagraph | null>;
  commitments: Accessor<ReadonlyMap<string, MinerCommitment>>;
  burn: Accessor<number>;
}

async function loadRunList() {
  const runs = await listRuns();
  return Promise.all(runs.map(async (run) => ({ run, done: await countSamples(run.id) })));
}

export function createRunsSource(deps: RunsSourceDeps) {
  const [runList, { refetch }] = createResource(() => deps.active() || null, loadRunList);
  const [models, setModels] = createSignal<CompareModel[]>([]);
  const [runs, setRuns] = createSignal<ReadonlyMap<string, RunRecord>>(new Map());
  const [loading, setLoading] = createSignal<string | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const rules = createRuleOptions<WeightsRule>(['champion', 'stages'], 'champion');
  const { rule, options } = rules;
  /** What the user typed per model id; a model not in here shows its prefilled UID. */
  const [typed, setTyped] = createStore<Record<string, string>>({});
  const wanted = new Set<string>();
  // Loads run one after another, so the models keep the order the user ticked them in (the first is the champion).
  let queue = Promise.resolve();

  function toggle(run: RunRecord, on: boolean) {
    if (!on) {
      wanted.delete(run.id);
      setModels((l) => removeModel(l, run.id));
      return;
    }
    wanted.add(run.id);
    queue = queue.then(async () => {
      if (!wanted.has(run.id)) return;
      setLoading(`Loading run ${run.id}…`);
      setLoadError(null);
      try {
        const m = await loadRunModel(run);
        // Unticked while its samples were read: leave it out.
        if (!wanted.has(run.id)) return;
        setRuns((map) => new Map(map).set(run.id, run));
        setModels((l) => addModels(l, [m]));
      } catch (e) {
        wanted.delete(run.id);
        setLoadError((e as Error).message);
      } finally {
        setLoading(null);
      }
    });
  }

  const prefill = createMemo(() => {
    const mg = deps.metagraph();
    const commitments = deps.commitments();
    const map = runs();
    return new Map(models().map((m) => [m.scores.id, minerForRun(map.get(m.scores.id)!, commitments, mg)]));
  });

  const uidText = (id: string) => typed[id] ?? prefill().get(id)?.uid.toString() ?? '';

  const verdict = createMemo((): { verdict?: Verdict; error?: string } => {
    const list = models();
    if (list.length < 2) return {};
    try {
      return { verdict: verdictOf(rule(), list, { ...options[rule()] }) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });

  const draft = createMemo((): { draft?: WeightsDraft; error?: string } => {
    const list = models();
    if (list.length < 2) return {};
    const v = verdict();
    if (!v.verdict) return { error: v.error };
    const mg = deps.metagraph();
    if (!mg) return { error: 'Load the metagraph: each UID is checked against the subnet.' };
    const checked = checkUids(
      list,
      list.map((m) => uidText(m.scores.id)),
      mg.params.subnetworkN,
    );
    if ('problems' in checked) return { error: checked.problems.join(' ') };
    try {
      return { draft: draftFromVerdict(v.verdict, list, checked.uids, deps.burn()) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });

  return {
    runList,
    reloadRuns: () => void refetch(),
    models,
    chosen: (id: string) => models().some((m) => m.scores.id === id),
    toggle,
    makeChampion: (id: string) => setModels((l) => makeChampion(l, id)),
    loading,
    loadError,
    ...rules,
    prefill,
    uidText,
    setUid: (id: string, text: string) => setTyped(id, text),
    verdict,
    draft,
  };
}

export type RunsSource = ReturnType<typeof createRunsSource>;
