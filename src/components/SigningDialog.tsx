// The modal shell every signature goes through: a titled <dialog> that traps focus, turns Escape into Cancel, shows
// the transaction's progress while busy, and offers Sign (the only path to the wallet) and Cancel. The Validator and
// Stake pages put their decoded call in it. UI realm.
import { createEffect, Show, type JSX } from 'solid-js';

/** What a page's signing state offers the dialog (validator-state.ts, stake-state.ts). */
export interface SigningSession<C> {
  /** The call awaiting the user's decision; the dialog is open while it is set. */
  confirmation: () => C | null;
  busy: () => boolean;
  /** The transaction's progress ('signing', 'in block', ...), shown while busy. */
  txStatus: () => string | null;
  sign: () => unknown;
  cancel: () => void;
}

export function SigningDialog<C>(props: {
  id: string;
  title: string;
  session: SigningSession<C>;
  /** The decoded call, drawn from the open confirmation (an accessor: it follows a confirmation that changes). */
  children: (c: () => C) => JSX.Element;
}) {
  const s = () => props.session;
  let dialog: HTMLDialogElement | undefined;
  createEffect(() => {
    // Read first, so the effect tracks the state even on a run before the ref is set.
    const wanted = s().confirmation() !== null;
    if (!dialog) return;
    if (wanted && !dialog.open) dialog.showModal();
    if (!wanted && dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={(el) => (dialog = el)}
      aria-labelledby={`${props.id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        s().cancel();
      }}
    >
      <h3 id={`${props.id}-title`}>{props.title}</h3>
      <Show when={s().confirmation()}>{(c) => props.children(c)}</Show>
      <Show when={s().busy()}>
        <p role="status">{s().txStatus() ?? 'signing'}…</p>
      </Show>
      <div class="actions">
        <button type="button" onClick={() => void s().sign()} disabled={s().busy()}>
          Sign
        </button>
        <button type="button" onClick={() => s().cancel()} disabled={s().busy()}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
