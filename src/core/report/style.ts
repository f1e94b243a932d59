/**
 * What a piece of report text is, so that a terminal can colour it; reports call a Style and never emit
 * escape codes themselves (the same text goes to logs, pull requests and JSON consumers).
 */
export type Role =
  'create' | 'update' | 'delete' | 'added' | 'removed' | 'heading' | 'error' | 'warning' | 'hint' | 'dim';
export type Style = (role: Role, text: string) => string;

/** No styling: the text as it is. */
export const plain: Style = (_role, text) => text;
