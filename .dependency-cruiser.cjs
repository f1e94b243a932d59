// The allowed arrows between the folders of src/ (ARCHITECTURE.md draws them). `npm run lint` fails on
// any import these rules forbid. Paths match with `(^|/)src/` so the rules also judge the fixture in
// __fixtures__/layers/, which the test uses to show that a wrong import is caught.
const src = '(^|/)src/';
const layer = (name) => `${src}${name}`;

/** A rule: files under `from` may not import files under any of `to`. */
const forbid = (name, comment, from, to, pathNot, fromNot) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, ...(fromNot ? { pathNot: fromNot } : {}) },
  to: { path: to, ...(pathNot ? { pathNot } : {}) },
});

/**
 * The layers from the bottom up. Each of core/, hosts/, the engine, migration/ and runs/ may import only
 * layers below it; the faces on top (bot/, fleet/, action/, cli/) get their own rules below.
 */
const stack = ['core/', 'hosts/', 'engine\\.ts', 'migration/', 'runs/', 'bot/', 'fleet/', 'action/', 'cli/'];
const above = (name) => stack.slice(stack.indexOf(name) + 1).map(layer);

module.exports = {
  forbidden: [
    forbid(
      'core-is-pure',
      'core/ is pure: it may import platforms/ (the registry) and nothing that does I/O or runs',
      layer('core/'),
      above('core/'),
    ),
    forbid(
      'platforms-need-types-only',
      'platforms/ may import the model and the lazy-schema helper of core/, nothing else outside itself',
      layer('platforms/'),
      [layer('')],
      [layer('platforms/'), layer('core/model\\.ts'), layer('core/lazy-schema\\.ts')],
    ),
    forbid(
      'hosts-import-core-only',
      'hosts/ may import core/ (and version.ts), never the engine, the runs or a face',
      layer('hosts/'),
      above('hosts/'),
    ),
    forbid(
      'engine-below-the-faces',
      'the engine may import core/, platforms/ and the host interface (with the overlay), nothing above it',
      layer('engine\\.ts'),
      [...above('engine\\.ts'), layer('hosts/')],
      [layer('hosts/host\\.ts'), layer('hosts/overlay\\.ts'), layer('hosts/sources/reader\\.ts')],
    ),
    forbid(
      'migration-below-the-faces',
      'migration/ may import the engine, core/ and hosts/',
      layer('migration/'),
      above('migration/'),
    ),
    forbid(
      'runs-below-bot-and-fleet',
      'runs/ is shared by the action, the bot and the fleet: it imports none of them',
      layer('runs/'),
      above('runs/'),
    ),
    forbid('bot-not-fleet', 'bot/ and fleet/ never import each other', layer('bot/'), [layer('fleet/')]),
    forbid('fleet-not-bot', 'bot/ and fleet/ never import each other', layer('fleet/'), [layer('bot/')]),
    forbid(
      'nothing-imports-action',
      'only the action entry imports action/',
      layer(''),
      [layer('action/')],
      undefined,
      [layer('action/')],
    ),
    forbid(
      'nothing-imports-cli',
      'nothing imports cli/ but cli/ itself',
      layer(''),
      [layer('cli/')],
      undefined,
      [layer('cli/')],
    ),
    forbid('cli-not-github', 'the CLI runs on a working tree: no runs, bot, fleet or action', layer('cli/'), [
      layer('runs/'),
      layer('bot/'),
      layer('fleet/'),
      layer('action/'),
    ]),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
