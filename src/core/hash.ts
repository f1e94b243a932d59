import * as crypto from 'node:crypto';

/** One-shot hashing (Node ≥ 20.12), which skips the Hash object; createHash elsewhere. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;
/** A scratch buffer reused by every call: the text is encoded once, right after room for a header. */
let scratch = new Uint8Array(0);
const HEADER_ROOM = 32;
const utf8 = new TextEncoder();

/**
 * The hex digest of `header(byteLength) + text` in UTF-8. The text is encoded once into a reused buffer
 * (no separate byte-length pass, no allocation per call): a plan hashes every file it generates, and for
 * prompts with characters beyond Latin-1 the encoding cost more than the hashing.
 */
function digestUtf8(algorithm: 'sha1' | 'sha256', text: string, header?: (bytes: number) => string): string {
  // UTF-8 needs at most 3 bytes per UTF-16 unit.
  const room = HEADER_ROOM + text.length * 3;
  if (scratch.length < room) scratch = new Uint8Array(Math.max(room, 2 * scratch.length, 64 * 1024));
  const length = utf8.encodeInto(text, scratch.subarray(HEADER_ROOM)).written;
  const prefix = header?.(length) ?? '';
  const start = HEADER_ROOM - prefix.length;
  // Headers are ASCII and short.
  for (let i = 0; i < prefix.length; i++) scratch[start + i] = prefix.charCodeAt(i);
  const bytes = scratch.subarray(start, HEADER_ROOM + length);
  return oneShot
    ? oneShot(algorithm, bytes, 'hex')
    : crypto.createHash(algorithm).update(bytes).digest('hex');
}

/** Hex SHA-256 of a text's UTF-8 bytes: how the lock identifies content. */
export function sha256(text: string): string {
  return digestUtf8('sha256', text);
}

/** The git blob SHA-1 of a text, as GitHub's trees report it, so changes are known without downloading. */
export function gitBlobSha(text: string): string {
  return digestUtf8('sha1', text, (bytes) => `blob ${bytes}\0`);
}
