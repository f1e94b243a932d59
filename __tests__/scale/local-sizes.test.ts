// The CLI reads back whatever size of file it wrote: no read cap on the lock or generated files.
import { localHost } from '../../src/hosts/local.js';
import { removeRepo, scratchRepo } from '../helpers/repo.js';

let dir: string;
afterEach(() => removeRepo(dir));

it('reads a 3 MiB lock whole (the 5,000-agent lock is 9.56 MB)', async () => {
  const entry = (i: number) =>
    JSON.stringify({
      path: `.claude/agents/a${i}.md`,
      kind: 'file',
      platform: 'claude-code',
      blob: 'f'.repeat(40),
    });
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 3 * 1024 * 1024; i++) {
    lines.push(entry(i));
    size += lines.at(-1)!.length;
  }
  const text = `{"version":1,"files":[${lines.join(',\n')}],"agents":{}}\n`;
  dir = scratchRepo({ '.github/blue-gardener.lock': text });
  expect(await localHost(dir).read('.github/blue-gardener.lock')).toBe(text);
});
