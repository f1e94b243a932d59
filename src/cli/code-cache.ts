// Runs the CLI bundle (dist/cli/engine.js) through V8's code cache. Node 20 has no compile cache for ES
// modules, and compiling the bundle (parsing plus compiling every function it calls) is most of what a
// short command costs. The bundle is an ES module only in two ways — one `import` of createRequire and
// `import.meta.url` — so it runs as a script once those are supplied; anything else falls back to import().
// Node's modules are fetched when a command runs (process.getBuiltinModule, Node ≥ 20.16), not imported at
// the top, so that `--version`, which never gets here, does not load them either.
const builtin = <T extends keyof BuiltIns>(id: T): BuiltIns[T] => process.getBuiltinModule(id);
type BuiltIns = {
  'node:crypto': typeof import('node:crypto');
  'node:fs': typeof import('node:fs');
  'node:os': typeof import('node:os');
  'node:path': typeof import('node:path');
  'node:url': typeof import('node:url');
  'node:vm': typeof import('node:vm');
};

const HEADER = 'import{createRequire as __WEBPACK_EXTERNAL_createRequire}from"module";';
/** The bundle's body runs inside this function, which receives what the module header would have given. */
const WRAPPER = '(function (__WEBPACK_EXTERNAL_createRequire, __blueGardenerUrl) {"use strict";';

/** Static import or export statements, which a script cannot run (text in strings may match: then we fall back). */
const moduleSyntax =
  /(?<![\w$.])(?:import\s*(?:[{*]|[\w$]+\s*(?:,|from\b))|export\s*(?:[{*]|(?:default|const|let|var|function|class|async)\b))/;

/** Whether a bundle has the shape this runner can run as a script (else it is imported, without a cache). */
export const runsAsScript = (source: string): boolean =>
  source.startsWith(HEADER) && !moduleSyntax.test(source.slice(HEADER.length));

/** Runs the bundle at `url` with a per-user code cache; false when the bundle does not have the expected shape. */
export function runCached(url: URL, cacheRoot?: string): boolean {
  if (typeof process.getBuiltinModule !== 'function') return false;
  const { readFileSync, writeFileSync } = builtin('node:fs');
  const { Script } = builtin('node:vm');
  const file = builtin('node:url').fileURLToPath(url);
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  if (!runsAsScript(source)) return false;
  const body = source.slice(HEADER.length).replaceAll('import.meta.url', '__blueGardenerUrl');
  const wrapped = `${WRAPPER}${body}\n})`;
  // Keyed on the file's bytes (hashing them is cheaper than hashing the decoded text), on the wrapper, and
  // on Node's flags: V8 rejects a cache made under other flags, and two flag sets sharing one file would
  // each reject and rewrite it on every run.
  const flags = `${process.execArgv.join(' ')}\0${process.env['NODE_OPTIONS'] ?? ''}\0`;
  const cacheFile = cachePath([WRAPPER, flags, bytes], cacheRoot ?? builtin('node:os').tmpdir());
  let cachedData: Buffer | undefined;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrapped, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const run = script.runInThisContext() as (req: () => (id: string) => unknown, url: string) => void;
  run(() => builtinRequire, url.href);
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the run, so the cache holds every function the command compiled, not just the top level.
    process.once('exit', () => {
      try {
        writeFileSync(cacheFile, script.createCachedData(), { mode: 0o600 });
      } catch {
        // A cache that cannot be written only costs speed.
      }
    });
  }
  return true;
}

/**
 * The `require` the bundle gets from `createRequire(import.meta.url)`: Node's built-in modules, taken
 * straight from process.getBuiltinModule. The bundle holds every package it uses; the one other name it
 * asks for is js-yaml's optional probe for `esprima` (its `!!js/function` type, which gray-matter's safe
 * schema never uses), which gets the "not found" it already handles. A real `require` would load Node's
 * CommonJS resolver for every built-in, and find and compile esprima from node_modules: 10–40 ms of CPU
 * on every command.
 */
function builtinRequire(id: string): unknown {
  const module = process.getBuiltinModule(id);
  if (module === undefined)
    throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
  return module;
}

/** A file in a folder only this user can write (never a shared one), or undefined to run without a cache. */
function cachePath(key: (string | Uint8Array)[], root: string): string | undefined {
  if (process.env['BLUE_GARDENER_CODE_CACHE'] === '0') return undefined;
  const { lstatSync, mkdirSync } = builtin('node:fs');
  const { join } = builtin('node:path');
  const { createHash } = builtin('node:crypto');
  const uid = process.getuid?.() ?? 0;
  const dir = join(root, `blue-gardener-cache-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700, recursive: true });
    const info = lstatSync(dir);
    if (!info.isDirectory() || (process.getuid && info.uid !== uid) || (info.mode & 0o022) !== 0)
      return undefined;
  } catch {
    return undefined;
  }
  const hash = createHash('sha256');
  for (const part of key) hash.update(part);
  return join(dir, `${process.version}-${process.arch}-${hash.digest('hex').slice(0, 24)}.v8`);
}
