import { gitBlobSha } from './hash.js';

/** A file as the repository holds it: its git blob SHA always, its text when the host has it. */
export interface CurrentFile {
  blob: string;
  text?: string;
  /**
   * Whether the file has an executable bit, for the paths the plan asked about (Host.current's `modes`); a
   * GitHub host knows it for every file. Undefined: not known, so never taken for a change.
   */
  executable?: boolean;
}

/** Wraps a text as a CurrentFile (hosts that hold the text: the local disk, memory). */
export const currentOf = (text: string | undefined, executable?: boolean): CurrentFile | undefined => {
  if (text === undefined) return undefined;
  // Hashed only when asked: a file that reads the same as what we generate is never hashed.
  let blob: string | undefined;
  return {
    text,
    ...(executable === undefined ? {} : { executable }),
    get blob() {
      return (blob ??= gitBlobSha(text));
    },
  };
};
