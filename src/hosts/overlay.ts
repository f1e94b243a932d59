import { currentOf } from '../core/current-file.js';
import type { Host } from './host.js';

/**
 * A host as it would be after some edits (path → new text, or null for deleted), without writing them: the
 * engine plans against it as if the edits were made. `apply` is refused; the caller composes the edits and
 * the plan into one change set for the real host.
 */
export function overlayHost(base: Host, edits: ReadonlyMap<string, string | null>): Host {
  const edited = (path: string) => edits.has(path);
  return {
    label: base.label,
    read: async (path) => (edited(path) ? (edits.get(path) ?? undefined) : base.read(path)),
    async current(paths, withText, expected, modes) {
      const found = await base.current(
        paths.filter((p) => !edited(p)),
        withText.filter((p) => !edited(p)),
        expected,
        modes,
      );
      for (const p of paths.filter(edited)) found.set(p, currentOf(edits.get(p) ?? undefined));
      return found;
    },
    async has(path) {
      if (!path.endsWith('/')) return edited(path) ? edits.get(path) !== null : base.has(path);
      // A folder: a new file in it, or any file in the base (one the edits delete still counts: an overlay
      // is planned against, and detection never runs on one).
      const created = [...edits].some(([p, text]) => text !== null && p.startsWith(path));
      return created || (await base.has(path));
    },
    async listAgentFiles(dir) {
      const inDir = (p: string) =>
        p.startsWith(`${dir}/`) && p.endsWith('.md') && !p.slice(dir.length + 1).includes('/');
      const files = (await base.listAgentFiles(dir)).filter((f) => !edited(f.path));
      for (const [path, text] of edits) if (text !== null && inDir(path)) files.push({ path, text });
      return files.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    async listTree(dir, keep = () => true) {
      // An edit writes text only (a manifest, a lock): an edited path keeps no executable bit.
      const files = (await base.listTree(dir, keep)).filter((f) => !edited(f.path));
      for (const [path, text] of edits)
        if (text !== null && path.startsWith(`${dir}/`) && keep(path))
          files.push({ path, text, executable: false });
      return files.sort((a, b) => (a.path < b.path ? -1 : 1));
    },
    apply() {
      throw new Error('internal: an overlay host is planned against, never written');
    },
  };
}
