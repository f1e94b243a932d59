import fc from 'fast-check';
import { parseOriginalState, stripGeneratedSections } from '../../src/migration/original-cli.js';

// The shapes the original CLI writes (the original CLI 0.2.0, a dev dependency): a header when it creates the file,
// then one `## <description>` section per agent, each after a `---` line, appended at the end.
const section = (n: number) =>
  `## Agent ${n} does things. Use when things need doing.\n\nYou are agent ${n}.\n\n### Guidelines\n\n\`\`\`bash\n# install\nnpm ci\n\`\`\`\n\n### Expected Output\n\nA report.`;
const appended = (user: string, count: number) =>
  user + Array.from({ length: count }, (_, i) => `\n\n---\n\n${section(i + 1)}`).join('');

describe('stripGeneratedSections', () => {
  it('removes a file it created entirely (header and sections)', () => {
    const text = `# Blue Gardener AI Agents\n\n${section(1)}\n\n---\n\n${section(2)}`;
    const result = stripGeneratedSections(text, 2);
    expect(result.text).toBeUndefined();
    expect(result.removed.map((r) => [r.fromLine, r.toLine])).toEqual([
      [1, 2],
      [3, 17],
      [18, 33],
    ]);
  });

  it('keeps a person’s text before its sections byte for byte, including their own rule and heading', () => {
    const user = '# Rules\r\n\r\n---\r\n\r\n## Style\r\n\r\nTabs.\r\n';
    expect(stripGeneratedSections(appended(user, 2), 2)).toMatchObject({ text: user });
    const noFinalBreak = '# Rules\n\nNo final line break';
    expect(stripGeneratedSections(appended(noFinalBreak, 1), 1).text).toBe(noFinalBreak);
  });

  it('keeps a heading (and its text) a person added after the sections', () => {
    const text = `${appended('# Rules\n', 1)}\n\n## Our own section\n\nKeep me.\n`;
    const result = stripGeneratedSections(text, 1);
    expect(result.text).toContain('# Rules\n');
    expect(result.text).toContain('## Our own section\n\nKeep me.\n');
    expect(result.text).not.toContain('Agent 1');
  });

  it('leaves more `---` + `## ` parts than agents to the person, and says so', () => {
    const result = stripGeneratedSections(appended('intro\n', 3), 1);
    expect(result.text).toContain('Agent 2');
    expect(result.text).not.toContain('Agent 3');
    expect(result.notes[0]).toContain('kept 2 earlier');
  });

  it('never loses a line of arbitrary text a person wrote before the original appended (property)', () => {
    const line = fc.stringMatching(/^[^\n\r]{0,40}$/);
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        (lines, eol, n) => {
          const user = lines.join('\n') + (eol ? '\n' : '');
          if (user.trim() === '') return;
          expect(stripGeneratedSections(appended(user, n), n).text).toBe(user);
        },
      ),
    );
  });
});

describe('parseOriginalState', () => {
  it('reads the 0.2.0 list and the 0.1.0 single platform, and ignores timestamps', () => {
    expect(
      parseOriginalState(
        '{"version":"0.2.0","installedAt":"2026-01-01T00:00:00Z","platform":"cursor","platforms":["cursor","codex"],"agents":{"blue-a":{"version":"0.2.0","installedAt":"x"}}}',
      ),
    ).toEqual({ platforms: ['cursor', 'codex'], agents: ['blue-a'], format: '0.2' });
    expect(parseOriginalState('{"platform":"windsurf","agents":{}}')).toEqual({
      platforms: ['windsurf'],
      agents: [],
      format: '0.1',
    });
  });

  it('says what is wrong with a broken state file, and where', () => {
    expect(() => parseOriginalState('{')).toThrow(/not valid JSON/);
    expect(() => parseOriginalState('{"agents":{}}')).toThrow(/names no platform/);
    expect(() => parseOriginalState('{"platform":"cursor","agents":[]}')).toThrow(/not a map/);
  });
});
