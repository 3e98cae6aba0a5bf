import type { z } from 'zod';
import { Igny8Error } from '../errors/index.js';
import { ConfigSchema, type Igny8Config } from './config.schema.js';

export interface ConfigProblem {
  key: string;
  message: string;
  fix: string;
}

export interface ConfigValidation {
  config?: Igny8Config;
  errors: ConfigProblem[];
  warnings: ConfigProblem[];
}

function describeReceived(input: unknown, path: PropertyKey[]): string {
  let node: unknown = input;
  for (const key of path)
    node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node === undefined ? 'nothing' : JSON.stringify(node);
}

function fixFor(issue: z.core.$ZodIssue, key: string): string {
  if (issue.code === 'unrecognized_keys')
    return `Remove ${issue.keys.map((k) => `"${k}"`).join(', ')} (see igny8.config.example.ts for valid keys).`;
  return `Set "${key}" as described in igny8.config.example.ts, or remove it to use the default.`;
}

/** Pure: raw object → config plus named problems. Nothing here reads files or the environment. */
export function validateConfig(raw: unknown): ConfigValidation {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      const got = issue.code === 'unrecognized_keys' ? '' : ` (got ${describeReceived(raw, issue.path)})`;
      return { key, message: `${issue.message}${got}`, fix: fixFor(issue, key) };
    });
    return { errors, warnings: [] };
  }
  const config = result.data;
  const warnings: ConfigProblem[] = [];
  if (
    config.database.url.startsWith('sqlite:') &&
    config.server.host !== '127.0.0.1' &&
    config.server.host !== 'localhost'
  ) {
    warnings.push({
      key: 'server.host',
      message: 'serving SQLite to the network works, but one file limits you to one server process',
      fix: 'Use a postgres:// database.url for teams.',
    });
  }
  return { config, errors: [], warnings };
}

/** Validate or throw CONFIG_INVALID with every problem listed. */
export function parseConfig(raw: unknown, source = 'configuration'): Igny8Config {
  const { config, errors } = validateConfig(raw);
  if (config) return config;
  const lines = errors.map((e) => `${e.key}: ${e.message}`);
  throw new Igny8Error('CONFIG_INVALID', `Invalid ${source}: ${lines.join('; ')}`, {
    hint: errors[0]?.fix,
    fields: Object.fromEntries(errors.map((e) => [e.key, [e.message]])),
  });
}
