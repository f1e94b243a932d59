#!/usr/bin/env node
// The `blue-gardener` bin (dist/cli/index.cjs). CommonJS on purpose: an ES module entry makes Node start its
// ES module loader (about 25 internal modules, 10–20 ms) before the bundle, which runs as a script anyway
// (code-cache.ts). Bundled by ncc, which compiles the TypeScript it requires.
'use strict';
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { launch } = require('./launch.ts');

launch(process.argv.slice(2), pathToFileURL(join(__dirname, 'engine.js')));
