// What came of the last staking order: the quote it was signed on next to the actual amounts of its events
// (StakeAdded / StakeRemoved, and for moves and swaps StakeMoved / StakeSwapped), or the chain's named error, or why
// nothing was sent. UI realm.
import { For, Show } from 'solid-js';
import { formatRao } from '../../chain/stake/amounts.ts';
import type { Settlement } from '../../chain/stake/stake-events.ts';
import type { MoveQuote } from '../../chain/stake/move-quote.ts';
import type { Quote } from '../../chain/stake/quotes.ts';
import { EventList } from '../EventList.tsx';
import type { StakeApi, StakeResultView } from './stake-state.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';

const avg = (tao: bigint, alpha: bigint) => (alpha === 0n ? '—' : formatRao((tao * 1_000_000_000n) / alpha));

/** [label, quoted, actual] rows for a buy or a sell. */
function rows(q: Quote, s: Settlement): [string, string, string][] {
  if (q.side === 'buy')
    return [
      ['TAO paid (fee included)', formatRao(q.amountIn), formatRao(s.taoIn)],
      ['Alpha received', formatRao(q.out), formatRao(s.alphaOut)],
      ['Fee (TAO)', formatRao(q.fee), formatRao(s.taoFees)],
      ['Average price (TAO per alpha)', formatRao(q.effectivePrice), avg(s.taoIn, s.alphaOut)],
    ];
  return [
    ['Alpha sold (fee included)', formatRao(q.amountIn), formatRao(s.alphaIn)],
    ['TAO received', formatRao(q.out), formatRao(s.taoOut)],
    ['Fee (alpha)', formatRao(q.fee), formatRao(s.alphaFees)],
    ['Average price (TAO per alpha)', formatRao(q.effectivePrice), avg(s.taoOut, s.alphaIn)],
  ];
}

/** [label, quoted, actual] rows for a move or swap: the unstake leg, the TAO carried, the stake leg, the fee. */
function moveRows(q: MoveQuote, s: Settlement): [string, string, string][] {
  const or = (x: bigint, when: boolean) => (when ? formatRao(x) : '—');
  const removed = s.events.some((e) => e.kind === 'StakeRemoved');
  const added = s.events.some((e) => e.kind === 'StakeAdded');
  const moved = s.taoMoved ?? (removed ? s.taoOut : null);
  return [
    [`Alpha taken on subnet ${q.originNetuid} (fee included)`, formatRao(q.amountIn), or(s.alphaIn, removed)],
    ['TAO carried between the subnets', or(q.taoMoved ?? 0n, q.taoMoved !== null), or(moved ?? 0n, moved !== null)],
    [`Alpha received on subnet ${q.destinationNetuid}`, formatRao(q.out), or(s.alphaOut, added)],
    [
      `Fee (${q.feeUnit})`,
      formatRao(q.fee),
      or(q.feeUnit === 'alpha' ? s.alphaFees : s.taoFees, q.feeUnit === 'alpha' ? removed : added),
    ],
    [
      'Alpha received per alpha moved',
      formatRao(q.effectiveRatio),
      removed && added && s.alphaIn > 0n ? formatRao((s.alphaOut * 1_000_000_000n) / s.alphaIn) : '—',
    ],
  ];
}

/** The rows of whichever quote the order was signed on. */
const resultRows = (r: StakeResultView, s: Settlement) =>
  r.move ? moveRows(r.move, s) : r.quote ? rows(r.quote, s) : [];

function Outcome(props: { r: StakeResultView }) {
  const o = () => props.r.outcome;
  return (
    <section class="panel" aria-labelledby="stake-result-title" data-testid="stake-result">
      <h3 id="stake-result-title">Result</h3>
      <p role="status" class={o().ok ? 'ok' : 'error'}>
        {o().ok
          ? `Included in block ${o().blockHash?.slice(0, 12)}….`
          : `Failed: ${o().error?.name}${o().error?.docs ? ` (${o().error?.docs})` : ''}`}
      </p>
      <ErrorAlert message={props.r.settlementError} />
      <Show when={o().ok && props.r.settlement}>
        {(s) => (
          <Show
            when={s().events.length > 0}
            fallback={<p class="error">The block reports no staking event for this extrinsic.</p>}
          >
            <table data-testid="settlement">
              <caption>Quoted and actual amounts (actual: from the block's events)</caption>
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">Quoted</th>
                  <th scope="col">Actual</th>
                </tr>
              </thead>
              <tbody>
                <For each={resultRows(props.r, s())}>
                  {([label, quoted, actual]) => (
                    <tr>
                      <th scope="row">{label}</th>
                      <td>{quoted}</td>
                      <td>{actual}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
        )}
      </Show>
      <EventList events={o().events} />
    </section>
  );
}

export function StakeResult(props: { api: StakeApi }) {
  const s = () => props.api;
  return (
    <>
      <Show when={s().message()}>
        {(m) => (
          <p class={m().kind} role={m().kind === 'error' ? 'alert' : 'status'} data-testid="stake-message">
            {m().text}
          </p>
        )}
      </Show>
      <Show when={s().result()}>{(r) => <Outcome r={r()} />}</Show>
    </>
  );
}
