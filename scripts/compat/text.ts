/** Small parsing helpers shared by the adapters. */
import type { RecordedRequest, SandboxOutput } from './types.js';

/** The JSON bodies of the recorded POST requests (unparseable ones skipped). */
export function requestBodies(requests: readonly RecordedRequest[]): unknown[] {
  const bodies: unknown[] = [];
  for (const request of requests) {
    if (request.method !== 'POST') continue;
    try {
      bodies.push(JSON.parse(request.body));
    } catch {
      // not JSON: nothing to read
    }
  }
  return bodies;
}

/** Every string found anywhere inside a JSON value. */
export function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, out);
  return out;
}

/** Lines of a text block that starts right after `heading`, up to the first blank line. */
export function blockAfter(text: string, heading: string): string[] {
  const start = text.indexOf(heading);
  if (start < 0) return [];
  const rest = text.slice(start + heading.length).replace(/^\r?\n/, '');
  const end = rest.search(/\r?\n\s*\r?\n/);
  return (end < 0 ? rest : rest.slice(0, end)).split(/\r?\n/);
}

/** Matches of `pattern` (first group) across all texts, de-duplicated, in order. */
export function captureAll(texts: readonly string[], pattern: RegExp): string[] {
  const found = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** Output lines (stdout and stderr) that match every pattern given and none of the ignored ones. */
export function outputLines(
  out: SandboxOutput,
  patterns: readonly RegExp[],
  ignore: readonly RegExp[] = [],
): string[] {
  const lines = `${out.stdout}\n${out.stderr}`.split(/\r?\n/).map((line) => line.trim());
  const kept = lines.filter(
    (line) => line && patterns.every((p) => p.test(line)) && !ignore.some((p) => p.test(line)),
  );
  return [...new Set(kept)].map((line) => (line.length > 300 ? `${line.slice(0, 297)}...` : line));
}

/** The last non-empty lines of the output, for a failed run. */
export function tail(out: SandboxOutput, count = 3): string {
  const lines = `${out.stdout}\n${out.stderr}`
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.slice(-count).join(' | ');
}
