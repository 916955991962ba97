// The Stake page (dTAO, chain.md §3): connect to a network, browse every subnet's market, connect the coldkey to see
// its balance and positions, and stake or unstake on one subnet with a limit price from the runtime's exact quote,
// after an explicit confirmation that quotes again before the wallet is asked. UI realm.
import '../chain-page.css';
import './stake.css';
import { NetworkPanel } from '../validator/NetworkPanel.tsx';
import { OrderPanel } from './OrderPanel.tsx';
import { PortfolioPanel } from './PortfolioPanel.tsx';
import { StakeConfirmDialog } from './StakeConfirmDialog.tsx';
import { StakeResult } from './StakeResult.tsx';
import { SubnetsPanel } from './SubnetsPanel.tsx';
import { createStake } from './stake-state.ts';

export function StakePage() {
  const api = createStake();
  return (
    <div class="chain-page stake">
      <h2>Stake</h2>
      <p class="hint">
        Every order carries a limit price; nothing is signed without the confirmation dialog, and the wallet extension
        holds the keys, never this page.
      </p>
      <NetworkPanel chain={api.chain} />
      <SubnetsPanel api={api} />
      <PortfolioPanel api={api} />
      <OrderPanel api={api} />
      <StakeResult api={api} />
      <StakeConfirmDialog api={api} />
    </div>
  );
}
