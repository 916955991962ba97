// Yuma's inputs on top of the scripted four-UID subnet (validator-subnet.ts): hyperparameters by name, weights and
// bonds rows, registration blocks, as fixture-node storage. Shared by the chain reader's unit test and the
// Validator page's Yuma test. Node realm, tests only.
import type { FixtureChain } from '../support/fixture-chain.ts';
import type { ScriptedSubnet } from './validator-subnet.ts';

export interface ScriptedYuma {
  kappa: number;
  bondsPenalty: number;
  bondsMovingAverage: number;
  yuma3: boolean;
  liquidAlpha: boolean;
  alphaValues: [number, number];
  alphaSigmoidSteepness: number;
  maxAllowedValidators: number;
  activityCutoff: number;
  /** Validator uid → [miner uid, u16][]. */
  weights: Record<number, [number, number][]>;
  bonds: Record<number, [number, number][]>;
  blockAtRegistration: number[];
}

export const DEFAULT_YUMA: ScriptedYuma = {
  kappa: 32767,
  bondsPenalty: 65535,
  bondsMovingAverage: 900_000,
  yuma3: true,
  liquidAlpha: false,
  alphaValues: [45875, 58982],
  alphaSigmoidSteepness: 1000,
  maxAllowedValidators: 64,
  activityCutoff: 5000,
  // Alice (UID 1, the only permit) weighs Bob (2) and Charlie (3); Bob's row is dropped by the epoch (no permit).
  weights: {
    1: [
      [2, 20000],
      [3, 65535],
    ],
    2: [[3, 65535]],
  },
  bonds: {
    1: [
      [2, 3000],
      [3, 40000],
    ],
  },
  blockAtRegistration: [0, 10, 20, 30],
};

/** Adds the Yuma storage to `subnet.storage` (call before starting the node); returns what was scripted. */
export function scriptYuma(
  chain: FixtureChain,
  subnet: ScriptedSubnet,
  over: Partial<ScriptedYuma> = {},
): ScriptedYuma {
  const y = { ...DEFAULT_YUMA, ...over };
  const sm = (method: string, args: unknown[], value: unknown) => {
    subnet.storage[chain.storageKey('subtensorModule', method, ...args)] = chain.storageValue(
      'subtensorModule',
      method,
      value,
    );
  };
  const netuid = subnet.netuid;
  sm('kappa', [netuid], y.kappa);
  sm('bondsPenalty', [netuid], y.bondsPenalty);
  sm('bondsMovingAverage', [netuid], y.bondsMovingAverage);
  sm('yuma3On', [netuid], y.yuma3);
  sm('liquidAlphaOn', [netuid], y.liquidAlpha);
  sm('alphaValues', [netuid], y.alphaValues);
  sm('alphaSigmoidSteepness', [netuid], y.alphaSigmoidSteepness);
  sm('maxAllowedValidators', [netuid], y.maxAllowedValidators);
  sm('activityCutoff', [netuid], y.activityCutoff);
  for (const [uid, row] of Object.entries(y.weights)) sm('weights', [netuid, Number(uid)], row);
  for (const [uid, row] of Object.entries(y.bonds)) sm('bonds', [netuid, Number(uid)], row);
  y.blockAtRegistration.forEach((b, uid) => sm('blockAtRegistration', [netuid, uid], b));
  return y;
}
