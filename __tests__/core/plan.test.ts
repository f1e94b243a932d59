import { DEFAULT_DRIFT_POLICY } from '../../src/core/drift-policy.js';
import { gitBlobSha } from '../../src/core/hash.js';
import type { Lock } from '../../src/core/lock.js';
import type { RenderedFile } from '../../src/core/model.js';
import { plan, type PlanInput } from '../../src/core/plan.js';
import { currentOf, type CurrentFile } from '../../src/core/current-file.js';

const file = (path: string, content: string, agent = 'blue-a'): RenderedFile => ({
  path,
  content,
  platform: 'cursor',
  agent,
  kind: 'file',
});
const locked = (path: string, content: string, agent = 'blue-a') => ({
  path,
  blob: gitBlobSha(content),
  platform: 'cursor',
  agent,
  kind: 'file' as const,
});
const input = (over: Partial<PlanInput>): PlanInput => ({
  rendered: [],
  current: new Map(),
  lock: { version: 1, files: [], agents: {} } as Lock,
  lockText: undefined,
  policy: { ...DEFAULT_DRIFT_POLICY },
  agentHashes: {},
  ...over,
});
const files = (...entries: [string, string][]) =>
  new Map<string, CurrentFile | undefined>(entries.map(([p, t]) => [p, currentOf(t)]));
const A = '.cursor/agents/blue-a.md';
const B = '.cursor/agents/blue-b.md';

describe('plan', () => {
  it('recreates a generated file that was deleted, and says so', () => {
    const result = plan(
      input({ rendered: [file(A, 'new\n')], lock: { version: 1, files: [locked(A, 'new\n')], agents: {} } }),
    );
    expect(result.changes.find((c) => c.path === A)).toMatchObject({ operation: 'create', content: 'new\n' });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'missing', path: A, action: 'fixed' })]);
  });

  it('updates a stale file that we generated and nobody edited', () => {
    const result = plan(
      input({
        rendered: [file(A, 'v2\n')],
        current: files([A, 'v1\n']),
        lock: { version: 1, files: [locked(A, 'v1\n')], agents: {} },
      }),
    );
    expect(result.changes.find((c) => c.path === A)).toMatchObject({
      operation: 'update',
      before: 'v1\n',
      content: 'v2\n',
    });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'stale', path: A, action: 'fixed' })]);
  });

  it('deletes an orphan we generated, keeps a hand-edited orphan, and drops lock entries whose file is gone', () => {
    const C = '.cursor/agents/blue-c.md';
    const result = plan(
      input({
        current: files([A, 'v1\n'], [B, 'edited\n']),
        lock: {
          version: 1,
          files: [locked(A, 'v1\n'), locked(B, 'v1\n', 'blue-b'), locked(C, 'v1\n', 'blue-c')],
          agents: {},
        },
      }),
    );
    expect(result.changes.filter((c) => c.path !== '.github/blue-gardener.lock')).toEqual([
      { path: A, operation: 'delete', before: 'v1\n' },
    ]);
    expect(result.findings.map((f) => [f.kind, f.path, f.action])).toEqual([
      ['orphaned', A, 'fixed'],
      ['orphaned', B, 'kept'],
      ['lock-without-file', C, 'dropped'],
    ]);
    expect(result.lock.files.map((e) => e.path)).toEqual([B]);
  });

  it('adopts a foreign file only when it is byte-identical, and otherwise never touches it', () => {
    expect(plan(input({ rendered: [file(A, 'same\n')], current: files([A, 'same\n']) })).findings).toEqual(
      [],
    );
    const reported = plan(
      input({ rendered: [file(A, 'ours\n'), file(B, 'b\n')], current: files([A, 'theirs\n']) }),
    );
    expect(reported.blocked).toBe(false);
    expect(reported.findings[0]).toMatchObject({ kind: 'foreign', action: 'kept' });
    expect(reported.changes.map((c) => c.path)).toEqual([B, '.github/blue-gardener.lock']);
    expect(reported.lock.files.map((e) => e.path)).toEqual([B]);
    const blocked = plan(
      input({
        rendered: [file(A, 'ours\n')],
        current: files([A, 'theirs\n']),
        policy: { ...DEFAULT_DRIFT_POLICY, foreign: 'fail' },
      }),
    );
    expect(blocked.blocked).toBe(true);
    expect(blocked.findings[0]).toMatchObject({ kind: 'foreign', action: 'blocked' });
  });

  it('writes no lock change when nothing changed', () => {
    const first = plan(input({ rendered: [file(A, 'x\n')] }));
    const lockText = first.changes.find((c) => c.path === '.github/blue-gardener.lock')!.content!;
    const second = plan(
      input({ rendered: [file(A, 'x\n')], current: files([A, 'x\n']), lock: first.lock, lockText }),
    );
    expect(second.changes).toEqual([]);
  });
});
