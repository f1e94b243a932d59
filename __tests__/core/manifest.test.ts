import { readFileSync } from 'node:fs';
import { loadManifest } from '../../src/core/manifest/load.js';
import { manifestJsonSchema } from '../../src/core/manifest/schema.js';
import { editList } from '../../src/core/manifest/edit.js';

describe('the manifest', () => {
  it('fills defaults and accepts the original CLI’s platform ids with a warning', () => {
    const loaded = loadManifest('version: 1\nplatforms: [claude-desktop, github-copilot, cursor]\n', 'm.yml');
    expect(loaded.platforms).toEqual(['claude-code', 'copilot', 'cursor']);
    expect(loaded.warnings).toHaveLength(2);
    expect(loaded.warnings[0]).toContain('m.yml:2');
    expect(loaded.manifest).toMatchObject({
      profiles: [],
      agents: [],
      exclude: [],
      delegation: 'warn',
      'hand-edits': 'keep',
      overrides: {},
    });
  });

  it('validates overrides against the target’s own keys', () => {
    const ok = loadManifest(
      'version: 1\nplatforms: [claude-code]\noverrides:\n  blue-react-developer:\n    claude-code: { model: sonnet, color: cyan }\n    opencode: { model: anthropic/claude-sonnet-4-5, color: "#1e90ff" }\n',
      'm.yml',
    );
    expect(ok.manifest.overrides['blue-react-developer']?.['claude-code']).toEqual({
      model: 'sonnet',
      color: 'cyan',
    });
    expect(() =>
      loadManifest(
        'version: 1\nplatforms: [claude-code]\noverrides:\n  blue-x:\n    gemini: { color: red }\n',
        'm.yml',
      ),
    ).toThrow('unknown key `color`');
  });

  it('says a quoted version is a string, and how to write it', () => {
    expect(() => loadManifest('version: "1"\nplatforms: [claude-code]\n', 'm.yml')).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('`version`: expected number 1, got string `1`'),
        hint: 'write it without quotes: version: 1',
      }),
    );
  });

  it('has its JSON Schema committed and up to date (npm run build)', () => {
    expect(JSON.parse(readFileSync('schema/manifest.schema.json', 'utf8'))).toEqual(manifestJsonSchema());
  });
});

describe('editing the manifest keeps the user’s text', () => {
  const text =
    '# our agents\nversion: 1 # always 1\nplatforms: [claude-code, cursor]\nagents:\n  - blue-a # keep me\n  # a comment between items\n  - blue-b\nexclude: []\n';
  it.each([
    [
      'adds to a block list after the last item',
      'agents',
      { add: ['blue-c'] },
      text.replace('  - blue-b\n', '  - blue-b\n  - blue-c\n'),
    ],
    [
      'removes an item and its trailing comment only',
      'agents',
      { remove: ['blue-a'] },
      text.replace('  - blue-a # keep me\n', ''),
    ],
    [
      'adds to a flow list',
      'platforms',
      { add: ['codex'] },
      text.replace('[claude-code, cursor]', '[claude-code, cursor, codex]'),
    ],
    [
      'fills an empty flow list',
      'exclude',
      { add: ['blue-z'] },
      text.replace('exclude: []', 'exclude: [blue-z]'),
    ],
    ['appends a missing key', 'profiles', { add: ['core'] }, `${text}profiles:\n  - core\n`],
    [
      'empties a block list to []',
      'agents',
      { remove: ['blue-a', 'blue-b'] },
      text.replace(
        'agents:\n  - blue-a # keep me\n  # a comment between items\n  - blue-b\n',
        'agents: []\n',
      ),
    ],
    ['changes nothing when nothing changes', 'agents', { add: ['blue-a'] }, text],
  ] as const)('%s', (_label, key, change, expected) => {
    expect(editList(text, key, { ...change })).toBe(expected);
  });

  it('keeps CRLF line endings', () => {
    expect(editList('version: 1\r\nagents:\r\n  - a\r\n', 'agents', { add: ['b'] })).toBe(
      'version: 1\r\nagents:\r\n  - a\r\n  - b\r\n',
    );
  });

  it('fills `key:` with no value', () => {
    expect(editList('version: 1\nagents:\nexclude: []\n', 'agents', { add: ['x'] })).toBe(
      'version: 1\nagents:\n  - x\nexclude: []\n',
    );
  });
});
