/**
 * A schema built the first time it is asked for. Building zod schemas is a measurable part of start-up, and
 * most runs never validate a platform's overrides.
 */
export function lazySchema<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}
