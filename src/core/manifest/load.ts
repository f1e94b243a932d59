import { ownEntry } from '../model.js';
import type { z } from 'zod';
import { UserError, throwAll } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { typeHint } from '../type-hint.js';
import { manifestSchema, type Manifest } from './schema.js';
import { mergeOntoBase } from './extends.js';
import { locate, parseYaml, type ParsedYaml } from '../yaml-text.js';
import { exclusivePairs, platformAliases, type PlatformId } from '../../platforms/registry.js';

export interface LoadedManifest {
  manifest: Manifest;
  /** Platform ids, aliases resolved, in the manifest's order. */
  platforms: PlatformId[];
  file: string;
  /** Where a value is in the manifest, for messages about it. */
  locate(path: readonly (string | number)[], key?: boolean): { file: string; line?: number; column?: number };
  warnings: string[];
}

/**
 * Parses and validates the manifest text; every problem is reported with its line and column. A manifest
 * with `extends` needs the manifest it extends, already loaded, as `base` (see manifest-extends.ts).
 */
export function loadManifest(text: string, file: string, base?: Manifest): LoadedManifest {
  const parsed = parseYaml(text, file);
  const value = parsed.doc.toJS() as unknown;
  if (value === null || value === undefined) {
    throw new UserError('the manifest is empty', {
      location: { file, line: 1 },
      hint: 'run `npx blue-gardener@1 init` to write a starter manifest',
    });
  }
  const extendsRef = (value as { extends?: unknown }).extends;
  if (typeof extendsRef === 'string' && !base) {
    throw new UserError(
      `\`extends: ${extendsRef}\` needs the shared manifest, which only the action's regeneration reads (through the API)`,
      {
        location: locate(parsed, ['extends'], file),
        hint: 'let the action regenerate the files (edit this file by hand to change it), or copy the keys you need into it',
      },
    );
  }
  const check = manifestSchema.safeParse(base ? mergeOntoBase(base, value) : value);
  if (!check.success) throwAll(check.error.issues.flatMap((issue) => issueToErrors(issue, parsed, file)));
  const manifest = check.data!;
  const warnings: string[] = [];
  const platforms = manifest.platforms.map((id, index) => {
    const target = ownEntry(platformAliases, id);
    if (!target) return id as PlatformId;
    const at = locate(parsed, ['platforms', index], file);
    warnings.push(
      `${file}:${at.line}: platform \`${id}\` is the original CLI's name; write \`${target}\` instead`,
    );
    return target;
  });
  const duplicates = ['platforms', 'profiles', 'agents', 'exclude'].flatMap((key) => {
    const list = key === 'platforms' ? platforms : (manifest[key as keyof Manifest] as string[]);
    return list.flatMap((item, index) =>
      list.indexOf(item) === index
        ? []
        : [
            new UserError(`\`${item}\` is listed twice in \`${key}\``, {
              location: locate(parsed, [key, index], file),
              hint: 'remove one of them',
            }),
          ],
    );
  });
  const exclusive = exclusivePairs(platforms).map(
    ([a, b]) =>
      new UserError(
        `platforms \`${a}\` and \`${b}\` write the same folder, where one tool would list every agent twice`,
        {
          location: locate(parsed, ['platforms', platforms.indexOf(b)], file),
          hint: `keep one of them (see the README's platform table)`,
        },
      ),
  );
  throwAll([...duplicates, ...exclusive]);
  return {
    manifest,
    platforms,
    file,
    locate: (path, key) => locate(parsed, path, file, key),
    warnings,
  };
}

function issueToErrors(issue: z.core.$ZodIssue, parsed: ParsedYaml, file: string): UserError[] {
  const path = issue.path as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const known = knownKeysAt(path);
      return new UserError(
        `unknown key \`${key}\`${path.length ? ` in \`${path.join('.')}\`` : ''}.${didYouMean(key, known)}`,
        {
          location: locate(parsed, [...path, key], file, true),
          hint: known.length ? `allowed here: ${known.join(', ')}` : undefined,
        },
      );
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length) {
    // A value that may take several shapes (e.g. `hand-edits`): report the problems of the shape it has.
    const isMap = typeof valueAt(parsed, path) === 'object';
    const wrongShape = (issues: z.core.$ZodIssue[]) =>
      issues.some(
        (i) => i.path.length === 0 && (i.code === 'invalid_type' || (isMap && i.code === 'invalid_value')),
      );
    const branch = issue.errors.find((issues) => !wrongShape(issues)) ?? issue.errors[0]!;
    return branch.flatMap((i) => issueToErrors({ ...i, path: [...path, ...i.path] }, parsed, file));
  }
  const where = path.length ? `\`${path.join('.')}\`: ` : '';
  let message = issue.message;
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const got = valueAt(parsed, path);
    if (got === undefined)
      return [
        new UserError(`\`${path.join('.')}\` is missing`, {
          location: locate(parsed, path, file),
          hint: `add it; allowed: ${issue.values.join(', ')}`,
        }),
      ];
    // A value that reads like an allowed one but has another type (the string "1" for the number 1).
    const sameText = issue.values.find((v) => String(v) === String(got));
    message =
      sameText !== undefined
        ? `expected ${typeof sameText} ${String(sameText)}, got ${describe(got)}`
        : `\`${String(got)}\` is not one of the allowed values.${didYouMean(String(got), issue.values.map(String))}`;
    return [
      new UserError(`${where}${message}`, {
        location: locate(parsed, path, file),
        hint:
          sameText !== undefined && typeof sameText === 'number'
            ? `write it without quotes: ${path.join('.')}: ${sameText}`
            : `allowed: ${issue.values.join(', ')}`,
      }),
    ];
  }
  let hint: string | undefined;
  if (issue.code === 'invalid_type') {
    const got = valueAt(parsed, path);
    message = `expected ${issue.expected}, got ${describe(got)}`;
    hint = typeHint(issue.expected, path, got);
  }
  return [new UserError(`${where}${message}`, { location: locate(parsed, path, file), hint })];
}

function valueAt(parsed: ParsedYaml, path: (string | number)[]): unknown {
  const node = parsed.doc.getIn(path);
  return node && typeof node === 'object' && 'toJSON' in node
    ? (node as { toJSON(): unknown }).toJSON()
    : node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `${typeof value} \`${String(value)}\``;
}

/** The keys the schema allows at a path (for "did you mean"). */
function knownKeysAt(path: (string | number)[]): string[] {
  let schema: z.ZodType = manifestSchema;
  for (const part of path) {
    const def = unwrap(schema);
    if ('shape' in def) schema = (def.shape as Record<string, z.ZodType>)[part as string] ?? def;
    else if ('valueType' in def) schema = def.valueType as z.ZodType;
    else return [];
  }
  const def = unwrap(schema);
  return 'shape' in def ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: z.ZodType): z.ZodType & Record<string, unknown> {
  let current = schema as z.ZodType & Record<string, unknown>;
  for (let i = 0; i < 5; i++) {
    const def = (
      current as { def?: { innerType?: z.ZodType; options?: z.ZodType[]; getter?: () => z.ZodType } }
    ).def;
    // A value of several shapes (`hand-edits`: a word or a map): its keys are the map's. A lazy schema
    // (`overrides`) is built here if it was not yet.
    const inner = def?.innerType ?? def?.getter?.() ?? def?.options?.find((o) => 'shape' in o);
    if (!inner) break;
    current = inner as z.ZodType & Record<string, unknown>;
  }
  return current;
}
