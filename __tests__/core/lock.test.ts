import fc from 'fast-check';
import { lockEntryFor, parseLock, serializeLock, type Lock } from '../../src/core/lock.js';

/** The lock's format stated plainly: JSON.stringify per entry, keys in a fixed order, one entry per line. */
function reference(lock: Lock): string {
  const files = [...lock.files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e) =>
      JSON.stringify({
        path: e.path,
        kind: e.kind,
        platform: e.platform,
        ...(e.agent ? { agent: e.agent } : {}),
        blob: e.blob,
      }),
    );
  const agents = Object.keys(lock.agents)
    .sort()
    .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(lock.agents[k])}`);
  const list = (items: string[]) => (items.length ? `\n${items.map((i) => `    ${i}`).join(',\n')}\n  ` : '');
  return `{\n  "version": 1,\n  "files": [${list(files)}],\n  "agents": {${list(agents)}}\n}\n`;
}

const hex40 = fc.stringMatching(/^[0-9a-f]{40}$/);
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const entry = fc.record(
  {
    // Paths the write allowlist accepts (a lock naming any other path is refused on reading).
    path: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/).map((t) => `.claude/agents/${t}.md`),
    kind: fc.constantFrom('file' as const, 'block' as const),
    platform: text,
    agent: text,
    blob: hex40,
  },
  { requiredKeys: ['path', 'kind', 'platform', 'blob'] },
);
const lockArb = fc.record({
  version: fc.constant(1 as const),
  files: fc.array(entry, { maxLength: 8 }),
  agents: fc.dictionary(
    text,
    fc.record({ source: fc.constantFrom('catalog' as const, 'custom' as const), sha256: hex40 }),
  ),
});

describe('serializeLock', () => {
  it('writes what JSON.stringify writes for each entry, in the documented layout', () => {
    fc.assert(fc.property(lockArb, (lock) => serializeLock(lock) === reference(lock)));
  });

  it('reads back as the same lock', () => {
    fc.assert(
      fc.property(lockArb, (lock) => {
        const again = parseLock(serializeLock(lock), 'lock');
        expect(serializeLock(again)).toBe(serializeLock(lock));
      }),
    );
  });

  it('writes the empty lock as empty lists', () => {
    expect(serializeLock({ version: 1, files: [], agents: {} })).toBe(
      '{\n  "version": 1,\n  "files": [],\n  "agents": {}\n}\n',
    );
  });
});

describe('lockEntryFor', () => {
  it('keeps the key order of the lock format, with agent only when the file has one', () => {
    const blob = 'a'.repeat(40);
    expect(
      Object.keys(
        lockEntryFor({ path: 'AGENTS.md', kind: 'block', platform: 'codex', content: '' } as never, blob),
      ),
    ).toEqual(['path', 'kind', 'platform', 'blob']);
    expect(
      lockEntryFor(
        { path: '.claude/agents/x.md', kind: 'file', platform: 'claude-code', agent: 'x', content: '' },
        blob,
      ),
    ).toEqual({ path: '.claude/agents/x.md', kind: 'file', platform: 'claude-code', agent: 'x', blob });
  });
});

describe('parseLock', () => {
  const blob = 'b'.repeat(40);
  const entry = { path: '.claude/agents/x.md', kind: 'file', platform: 'claude-code', agent: 'x', blob };
  const lockText = (over: Record<string, unknown>) =>
    JSON.stringify({ version: 1, files: [entry], agents: {}, ...over });

  const source = { spec: 'acme/cat@main', commit: 'a'.repeat(40), agents: { r: 'b'.repeat(64) } };

  it('writes a source’s skill hashes only when it has some, and reads them back', () => {
    const base = { version: 2 as const, files: [], agents: {} };
    const without = serializeLock({ ...base, sources: { a: { ...source, skills: {} } } });
    expect(without).not.toContain('skills');
    const lock = { ...base, sources: { a: { ...source, skills: { pdf: 'c'.repeat(64) } } } };
    const text = serializeLock(lock);
    expect(text).toContain(`"agents":{"r":"${'b'.repeat(64)}"},"skills":{"pdf":"${'c'.repeat(64)}"}}`);
    expect(parseLock(text, 'l').sources).toEqual(lock.sources);
  });

  it('reads a lock without `agents` as one with none', () => {
    expect(parseLock(JSON.stringify({ version: 1, files: [entry] }), 'l').agents).toEqual({});
  });

  it.each([
    ['[]', '(top level)', 'expected an object'],
    [lockText({ version: 3 }), 'version', 'expected 1 or 2'],
    [lockText({ extra: true }), '(top level)', 'unknown key(s) "extra"'],
    [lockText({ files: {} }), 'files', 'expected a list'],
    [lockText({ files: [entry, { ...entry, path: '.github/workflows/ci.yml' }] }), 'files.1.path', 'outside'],
    [lockText({ files: [{ ...entry, path: '' }] }), 'files.0.path', 'non-empty string'],
    // The manifest and the lock are written by us but never generated files: no entry may name them.
    [lockText({ files: [{ ...entry, path: '.github/blue-gardener.yml' }] }), 'files.0.path', 'outside'],
    [lockText({ files: [{ ...entry, path: '.github/blue-gardener.lock' }] }), 'files.0.path', 'outside'],
    [lockText({ files: [{ ...entry, kind: 'dir' }] }), 'files.0.kind', '"file" or "block"'],
    [lockText({ files: [{ ...entry, platform: 3 }] }), 'files.0.platform', 'non-empty string'],
    [lockText({ files: [{ ...entry, agent: 3 }] }), 'files.0.agent', 'expected a string'],
    [lockText({ files: [{ ...entry, blob: 'XYZ' }] }), 'files.0.blob', 'does not match'],
    [lockText({ files: [{ ...entry, size: 1 }] }), 'files.0', 'unknown key(s) "size"'],
    [lockText({ agents: [] }), 'agents', 'expected an object'],
    [lockText({ agents: { x: { source: 'web', sha256: 'a' } } }), 'agents.x.source', '"catalog" or "custom"'],
    [lockText({ agents: { x: { source: 'catalog' } } }), 'agents.x.sha256', 'expected a string'],
    [lockText({ sources: { a: { ...source, skills: [] } } }), 'sources.a.skills', 'expected an object'],
    [
      lockText({ sources: { a: { ...source, skills: { p: 'XYZ' } } } }),
      'sources.a.skills.p',
      'does not match',
    ],
    [lockText({ sources: { a: { ...source, extra: {} } } }), 'sources.a', 'unknown key(s) "extra"'],
  ])('refuses %s at %s', (text, at, message) => {
    expect(() => parseLock(text, '.github/blue-gardener.lock')).toThrow(
      `the lock file is malformed at \`${at}\`: `,
    );
    expect(() => parseLock(text, '.github/blue-gardener.lock')).toThrow(message);
  });
});
