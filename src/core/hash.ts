import { createHash } from 'node:crypto';

/** Hex SHA-256 of a text's UTF-8 bytes: how the lock identifies content. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The git blob SHA-1 of a text, as GitHub's trees report it, so changes are known without downloading. */
export function gitBlobSha(text: string): string {
  return createHash('sha1')
    .update(`blob ${Buffer.byteLength(text, 'utf8')}\0`)
    .update(text, 'utf8')
    .digest('hex');
}
