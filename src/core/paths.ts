/** The repository paths blue-gardener knows by name: constants and name tests only, importable from every layer. */

/** Where the manifest lives in a repository, and the lock beside it. */
export const MANIFEST_PATH = '.github/blue-gardener.yml';
export const LOCK_PATH = '.github/blue-gardener.lock';
/**
 * A lock too large for one file keeps its entries and agents in parts here (core/lock-parts.ts). Ours by
 * name: only files named like a part (`<1–8 hex digits>.json`, directly in it) are read, written or deleted.
 */
export const LOCK_PARTS_DIR = '.github/blue-gardener.lock.d';
const lockPartName = /^\.github\/blue-gardener\.lock\.d\/[0-9a-f]{1,8}\.json$/;
/** Whether `path` is one of the lock's parts (by name; see LOCK_PARTS_DIR). */
export const isLockPartPath = (path: string): boolean => lockPartName.test(path);
/** Whether `path` is the lock: its root file or one of its parts. Ours by path; never a generated file. */
export const isLockPath = (path: string): boolean => path === LOCK_PATH || lockPartName.test(path);
/** Where a repository's own agents live unless the manifest says otherwise. */
export const DEFAULT_CUSTOM_AGENTS = '.github/blue-gardener/agents';
/** Where a repository's own skills live (one folder per skill, with its SKILL.md) unless the manifest says otherwise. */
export const DEFAULT_CUSTOM_SKILLS = '.github/blue-gardener/skills';

/** The state file of the original `blue-gardener` CLI (npm 0.1/0.2): its presence means "migrate me". */
export const ORIGINAL_STATE_PATH = '.cursor/agents/.blue-generated-manifest.json';
/** The whole files the original wrote; a migration may rewrite them (keeping the person's text). */
export const ORIGINAL_SHARED_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];

/**
 * How people run the CLI: pinned to this package's major, because the name's 0.x releases are the original
 * CLI, which a bare npx of the name may run. Every command we print for someone to copy starts with it.
 */
export const CLI = 'npx blue-gardener@1';

/**
 * The manifest's JSON Schema as releases serve it: jsDelivr's copy of the published npm package, at this
 * major (jsDelivr resolves `@1` to the newest 1.x, so new optional keys reach editors without an edit).
 */
export const SCHEMA_URL = 'https://cdn.jsdelivr.net/npm/blue-gardener@1/schema/manifest.schema.json';
/** The same file in an installed package, relative to the manifest in `.github/` (works offline). */
export const SCHEMA_INSTALLED_PATH = '../node_modules/blue-gardener/schema/manifest.schema.json';
