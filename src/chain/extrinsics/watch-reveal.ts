// After a timelocked commit: the chain reveals it by itself in the reveal epoch, and every failure there is silent
// (chain.md §2.7: wrong layout, missing pulse, a failed check: the commit is just dropped). The only confirmation is
// the `TimelockedWeightsRevealed(netuid_index, hotkey)` event, so the page watches for it until a deadline block.
// UI realm (needs a connected ApiPromise).
import type { ApiPromise } from '@polkadot/api';
import type { EventRecord } from '@polkadot/types/interfaces';

export type RevealOutcome = { state: 'revealed'; block: number } | { state: 'not revealed'; lastBlock: number };

export interface RevealWatch {
  /** Resolves once the watch sees the chain's events (from then on a reveal cannot be missed). */
  watching: Promise<void>;
  done: Promise<RevealOutcome>;
  stop(): void;
}

/**
 * Resolves 'revealed' when the event for `netuidIndex` and `hotkey` appears, or 'not revealed' once the head passes
 * `deadlineBlock` without it (the commit was dropped: look at why in the preflight of the reveal checks).
 */
export function watchTimelockedReveal(
  api: ApiPromise,
  netuidIndex: number,
  hotkey: string,
  deadlineBlock: number,
): RevealWatch {
  const unsubs: (() => void)[] = [];
  let finish: (o: RevealOutcome) => void = () => {};
  const done = new Promise<RevealOutcome>((resolve) => (finish = resolve));
  let settled = false;
  const settle = (o: RevealOutcome) => {
    if (settled) return;
    settled = true;
    for (const u of unsubs.splice(0)) u();
    finish(o);
  };
  let head = 0;
  const pk = api.createType('AccountId32', hotkey).toHex();
  // Untyped without the chain's augmentation: a storage subscription hands over the decoded records.
  const subscribeEvents = api.query.system.events as unknown as (
    cb: (records: EventRecord[]) => void,
  ) => Promise<() => void>;
  // The first callback is the state at subscription time (possibly cached by the API): events of a block that was
  // already there when the watch began, never the reveal of a commit made just now, which lands an epoch later.
  let initial = true;
  let ready: () => void = () => {};
  const watching = new Promise<void>((resolve) => (ready = resolve));
  void subscribeEvents((records) => {
    if (initial) {
      initial = false;
      ready();
      return;
    }
    for (const { event } of records) {
      if (event.section !== 'subtensorModule' || event.method !== 'TimelockedWeightsRevealed') continue;
      const [index, who] = event.data;
      if (Number(index!.toString()) !== netuidIndex || who!.toHex() !== pk) continue;
      // The events are the current block's; its number may not have arrived through the heads subscription yet.
      void api.rpc.chain.getHeader().then((h) => settle({ state: 'revealed', block: h.number.toNumber() }));
    }
  }).then((u) => (settled ? u() : unsubs.push(u)));
  void api.rpc.chain
    .subscribeNewHeads((h) => {
      head = h.number.toNumber();
      if (head > deadlineBlock) settle({ state: 'not revealed', lastBlock: head });
    })
    .then((u) => (settled ? u() : unsubs.push(u)));
  return { watching, done, stop: () => settle({ state: 'not revealed', lastBlock: head }) };
}
