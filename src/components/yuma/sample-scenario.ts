// The Yuma page's starting scenario (the format of src/shared/yuma/scenario-json.ts): three validators with 60/30/10
// stake and three miners; the small validator backs a miner the others ignore. UI realm, data only.
export const SAMPLE_SCENARIO = {
  description: 'Three validators (stake 60/30/10) and three miners; validator 2 backs miner 5 alone.',
  params: { tempo: 99, liquidAlpha: true, bondsPenalty: 65535, maxAllowedValidators: 3 },
  stake: [60, 30, 10, 0, 0, 0],
  weights: {
    '0': { '3': 65535, '4': 32768, '5': 0 },
    '1': { '3': 65535, '4': 30000, '5': 0 },
    '2': { '3': 0, '4': 0, '5': 65535 },
  },
  epochs: 20,
};

/** What the sample's comparison changes: validator 2 joins the majority. */
export const SAMPLE_CHANGE = { uid: '2', weights: '3: 65535, 4: 32768' };
