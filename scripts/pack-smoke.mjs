// CI: the package as a user gets it. Packs it, installs the tarball into a scratch repository with no
// network (an unreachable registry and --offline: an install that needed anything else would fail), then
// runs the installed bin — `init`, `sync`, `check`, help, a JSON error — under every Node given with
// --node (default: this one), asserting exit codes and files. Usage: node scripts/pack-smoke.mjs [--node <path>]…
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { node: { type: 'string', multiple: true } } });
const nodes = values.node?.length ? values.node : [process.execPath];
const root = mkdtempSync(join(tmpdir(), 'blue-gardener-pack-'));
// No request may leave the machine: port 9 (discard) refuses at once, so a network attempt fails fast.
const offline = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_audit: 'false' };
let failures = 0;

function check(label, ok, detail = '') {
  if (!ok) failures++;
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok || !detail ? '' : `\n${detail}`}\n`);
}

try {
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', root], { encoding: 'utf8', env: offline }),
  )[0];
  const shipped = packed.files.map((f) => f.path);
  for (const file of [
    'dist/cli/index.cjs',
    'dist/cli/engine.js',
    'dist/cli/package.json',
    'dist/catalog.json',
  ])
    check(`the tarball holds ${file}`, shipped.includes(file));
  check('the tarball holds the manifest schema', shipped.includes('schema/manifest.schema.json'));
  check(
    'the tarball leaves out the action bundle and the sources',
    !shipped.some((f) => /^(src|__tests__)\/|^dist\/index\.js$/.test(f)),
  );
  process.stdout.write(
    `     ${packed.filename}: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked\n`,
  );

  for (const node of nodes) {
    const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
    const repo = join(root, `repo-${version}`);
    mkdirSync(repo);
    execFileSync('git', ['init', '--quiet', repo]);
    // A repository already using Cursor (its rules are not Markdown) and Claude Code.
    mkdirSync(join(repo, '.cursor/rules'), { recursive: true });
    writeFileSync(join(repo, '.cursor/rules/style.mdc'), '---\ndescription: style\n---\nUse tabs.\n');
    writeFileSync(join(repo, 'CLAUDE.md'), '# Our notes\n');
    const install = spawnSync(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--save-dev',
        '--prefix',
        repo,
        join(root, packed.filename),
      ],
      { encoding: 'utf8', env: offline },
    );
    check(`[${version}] npm install --offline of the tarball`, install.status === 0, install.stderr);
    const modules = readdirSync(join(repo, 'node_modules')).filter((n) => !n.startsWith('.'));
    check(
      `[${version}] it installs no other package`,
      modules.join() === 'blue-gardener',
      modules.join(', '),
    );

    const bin = join(repo, 'node_modules/.bin/blue-gardener');
    const run = (...args) => {
      const r = spawnSync(node, [bin, ...args], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...offline, NO_COLOR: '1' },
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const expect = (label, result, code, test = () => true) =>
      check(
        `[${version}] ${label} → exit ${code}`,
        result.code === code && test(result),
        JSON.stringify(result, null, 2),
      );

    const init = run('init');
    expect('init', init, 0, (r) => /platforms: claude-code, cursor /.test(r.out));
    const manifest = readFileSync(join(repo, '.github/blue-gardener.yml'), 'utf8');
    check(
      `[${version}] the manifest names its schema and pins the CLI's major`,
      manifest.includes('$schema=https://') && manifest.includes('npx blue-gardener@1 sync'),
    );
    check(
      `[${version}] the installed schema is where the manifest's offline $schema points`,
      existsSync(join(repo, '.github', '../node_modules/blue-gardener/schema/manifest.schema.json')),
    );
    expect(
      'sync',
      run('sync'),
      0,
      () =>
        existsSync(join(repo, '.claude/agents/blue-react-developer.md')) &&
        existsSync(join(repo, '.github/blue-gardener.lock')),
    );
    expect('check', run('check'), 0, (r) => r.out.includes('Up to date'));
    writeFileSync(join(repo, '.cursor/agents/blue-react-developer.md'), 'edited by hand\n');
    expect('check after a hand edit', run('check'), 1, (r) =>
      r.out.includes('.cursor/agents/blue-react-developer.md'),
    );
    expect('help sync', run('help', 'sync'), 0, (r) => r.out.includes('Exit codes'));
    expect('a --json error', run('add', 'blue-no-such-agent', '--json'), 1, (r) =>
      JSON.parse(r.out).errors[0].message.includes('blue-no-such-agent'),
    );
    const npx = spawnSync('npx', ['--offline', 'blue-gardener@1', '--version'], {
      cwd: repo,
      encoding: 'utf8',
      env: offline,
    });
    expect(
      'npx --offline blue-gardener@1 --version (the pinned command finds the install)',
      { code: npx.status, out: npx.stdout, err: npx.stderr },
      0,
    );
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
if (failures) {
  process.stderr.write(`pack-smoke: ${failures} check(s) failed\n`);
  process.exit(1);
}
