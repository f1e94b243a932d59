import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import {
  DEFAULT_CUSTOM_AGENTS,
  DEFAULT_CUSTOM_SKILLS,
  LOCK_PATH,
  MANIFEST_PATH,
} from '../../src/core/paths.js';
import { removeRepo, scratchRepo } from '../helpers/repo.js';
import { gitSourceRepo } from '../helpers/git-source.js';

/** One case of `__fixtures__/bad/<name>/`: its `case.json`, and its files at their repository paths. */
export interface BadCase {
  name: string;
  about: string;
  /** A fragment of the error message (absent for inputs we accept). */
  message?: string;
  /** Where the error points: `file`, `file:line` or `file:line:column`, as printed. */
  at?: string;
  /** A fragment of the fix the error names (its hint), where the fix is the point of the case. */
  hint?: string;
  /** Where GitHub tells the problem apart differently (a 10 MB blob is cut by the API, not read). */
  action?: { message?: string; at?: string; hint?: string };
  /** BOM, CRLF: not wrong, so they must just work. */
  accepted?: boolean;
  /** Inputs too big to commit, or that git cannot hold portably (symbolic links), made by the test. */
  generate?: string;
  files: Record<string, Buffer>;
  /**
   * The files of a git repository the test makes to serve as a source (case folder `source/<path>`):
   * `{{source}}` in the manifest becomes its `file://` URL, `{{commit}}` in `message` and `at` its commit
   * as messages print it (12 characters).
   */
  sourceFiles?: Record<string, Buffer>;
  /** Which faces run the case (default both): `["cli"]` for a case the action cannot read (a git URL). */
  hosts?: ('cli' | 'action')[];
  /** Text the output must never contain (a credential written in the manifest). */
  absent?: string;
}

export const CORPUS = join(process.cwd(), '__fixtures__/bad');
export const USER_NOTES = '# Our team notes\n\nKeep this.\n';
const REVIEWER = `${DEFAULT_CUSTOM_AGENTS}/reviewer.md`;
/** The skill the skill cases install, and its folder. */
const PDF_SKILL = `${DEFAULT_CUSTOM_SKILLS}/pdf-tools`;

/** Case folder layout → repository paths. */
function repoPath(rel: string): string {
  if (rel === 'manifest.yml') return MANIFEST_PATH;
  if (rel === 'lock.json') return LOCK_PATH;
  if (rel.startsWith('agents/')) return `${DEFAULT_CUSTOM_AGENTS}/${rel.slice('agents/'.length)}`;
  if (rel.startsWith('skills/')) return `${DEFAULT_CUSTOM_SKILLS}/${rel.slice('skills/'.length)}`;
  if (rel.startsWith('repo/')) return rel.slice('repo/'.length);
  throw new Error(`unexpected file in a bad case: ${rel}`);
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name))],
  );
}

export function loadCorpus(): BadCase[] {
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const dir = join(CORPUS, name);
      const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Omit<BadCase, 'files'>;
      const files: Record<string, Buffer> = {};
      const sourceFiles: Record<string, Buffer> = {};
      for (const rel of walk(dir).filter((f) => f !== 'case.json'))
        if (rel.startsWith('source/'))
          sourceFiles[rel.slice('source/'.length)] = readFileSync(join(dir, rel));
        else files[repoPath(rel)] = readFileSync(join(dir, rel));
      generateFiles(meta.generate, files);
      return { ...meta, name, files, ...(Object.keys(sourceFiles).length ? { sourceFiles } : {}) };
    });
}

