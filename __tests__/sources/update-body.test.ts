import {
  jobSummary,
  updateMarker,
  updatePullRequestBody,
  type MarkdownReport,
} from '../../src/core/report/markdown.js';

const a = 'a'.repeat(40);
const b = 'b'.repeat(40);
const c = 'c'.repeat(40);
const report = (update: MarkdownReport['update']): MarkdownReport => ({
  repository: 'acme/web',
  branch: 'main',
  manifest: '.github/blue-gardener.yml',
  changes: [{ path: '.claude/agents/reviewer.md', operation: 'update', content: 'x' }],
  findings: [],
  agentsByPlatform: { 'claude-code': ['reviewer'] },
  warnings: [],
  ...(update ? { update } : {}),
});

describe('the update pull request body', () => {
  it('links GitHub commits and the compare view, shows other sources by short SHA, and says new for a new source', () => {
    const body = updatePullRequestBody(
      report({
        sources: [
          {
            id: 'acme',
            spec: 'acme/cat/agents@main',
            github: 'acme/cat',
            before: a,
            commit: b,
            changedAgents: ['reviewer'],
            changedSkills: [],
          },
          {
            id: 'mirror',
            spec: 'https://git.example.com/ai.git@main',
            before: a,
            commit: c,
            changedAgents: [],
            changedSkills: ['pdf-tools'],
          },
          {
            id: 'fresh',
            spec: 'acme/fresh@v1',
            github: 'acme/fresh',
            commit: c,
            changedAgents: ['linter'],
            changedSkills: [],
          },
          {
            id: 'still',
            spec: 'acme/still@main',
            github: 'acme/still',
            before: a,
            commit: a,
            changedAgents: [],
            changedSkills: [],
          },
        ],
        handEdits: [],
      }),
    );
    expect(body).toContain(
      `- \`acme\` (\`acme/cat/agents@\u200bmain\`): [\`${a.slice(0, 12)}\`](https://github.com/acme/cat/commit/${a}) → [\`${b.slice(0, 12)}\`](https://github.com/acme/cat/commit/${b}) ([compare](https://github.com/acme/cat/compare/${a}...${b})); agents changed: \`reviewer\``,
    );
    expect(body).toContain(
      `- \`mirror\` (\`https://git.example.com/ai.git@\u200bmain\`): \`${a.slice(0, 12)}\` → \`${c.slice(0, 12)}\`; agents changed: none of the installed ones; skills changed: \`pdf-tools\``,
    );
    expect(body).toContain(`- \`fresh\` (\`acme/fresh@\u200bv1\`): new → [\`${c.slice(0, 12)}\`]`);
    expect(body).toContain('- `still` (`acme/still@\u200bmain`): at ');
    expect(body).toContain('moves 3 agent source(s)');
    expect(body.trimEnd().split('\n').at(-1)).toBe(
      `<!-- blue-gardener-update acme@${b} mirror@${c} fresh@${c} -->`,
    );
  });

  it('has no marker when no source moved, and the job summary carries the same Sources section', () => {
    const update = {
      sources: [
        {
          id: 'still',
          spec: 'acme/still@main',
          github: 'acme/still',
          before: a,
          commit: a,
          changedAgents: [],
          changedSkills: [],
        },
      ],
      handEdits: [],
    };
    expect(updateMarker(update)).toBe('');
    expect(updatePullRequestBody(report(update))).not.toContain('<!--');
    expect(jobSummary(report(update), 'x')).toContain('### Sources');
    expect(jobSummary(report(undefined), 'x')).not.toContain('### Sources');
  });

  it('a hostile path or agent name is echoed inside a code span, never as markup or a mention', () => {
    const body = updatePullRequestBody(
      report({
        sources: [
          {
            id: 'acme',
            spec: 'acme/cat@main',
            github: 'acme/cat',
            before: a,
            commit: b,
            changedAgents: [],
            changedSkills: [],
          },
        ],
        handEdits: [
          { path: '.claude/agents/`<img src=x>@boss`.md', conflict: true, agent: 'x', source: 'acme' },
        ],
      }),
    );
    expect(body).toContain("- `.claude/agents/'<img src=x>@\u200bboss'.md` (agent `x` of source `acme`)");
  });
});
