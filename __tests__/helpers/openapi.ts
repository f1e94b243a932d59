import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { validate as validateQuery } from '@octokit/graphql-schema';

// GitHub's official OpenAPI description: every request the fake receives is checked against it, so a wrong
// path, method, parameter, field or enum value fails a test instead of a user's workflow.
type Schema = Record<string, unknown>;
const require = createRequire(import.meta.url);
const spec = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, Schema>>;
  components: Record<string, Record<string, Schema>>;
};

function deref(node: unknown): Schema {
  let current = node as Schema;
  while (current && typeof current['$ref'] === 'string') {
    const [, , group, name] = (current['$ref'] as string).split('/');
    current = spec.components[group!]![name!]!;
  }
  return current;
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Problems with one request, empty when GitHub's description accepts it. */
export function validateRequest(
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): string[] {
  if (path === '/graphql')
    return validateGraphql(body as { query?: string; variables?: Record<string, unknown> });
  const match = templates.find((t) => t.regex.test(path));
  if (!match) return [`${method} ${path}: no such path in GitHub's REST API`];
  const operation = spec.paths[match.template]![method.toLowerCase()];
  if (!operation) return [`${method} ${match.template}: method not allowed`];
  const problems: string[] = [];
  const params = ((operation['parameters'] as unknown[]) ?? []).map(deref);
  for (const key of query.keys()) {
    if (!params.some((p) => p['in'] === 'query' && p['name'] === key))
      problems.push(`${method} ${match.template}: unknown query parameter \`${key}\``);
  }
  const schema = deref(
    (deref(operation['requestBody'])?.['content'] as Record<string, Schema> | undefined)?.[
      'application/json'
    ]?.['schema'],
  );
  if (body !== undefined && !schema) problems.push(`${method} ${match.template}: takes no body`);
  if (schema) problems.push(...validateValue(schema, body, `${method} ${match.template} body`));
  return problems;
}

function validateValue(schemaIn: Schema, value: unknown, where: string): string[] {
  const schema = deref(schemaIn);
  if (value === null) return schema['nullable'] ? [] : [`${where}: null is not allowed`];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options)
      return options.some((o) => validateValue(o, value, where).length === 0)
        ? []
        : [`${where}: matches none of the allowed shapes`];
  }
  const type = schema['type'];
  if (type === 'object' || schema['properties']) {
    if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: expected an object`];
    const props = (schema['properties'] as Record<string, Schema>) ?? {};
    const problems = ((schema['required'] as string[]) ?? [])
      .filter((r) => !(r in (value as object)))
      .map((r) => `${where}: missing required \`${r}\``);
    for (const [k, v] of Object.entries(value as object)) {
      if (!(k in props)) {
        if (!schema['additionalProperties']) problems.push(`${where}: unknown field \`${k}\``);
        continue;
      }
      problems.push(...validateValue(props[k]!, v, `${where}.${k}`));
    }
    return problems;
  }
  if (type === 'array') {
    if (!Array.isArray(value)) return [`${where}: expected an array`];
    return value.flatMap((item, i) => validateValue(schema['items'] as Schema, item, `${where}[${i}]`));
  }
  if (schema['enum'] && !(schema['enum'] as unknown[]).includes(value))
    return [`${where}: \`${String(value)}\` is not one of ${(schema['enum'] as unknown[]).join(', ')}`];
  if (type === 'string' && typeof value !== 'string') return [`${where}: expected a string`];
  if (type === 'boolean' && typeof value !== 'boolean') return [`${where}: expected a boolean`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${where}: expected an integer`];
  return [];
}

/**
 * A GraphQL request checked against GitHub's published GraphQL schema (@octokit/graphql-schema): a wrong
 * field, argument or type fails a test; so does a required variable the request does not send.
 */
function validateGraphql(
  body: { query?: string; variables?: Record<string, unknown> } | undefined,
): string[] {
  const query = body?.query;
  if (typeof query !== 'string') return ['POST /graphql: the body has no query'];
  const checked = graphqlChecked.get(query) ?? validateQuery(query).map((e) => `GraphQL: ${e.message}`);
  graphqlChecked.set(query, checked);
  const header = /^[^{]*/.exec(query)![0];
  const missing = [...header.matchAll(/\$(\w+)\s*:\s*[\w[\]]+!/g)]
    .map((m) => m[1]!)
    .filter((name) => body?.variables?.[name] === undefined)
    .map((name) => `GraphQL: the required variable $${name} is not sent`);
  return [...checked, ...missing];
}
const graphqlChecked = new Map<string, string[]>();
