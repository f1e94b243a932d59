import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRepoFile } from './repo.js';

/** A local git repository to serve as a source: write files, commit, read the head commit. */
export function gitSourceRepo(files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'blue-gardener-source-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '--quiet', '--initial-branch=main');
  const commit = (next: Record<string, string>, message = 'change') => {
    for (const [path, text] of Object.entries(next)) writeRepoFile(dir, path, text);
    git('add', '-A');
    git('commit', '--quiet', '--allow-empty', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  const first = commit(files, 'first');
  return { dir, url: `file://${dir}`, git, commit, first };
}

/** An agent file a source holds. */
export function sourceAgent(
  name: string,
  body = `You review ${name} changes carefully and say what to fix.`,
  extra = '',
): string {
  return `---\nname: ${name}\ndescription: The ${name} agent of the organisation catalog\ncategory: quality\ntags: [review]\n${extra}---\n\n${body}\n`;
}
