/** The repository paths blue-gardener knows by name: constants only, importable from every layer. */

/** Where the manifest lives in a repository, and the lock beside it. */
export const MANIFEST_PATH = '.github/blue-gardener.yml';
export const LOCK_PATH = '.github/blue-gardener.lock';
/** Where a repository's own agents live unless the manifest says otherwise. */
export const DEFAULT_CUSTOM_AGENTS = '.github/blue-gardener/agents';

/** The state file of the original `blue-gardener` CLI (npm 0.1/0.2): its presence means "migrate me". */
export const ORIGINAL_STATE_PATH = '.cursor/agents/.blue-generated-manifest.json';
/** The whole files the original wrote; a migration may rewrite them (keeping the person's text). */
export const ORIGINAL_SHARED_FILES = ['AGENTS.md', '.github/copilot-instructions.md'];
