// The Validator page: connect to a network, read a subnet's metagraph, pick the signing hotkey, load weights, check
// them the way the chain will, set or commit them through the wallet after an explicit confirmation, and reveal hash
// commits in their window; and see what Yuma Consensus will make of the weights before signing. UI realm.
import '../chain-page.css';
import './validator.css';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { MetagraphPanel } from './MetagraphPanel.tsx';
import { NetworkPanel } from './NetworkPanel.tsx';
import { PreflightPanel } from './PreflightPanel.tsx';
import { RevealsPanel } from './RevealsPanel.tsx';
import { SubmitResult } from './SubmitResult.tsx';
import { WalletPanel } from './WalletPanel.tsx';
import { WeightsPanel } from './WeightsPanel.tsx';
import { YumaPanel } from '../yuma/YumaPanel.tsx';
import { createValidator } from './validator-state.ts';

export function ValidatorPage() {
  const api = createValidator();
  return (
    <div class="chain-page validator">
      <h2>Validator</h2>
      <p class="hint">
        Nothing is signed without the confirmation dialog; the wallet extension holds the keys, never this page.
      </p>
      <NetworkPanel chain={api.chain} />
      <MetagraphPanel api={api} />
      <WalletPanel api={api} />
      <WeightsPanel api={api} />
      <PreflightPanel api={api} />
      <RevealsPanel api={api} />
      <YumaPanel api={api} />
      <SubmitResult api={api} />
      <ConfirmDialog api={api} />
    </div>
  );
}
