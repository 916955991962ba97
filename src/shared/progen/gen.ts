// The random source of the program generator: CPython-compatible draws plus the helpers templates need (ranges,
// picks, fresh identifiers, words). Both realms: pure.

import { PythonRandom } from '../random/python-random';

/** Names a generated program may never bind: builtins the templates call, and names the assembler owns. */
const RESERVED = (
  'abs all any chr divmod enumerate input int len list map max min next ord print range reversed set sorted str ' +
  'sum zip dict iter sys math it main solve data self Counter defaultdict deque string'
).split(' ');

/** Common short English words: readable text for string tasks, all lowercase letters. */
export const WORDS = (
  'apple river stone cloud tiger green light house paper music ocean bread night table chair plant smile train ' +
  'water dream storm field honey lemon mango robot pixel cat dog sun moon star tree bird fish road rain snow wind ' +
  'fire gold blue red code data byte loop list map key node path level radar civic noon kayak eye a an the of to ' +
  'in on is and'
).split(' ');

/** Draws for one program. Every choice goes through the PythonRandom, so a seed fixes the whole program. */
export class Gen {
  private readonly rng: PythonRandom;
  private readonly used = new Set<string>(RESERVED);

  constructor(seed: number) {
    this.rng = new PythonRandom(seed);
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    return this.rng.randint(lo, hi);
  }

  pick<T>(xs: readonly T[]): T {
    return this.rng.choice(xs);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.rng.random() < p;
  }

  /** k distinct items of xs, in draw order. */
  sample<T>(xs: readonly T[], k: number): T[] {
    return this.rng.sample(xs, k);
  }

  shuffled<T>(xs: readonly T[]): T[] {
    const copy = [...xs];
    this.rng.shuffle(copy);
    return copy;
  }

  /** n integers in [lo, hi]. */
  ints(n: number, lo: number, hi: number): number[] {
    return Array.from({ length: n }, () => this.int(lo, hi));
  }

  /** A fresh identifier from the pool; once every name is taken, the pool's first name with a numeric suffix. */
  name(pool: readonly string[]): string {
    const free = pool.filter((n) => !this.used.has(n));
    let name = free.length > 0 ? this.pick(free) : '';
    for (let i = 2; name === ''; i++) if (!this.used.has(pool[0] + i)) name = pool[0] + i;
    this.used.add(name);
    return name;
  }

  /** A lowercase word from WORDS. */
  word(): string {
    return this.pick(WORDS);
  }

  /** A line of lo..hi words separated by single spaces. */
  sentence(lo: number, hi: number): string {
    return Array.from({ length: this.int(lo, hi) }, () => this.word()).join(' ');
  }
}
