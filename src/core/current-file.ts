import { gitBlobSha } from './hash.js';

/** A file as the repository holds it: its git blob SHA always, its text when the host has it. */
export interface CurrentFile {
  blob: string;
  text?: string;
}

/** Wraps a text as a CurrentFile (hosts that hold the text: the local disk, memory). */
export const currentOf = (text: string | undefined): CurrentFile | undefined => {
  if (text === undefined) return undefined;
  // Hashed only when asked: a file that reads the same as what we generate is never hashed.
  let blob: string | undefined;
  return {
    text,
    get blob() {
      return (blob ??= gitBlobSha(text));
    },
  };
};
