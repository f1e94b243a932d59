import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCached, runsAsScript } from '../../src/cli/code-cache.js';

const HEADER = 'import{createRequire as __WEBPACK_EXTERNAL_createRequire}from"module";';
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bg-code-cache-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A bundle shaped like ncc's ES module output that reports, through a file, what it saw. */
function bundle(): { file: string; seen: () => unknown } {
  const file = join(dir, 'engine.js');
  const out = join(dir, 'seen.json');
  writeFileSync(
    file,
    `${HEADER}const fs=__WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");` +
      `fs.writeFileSync(${JSON.stringify(out)}, JSON.stringify([new URL(import.meta.url).pathname, typeof this]));`,
  );
  return { file, seen: () => JSON.parse(readFileSync(out, 'utf8')) };
}

describe('running the CLI bundle through the V8 code cache', () => {
  it('runs an ncc-shaped bundle as a strict script, with createRequire and import.meta.url supplied', () => {
    const { file, seen } = bundle();
    expect(runCached(pathToFileURL(file), join(dir, 'tmp'))).toBe(true);
    // Strict mode, as in the module it stands for: `this` is undefined at the top level.
    expect(seen()).toEqual([file, 'undefined']);
  });

  it('writes the cache after the run, in a folder only this user can write, and uses it next time', () => {
    const { file, seen } = bundle();
    const root = join(dir, 'tmp');
    runCached(pathToFileURL(file), root);
    process.emit('exit', 0);
    const [folder] = readdirSync(root);
    expect(folder).toMatch(/^blue-gardener-cache-\d+$/);
    expect(statSync(join(root, folder!)).mode & 0o777).toBe(0o700);
    const [cache] = readdirSync(join(root, folder!));
    expect(cache).toMatch(new RegExp(`^${process.version}-${process.arch}-[0-9a-f]{24}\\.v8$`));
    rmSync(join(dir, 'seen.json'));
    expect(runCached(pathToFileURL(file), root)).toBe(true);
    expect(seen()).toEqual([file, 'undefined']);
  });

  it('gives the bundle the built-in modules of Node, and "not found" for anything else, as a missing package would', () => {
    const out = join(dir, 'seen.json');
    const file = join(dir, 'engine.js');
    // A package beside the bundle that a real `require` would find and load.
    mkdirSync(join(dir, 'node_modules/esprima'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/esprima/index.js'), 'module.exports = {};');
    writeFileSync(
      file,
      `${HEADER}const r=__WEBPACK_EXTERNAL_createRequire(import.meta.url);let probe;` +
        `try{r("esprima");probe="loaded"}catch(e){probe=e.code}` +
        `r("fs").writeFileSync(${JSON.stringify(out)},JSON.stringify([probe,typeof r("buffer").Buffer,r("node:path").sep]));`,
    );
    expect(runCached(pathToFileURL(file), join(dir, 'tmp'))).toBe(true);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(['MODULE_NOT_FOUND', 'function', '/']);
  });

  it('the committed bundle asks at run time only for built-in modules, and for the optional esprima probe of js-yaml', () => {
    const source = readFileSync(new URL('../../dist/cli/engine.js', import.meta.url), 'utf8');
    const call = '__WEBPACK_EXTERNAL_createRequire(import.meta.url)';
    // Either called at once with a name, or kept in a variable that is called with a name next.
    const direct = [
      ...source.matchAll(/__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\)\("([^"]+)"\)/g),
    ];
    const held = [
      ...source.matchAll(
        /var (\w+)=__WEBPACK_EXTERNAL_createRequire\(import\.meta\.url\);\w+=\1\("([^"]+)"\)/g,
      ),
    ];
    expect(direct.length + held.length).toBe(source.split(call).length - 1);
    const names = new Set([...direct.map((m) => m[1]!), ...held.map((m) => m[2]!)]);
    expect([...names].filter((name) => !isBuiltin(name))).toEqual(['esprima']);
  });

  it('declines a file with module syntax it cannot run as a script, so the caller imports it instead', () => {
    for (const text of [
      `${HEADER}export const x = 1;`,
      'import fs from "node:fs";',
      `${HEADER}import{a}from"b";`,
    ]) {
      const file = join(dir, 'other.js');
      writeFileSync(file, text);
      expect(runCached(pathToFileURL(file), join(dir, 'tmp'))).toBe(false);
    }
  });

  it('can run the committed bundle: a minifier that renamed its import or kept module syntax would lose the cache silently', () => {
    expect(runsAsScript(readFileSync(new URL('../../dist/cli/engine.js', import.meta.url), 'utf8'))).toBe(
      true,
    );
  });
});
