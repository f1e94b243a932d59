import type { SourceFile } from '../core/catalog.js';
import { currentOf } from '../core/current-file.js';
import { presentIn } from '../core/detect-platforms.js';
import type { Host } from './host.js';

/** A repository held in memory: for benchmarks, tests and dry runs against a snapshot. */
export function memoryHost(
  files: Record<string, string> = {},
  label = 'memory',
  executables: Iterable<string> = [],
): Host & { files: Map<string, string>; executables: Set<string> } {
  const store = new Map(Object.entries(files));
  const executable = new Set(executables);
  return {
    label,
    files: store,
    executables: executable,
    read: async (path) => store.get(path),
    current: async (paths) =>
      new Map(paths.map((p) => [p, currentOf(store.get(p), store.has(p) ? executable.has(p) : undefined)])),
    has: async (path) => presentIn(store.keys())(path),
    async listAgentFiles(dir): Promise<SourceFile[]> {
      const prefix = `${dir}/`;
      return [...store.keys()]
        .filter((p) => p.startsWith(prefix) && p.endsWith('.md') && !p.slice(prefix.length).includes('/'))
        .sort()
        .map((path) => ({ path, text: store.get(path)! }));
    },
    async listTree(dir, keep = () => true) {
      const prefix = `${dir}/`;
      return [...store.keys()]
        .filter((p) => p.startsWith(prefix) && keep(p))
        .sort()
        .map((path) => ({ path, text: store.get(path)!, executable: executable.has(path) }));
    },
    async apply(changes) {
      for (const c of changes) {
        if (c.operation === 'delete') store.delete(c.path);
        else store.set(c.path, c.content!);
        if (c.operation !== 'delete' && c.executable) executable.add(c.path);
        else executable.delete(c.path);
      }
    },
  };
}
