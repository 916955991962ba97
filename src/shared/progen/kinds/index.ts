// The registry of program templates the generator picks from, uniformly. Both realms: pure.

import type { Kind } from '../assemble';
import { gcdLcm, primes, digits, fibMod } from './arith';
import { stackQueue, bankAccount, inventory, rectangles } from './classes';
import { baseConvert, factorize } from './numbers';
import { listStats, prefixSums, runningExtreme, maxSubarray } from './lists';
import { sortList, duplicates, pairCount, rotate, kthLargest } from './lists2';
import { fizzBuzz, collatz, pattern, classify, grid, multiples } from './loops';
import { reverseText, countLetters, caesar, palindrome } from './strings';
import { wordFreq, runLength, charClasses, extremeWord, anagram } from './words';

/** Every template. Editing this list or any template changes the programs of existing seeds: bump PROGEN_VERSION. */
export const KINDS: readonly Kind[] = [
  reverseText,
  countLetters,
  caesar,
  palindrome,
  wordFreq,
  runLength,
  charClasses,
  extremeWord,
  anagram,
  listStats,
  prefixSums,
  runningExtreme,
  maxSubarray,
  sortList,
  duplicates,
  pairCount,
  rotate,
  kthLargest,
  gcdLcm,
  primes,
  digits,
  fibMod,
  baseConvert,
  factorize,
  fizzBuzz,
  collatz,
  pattern,
  classify,
  grid,
  multiples,
  stackQueue,
  bankAccount,
  inventory,
  rectangles,
];
