import { UserError } from '../core/errors.js';

/** What each errno means for a person, and how to fix it; `{path}` is the repository path involved. */
const meanings: Record<string, { message: string; hint: string }> = {
  ENOTDIR: {
    message: 'a file is where blue-gardener needs a folder',
    hint: 'move or delete that file (or rename it), then run the command again',
  },
  EISDIR: {
    message: 'a folder is where blue-gardener needs a file',
    hint: 'move or delete that folder, then run the command again',
  },
  EACCES: {
    message: 'permission denied',
    hint: 'make the folder writable for your user (for example `chmod u+w` on it), then run the command again',
  },
  EPERM: {
    message: 'the operating system refused the change',
    hint: 'check the permissions and flags (read-only, immutable) of the file and its folder',
  },
  EROFS: {
    message: 'the file system is read-only',
    hint: 'run blue-gardener in a writable checkout',
  },
  ENOSPC: {
    message: 'the disk is full',
    hint: 'free some disk space, then run the command again',
  },
  EDQUOT: {
    message: 'the disk quota is exhausted',
    hint: 'free some space in your quota, then run the command again',
  },
  ENAMETOOLONG: {
    message: 'the path is too long for this file system',
    hint: 'clone the repository into a shorter folder path',
  },
  ELOOP: {
    message: 'too many symbolic links on the path',
    hint: 'replace the symbolic links with real folders',
  },
  EMFILE: {
    message: 'too many open files',
    hint: 'raise the open-file limit (`ulimit -n`) or close other programs, then run the command again',
  },
  EIO: {
    message: 'an input/output error from the disk',
    hint: 'check the disk, then run the command again',
  },
  EBUSY: {
    message: 'the file is busy (held open by another program)',
    hint: 'close the program holding it, then run the command again',
  },
};

/**
 * The one place where an operating-system error from the disk becomes a message a person can act on: the
 * repository path it happened at, what it means and the fix. Anything else is returned unchanged (a bug).
 */
export function diskError(error: unknown, path: string, whatHappened: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const meaning = code === undefined ? undefined : meanings[code];
  if (!meaning) return error;
  return new UserError(`\`${path}\`: ${meaning.message} (${code}) ${whatHappened}`, {
    location: { file: path },
    hint: meaning.hint,
  });
}

/** Whether an error only says that a path does not exist (or that a file sits where a folder is looked into). */
export function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
