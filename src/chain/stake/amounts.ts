// User-typed TAO and alpha amounts to rao and back, exactly (strings and bigint, never floats): 9 decimals at most,
// positive, below u64::MAX, with a message per mistake. Both realms, pure.
import { RAO_PER_TAO } from './constants.ts';
import { StakeError } from './errors.ts';
import { U64_MAX } from './fixed.ts';

export const DECIMALS = 9;
const PLAIN = /^(\d*)(?:\.(\d*))?$/;

/**
 * Parses `text` (e.g. `"1.25"`, `".5"`, `"10"`) as an amount of `unit` into rao.
 * @throws {StakeError} `empty`, `not-a-number`, `negative`, `zero`, `too-many-decimals` or `too-large`.
 */
export function parseAmount(text: string, unit = 'TAO'): bigint {
  const t = text.trim();
  if (t === '') throw new StakeError('empty', `Enter an amount of ${unit}.`);
  if (t.startsWith('-')) throw new StakeError('negative', `The amount of ${unit} must be positive.`);
  const m = PLAIN.exec(t);
  if (!m || (m[1] === '' && !m[2])) {
    const why = /e/i.test(t)
      ? ' Write it out in full, without an exponent.'
      : /,/.test(t)
        ? ' Use a dot for decimals, no thousands separators.'
        : '';
    throw new StakeError('not-a-number', `"${t}" is not an amount of ${unit}.${why}`);
  }
  const [, whole = '', frac = ''] = m;
  if (frac.length > DECIMALS)
    throw new StakeError(
      'too-many-decimals',
      `${unit} has ${DECIMALS} decimals: "${t}" has ${frac.length}. The smallest amount is 0.000000001 ${unit}.`,
    );
  const rao = BigInt(whole || '0') * RAO_PER_TAO + BigInt(frac.padEnd(DECIMALS, '0') || '0');
  if (rao === 0n) throw new StakeError('zero', `Enter an amount of ${unit} above zero.`);
  if (rao > U64_MAX) throw new StakeError('too-large', `That is more ${unit} than the chain can represent.`);
  return rao;
}

/** Non-throwing form for input fields. */
export function tryParseAmount(
  text: string,
  unit = 'TAO',
): { ok: true; rao: bigint } | { ok: false; error: StakeError } {
  try {
    return { ok: true, rao: parseAmount(text, unit) };
  } catch (e) {
    if (e instanceof StakeError) return { ok: false, error: e };
    throw e;
  }
}

/** rao → decimal string with up to `decimals` places (default 9), trailing zeros dropped; truncates, never up. */
export function formatRao(rao: bigint, decimals = DECIMALS): string {
  const sign = rao < 0n ? '-' : '';
  const abs = rao < 0n ? -rao : rao;
  const whole = abs / RAO_PER_TAO;
  const frac = (abs % RAO_PER_TAO).toString().padStart(DECIMALS, '0').slice(0, decimals).replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}