/** Generated inputs that are plain files (the same for the CLI and the action). */
function generateFiles(generate: string | undefined, files: Record<string, Buffer>): void {
  if (generate === 'huge-manifest') {
    const line = `# ${'padding '.repeat(12)}\n`;
    const header = 'version: 1\nplatforms: [claude-code]\n';
    files[MANIFEST_PATH] = Buffer.from(header + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
  }
  // One byte over the largest file a skill may hold (1 MiB).
  if (generate === 'large-skill-file') files[`${PDF_SKILL}/data.txt`] = Buffer.alloc(1024 * 1024 + 1, 'x');
  const long = /^long-body:(\d+)$/.exec(generate ?? '');
  if (long) {
    const head = files[REVIEWER]!.toString('utf8');
    const sentence = 'Read the change, run the tests, and explain each finding with its file and line. ';
    files[REVIEWER] = Buffer.from(head + sentence.repeat(Math.ceil(Number(long[1]) / sentence.length)));
  }
}

/** The symbolic links a case asks for, as repository path → target outside the repository. */
export function linksOf(c: BadCase, outside: string): Record<string, string> {
  if (c.generate === 'symlink-agents-folder') return { [DEFAULT_CUSTOM_AGENTS]: join(outside, 'agents') };
  if (c.generate === 'symlink-agent-file') return { [REVIEWER]: join(outside, 'agents', 'reviewer.md') };
  if (c.generate === 'symlink-in-skill')
    return { [`${PDF_SKILL}/notes.md`]: join(outside, 'agents', 'reviewer.md') };
  return {};
}

/** A folder outside every repository holding a valid agent, for links to point at. */
export function outsideFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'blue-gardener-outside-'));
  mkdirSync(join(dir, 'agents'));
  writeFileSync(
    join(dir, 'agents', 'reviewer.md'),
    '---\nname: reviewer\ndescription: Reviews code\ncategory: quality\ntags: [review]\n---\nYou review code.\n',
  );
  return dir;
}

/** A working tree for a case: its files, the user's own AGENTS.md, and any links it asks for. */
export function caseRepo(c: BadCase, outside: string): string {
  const dir = scratchRepo({ 'AGENTS.md': USER_NOTES, ...c.files });
  for (const [path, target] of Object.entries(linksOf(c, outside))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    symlinkSync(target, join(dir, path));
  }
  return dir;
}

/** Every entry under a folder, links included (not followed), with exact bytes: equal before and after. */
export function exactTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const info = lstatSync(full);
      const rel = relative(dir, full);
      if (info.isSymbolicLink()) out[rel] = `link → ${readlinkSync(full)}`;
      else if (info.isDirectory()) visit(full);
      else out[rel] = readFileSync(full).toString('base64');
    }
  };
  visit(dir);
  return out;
}

/** Whether a printed error entry is at `at` (the next character closes the location) and says `message`. */
export function locatedMessage(entries: string[], at: string, message: string, hint = ''): boolean {
  return entries.some((e) => {
    const start = e.indexOf(at);
    return start >= 0 && e[start + at.length] === ':' && e.includes(message) && e.includes(hint);
  });
}

/** Whether a face runs the case. */
export const runsOn = (c: BadCase, host: 'cli' | 'action') => !c.hosts || c.hosts.includes(host);

/**
 * A case with a source: its source repository made (one commit of `sourceFiles`), `{{source}}` and
 * `{{commit}}` filled in; `done` removes the repository. A case without one comes back as it is.
 */
export function withSourceRepo(c: BadCase): { c: BadCase; done: () => void } {
  if (!c.sourceFiles) return { c, done: () => {} };
  const src = gitSourceRepo(
    Object.fromEntries(Object.entries(c.sourceFiles).map(([p, b]) => [p, b.toString('utf8')])),
  );
  const fill = (text: string) =>
    text.replaceAll('{{source}}', src.url).replaceAll('{{commit}}', src.first.slice(0, 12));
  const files = Object.fromEntries(
    Object.entries(c.files).map(([p, b]) => [p, Buffer.from(fill(b.toString('utf8')))]),
  );
  return {
    c: { ...c, files, message: fill(c.message ?? ''), at: fill(c.at ?? '') },
    done: () => removeRepo(src.dir),
  };
}
