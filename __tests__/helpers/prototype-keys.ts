/**
 * Names that a lookup in a plain object finds without anyone having defined them: every property of
 * Object.prototype (constructor, __proto__, toString, hasOwnProperty, valueOf …) and `prototype`.
 * Fuzzers and tables feed them wherever a user-written string picks an entry.
 */
export const PROTOTYPE_KEYS: readonly string[] = [
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
].sort();
