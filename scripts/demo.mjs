// Runs the built CLI on a copy of examples/demo-repo and prints what it generated (no GitHub needed).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const cli = join(process.cwd(), 'dist/cli/index.cjs');
const repo = mkdtempSync(join(tmpdir(), 'blue-gardener-demo-'));
cpSync('examples/demo-repo', repo, { recursive: true });
const run = (...args) => {
  console.log(`\n$ blue-gardener ${args.join(' ')}`);
  try {
    process.stdout.write(
      execFileSync('node', [cli, ...args, '--dir', repo], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
  } catch (error) {
    process.stdout.write(error.stdout ?? '');
    throw error;
  }
};

console.log(`Demo repository: ${repo} (a copy of examples/demo-repo)`);
run('sync');
run('sync'); // idempotent: nothing to write the second time
run('check');
run('add', 'blue-seo-specialist');
run('search', 'containers');

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [relative(repo, full)];
  });
const files = walk(repo).sort();
console.log(`\nThe repository now holds ${files.length} files:`);
for (const f of files) console.log(`  ${f}`);
console.log('\n--- .claude/agents/blue-react-developer.md (first 12 lines) ---');
console.log(
  readFileSync(join(repo, '.claude/agents/blue-react-developer.md'), 'utf8')
    .split('\n')
    .slice(0, 12)
    .join('\n'),
);
console.log('\n--- AGENTS.md (your text kept, our block after it; first 14 lines) ---');
console.log(readFileSync(join(repo, 'AGENTS.md'), 'utf8').split('\n').slice(0, 14).join('\n'));
