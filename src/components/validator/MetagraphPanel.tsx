// Netuid input, Load button and the subnet's metagraph: hyperparameters the weights depend on and one row per UID,
// with the model its hotkey committed and a link to evaluate it. UI realm.
import { For, Show } from 'solid-js';
import { hrefOf } from '../../app/route.ts';
import type { MinerCommitment } from '../../chain/commitments.ts';
import { modelLabel } from '../../shared/judge/from-samples.ts';
import type { ValidatorApi } from './validator-state.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

/** `5Grw…utQY`: enough to tell hotkeys apart; the full key is in the title. */
export const shortKey = (k: string) => (k.length > 12 ? `${k.slice(0, 6)}…${k.slice(-4)}` : k);

/** Rao as a decimal amount with 4 places (alpha or TAO). */
export function formatRao(rao: bigint): string {
  const whole = rao / 1_000_000_000n;
  const frac = ((rao % 1_000_000_000n) / 100_000n).toString().padStart(4, '0');
  return `${whole.toLocaleString('en-US')}.${frac}`;
}

/** The model cell: model@revision (shortened), Affine's reason the commitment is invalid, and an Evaluate link. */
function ModelCell(props: { c: MinerCommitment | undefined }) {
  return (
    <Show when={props.c}>
      {(c) => (
        <>
          <Show when={c().model}>
            {(model) => (
              <span title={c().revision ? `${model()}@${c().revision}` : model()}>
                {modelLabel(model(), c().revision, model())}
              </span>
            )}
          </Show>
          <Show when={c().problem}>
            {(p) => (
              <>
                {' '}
                <span class="bad-commit">({p()})</span>
              </>
            )}
          </Show>
          <Show when={c().model}>
            {(model) => (
              <>
                {' '}
                <a
                  href={hrefOf({
                    page: 'evaluate',
                    model: model(),
                    ...(c().revision ? { revision: c().revision! } : {}),
                  })}
                  aria-label={`Evaluate ${model()}`}
                >
                  Evaluate
                </a>
              </>
            )}
          </Show>
        </>
      )}
    </Show>
  );
}

export function MetagraphPanel(props: { api: ValidatorApi }) {
  const v = () => props.api;
  return (
    <section class="panel" aria-labelledby="metagraph-title">
      <h3 id="metagraph-title">2. Subnet</h3>
      <form
        class="actions"
        onSubmit={(e) => {
          e.preventDefault();
          void v().loadMetagraph();
        }}
      >
        <label class="inline">
          Netuid{' '}
          <input
            type="number"
            min="0"
            max="65535"
            value={v().netuid()}
            onInput={(e) => v().setNetuid(e.currentTarget.valueAsNumber)}
          />
        </label>
        <button type="submit" disabled={!v().chain.connection() || v().loadingMetagraph()}>
          Load metagraph
        </button>
      </form>
      <ErrorAlert message={v().metagraphError()} />
      <ErrorAlert message={v().commitmentsError()} />
      <Show when={v().metagraph()}>
        {(mg) => (
          <>
            <p data-testid="subnet-params">
              Subnet {mg().netuid} at block {mg().block}: {mg().params.subnetworkN} UIDs, tempo {mg().params.tempo},
              commit-reveal {mg().params.commitRevealWeightsEnabled ? 'on' : 'off'} (version{' '}
              {mg().params.commitRevealWeightsVersion}, reveal after {mg().params.revealPeriodEpochs} epoch(s)), version
              key {mg().params.weightsVersionKey.toString()}, rate limit {mg().params.weightsSetRateLimit} blocks, at
              least {mg().params.minAllowedWeights} weights, stake threshold {formatRao(mg().params.stakeThreshold)}.
            </p>
            <table class="metagraph" data-testid="metagraph">
              <thead>
                <tr>
                  <th scope="col">UID</th>
                  <th scope="col">Hotkey</th>
                  <th scope="col">Stake</th>
                  <th scope="col">Permit</th>
                  <th scope="col">Last update</th>
                  <th scope="col">Model</th>
                </tr>
              </thead>
              <tbody>
                <For each={mg().rows}>
                  {(r) => (
                    <tr>
                      <td>{r.uid}</td>
                      <td title={r.hotkey}>{shortKey(r.hotkey)}</td>
                      <td title={`${r.alphaStake} α rao + ${r.taoStake} τ rao`}>{formatRao(r.stake)}</td>
                      <td>{r.validatorPermit ? 'yes' : 'no'}</td>
                      <td>{r.lastUpdate || 'never'}</td>
                      <td>
                        <ModelCell c={v().commitments().get(r.hotkey)} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </>
        )}
      </Show>
    </section>
  );
}
