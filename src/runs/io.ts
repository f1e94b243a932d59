import type { SourceLocation } from '../core/errors.js';

/**
 * Everything the action says to and hears from the runner, behind one interface: the Actions
 * implementation uses @actions/core; tests use a recording one.
 */
export interface ActionIO {
  input(name: string): string;
  setOutput(name: string, value: string): void;
  info(message: string): void;
  warning(message: string, location?: SourceLocation): void;
  error(message: string, location?: SourceLocation): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  summary(markdown: string): Promise<void>;
  setFailed(message: string): void;
  /** Marks a value (the token) so it never appears in logs. */
  setSecret(value: string): void;
}
