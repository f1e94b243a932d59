/** Where in a file a problem is: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A problem the user can fix (bad manifest, unknown agent, misuse of a command).
 * Anything that is not a UserError is a bug in blue-gardener.
 */
export class UserError extends Error {
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  /** Further problems found in the same pass, so that one run reports them all. */
  readonly more: UserError[];

  constructor(
    message: string,
    options: { location?: SourceLocation; hint?: string; more?: UserError[] } = {},
  ) {
    super(message);
    this.name = 'UserError';
    this.location = options.location;
    this.hint = options.hint;
    this.more = options.more ?? [];
  }

  /** All problems: this one and the ones gathered with it. */
  all(): UserError[] {
    return [this, ...this.more];
  }
}

/** Throws one UserError carrying every problem, or nothing when the list is empty. */
export function throwAll(errors: UserError[]): void {
  const [first, ...rest] = errors;
  if (first) throw new UserError(first.message, { location: first.location, hint: first.hint, more: rest });
}

/** `file:line:column: message (hint)` — the shape editors and CI logs link to. */
export function formatUserError(error: UserError): string {
  const where = formatLocation(error.location);
  const hint = error.hint ? `\n  hint: ${error.hint}` : '';
  return `${where ? `${where}: ` : ''}${error.message}${hint}`;
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  if (location.line === undefined) return location.file;
  return `${location.file}:${location.line}${location.column === undefined ? '' : `:${location.column}`}`;
}
