import * as core from '@actions/core';
import type { SourceLocation } from '../core/errors.js';
import type { ActionIO } from '../runs/io.js';

const annotation = (location?: SourceLocation): core.AnnotationProperties | undefined =>
  location
    ? {
        file: location.file,
        ...(location.line ? { startLine: location.line } : {}),
        ...(location.column ? { startColumn: location.column } : {}),
      }
    : undefined;

export const actionsIO: ActionIO = {
  input: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  info: (message) => core.info(message),
  warning: (message, location) => core.warning(message, annotation(location)),
  error: (message, location) => core.error(message, annotation(location)),
  debug: (message) => core.debug(message),
  group: (name, fn) => core.group(name, fn),
  summary: async (markdown) => {
    await core.summary.addRaw(markdown, true).write();
  },
  setFailed: (message) => core.setFailed(message),
  setSecret: (value) => core.setSecret(value),
};
