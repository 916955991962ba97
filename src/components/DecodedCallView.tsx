// The call a signature is asked for, decoded from the very extrinsic the wallet will sign: its name, the signing
// account and every argument. The first part of each signing dialog (Validator, Stake). UI realm.
import { For } from 'solid-js';
import type { DecodedCall } from '../chain/extrinsics/weights-calls.ts';
import type { WalletAccount } from '../wallet/extension.ts';

/** Byte arguments longer than a hash (the timelocked commit) shortened for reading; their length stays visible. */
function argText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' && /^0x[0-9a-f]+$/i.test(value) && value.length > 66)
    return `${value.slice(0, 18)}…${value.slice(-8)} (${(value.length - 2) / 2} bytes)`;
  return text;
}

/** `signerRole` names the account's part before its name ("the coldkey "). */
export function DecodedCallView(props: { decoded: DecodedCall; signer: WalletAccount; signerRole?: string }) {
  return (
    <>
      <p>
        Call: <code data-testid="confirm-call">{props.decoded.name}</code>, signed by {props.signerRole ?? ''}
        {props.signer.name} (<code>{props.signer.address}</code>).
      </p>
      <table data-testid="confirm-args">
        <tbody>
          <For each={props.decoded.args}>
            {([name, value]) => (
              <tr>
                <th scope="row">{name}</th>
                <td>
                  <code>{argText(value)}</code>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </>
  );
}
