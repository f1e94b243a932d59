import { parse as parseYaml } from 'yaml';
import { UserError } from '../../src/core/errors.js';
import { renderAll } from '../helpers/render-fixtures.js';

// OpenCode's own config schema (packages/opencode/src/config/config.ts) makes every tool of `permission`
// optional, and also takes one action for all tools; Kilo reads the same agent shape.
const manifest = (platform: string, permission: string) =>
  `version: 1\nplatforms: [${platform}]\nagents: [blue-react-developer]\noverrides:\n  blue-react-developer:\n    ${platform}: { permission: ${permission} }\n`;

function frontmatterOf(platform: string, permission: string): Record<string, unknown> {
  const file = renderAll(manifest(platform, permission)).files.find(
    (f) => f.agent === 'blue-react-developer',
  )!;
  return parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(file.content)![1]!) as Record<string, unknown>;
}

describe.each(['opencode', 'kilo'])('%s permission override', (platform) => {
  it.each([
    ['{ edit: deny }', { edit: 'deny' }],
    ['{ webfetch: ask }', { webfetch: 'ask' }],
    ['{ edit: deny, bash: ask }', { edit: 'deny', bash: 'ask' }],
    ['deny', 'deny'],
    ['{ bash: { "git *": allow, "*": ask } }', { bash: { 'git *': 'allow', '*': 'ask' } }],
    ['{ doom_loop: deny, external_directory: ask }', { doom_loop: 'deny', external_directory: 'ask' }],
  ])('accepts %s and writes it as given', (text, expected) => {
    expect(frontmatterOf(platform, text)['permission']).toEqual(expected);
  });

  it.each([
    ['{ edt: deny }', /unknown key `edt`.*Did you mean `edit`/],
    ['{ edit: maybe }', /permission\.edit/],
    // OpenCode takes one action, not a pattern map, for these tools.
    ['{ webfetch: { "*": ask } }', /permission\.webfetch/],
  ])('refuses %s with a message naming the key', (text, message) => {
    let error: unknown;
    try {
      renderAll(manifest(platform, text));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(message);
  });
});
