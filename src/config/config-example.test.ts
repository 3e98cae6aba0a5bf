import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigSchema } from './config.schema.js';
import { validateConfig } from './validate-config.js';
import { applyEnvOverrides } from './env-overrides.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = fs.readFileSync(path.join(root, 'igny8.config.example.ts'), 'utf8');

/** Leaf key paths of the schema, read from the schema itself so a new key is checked automatically. */
function leafKeys(schema: z.ZodType, prefix = ''): string[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const walk = (node: Record<string, unknown>, p: string): string[] => {
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (!props || (node.additionalProperties && typeof node.additionalProperties === 'object')) return [p];
    return Object.entries(props).flatMap(([k, v]) => walk(v, p ? `${p}.${k}` : k));
  };
  return walk(json, prefix);
}

describe('igny8.config.example.ts', () => {
  it('documents every config key', () => {
    const keys = leafKeys(ConfigSchema);
    expect(keys.length).toBeGreaterThan(20);
    const missing = keys.filter((k) => !new RegExp(`\\b${k.split('.').pop()}\\b`).test(example));
    expect(missing).toEqual([]);
  });

  it('every default parses, and the environment overrides the file', () => {
    const { config, errors } = validateConfig(
      applyEnvOverrides(
        { database: { url: 'sqlite:./a.db' } },
        { IGNY8_DATABASE_URL: 'postgres://u@h/db', IGNY8_PORT: '9999' },
      ),
    );
    expect(errors).toEqual([]);
    expect(config?.database.url).toBe('postgres://u@h/db');
    expect(config?.server.port).toBe(9999);
    expect(config?.pipeline.concurrency).toBe(4);
  });

  it('names the key, what was expected and the fix for a bad value', () => {
    const { errors } = validateConfig({ pipeline: { concurrency: 0 }, bogus: 1 });
    const keys = errors.map((e) => e.key);
    expect(keys).toContain('pipeline.concurrency');
    expect(errors.find((e) => e.key === 'pipeline.concurrency')?.message).toMatch(
      />=\s*1|at least 1|too small/i,
    );
    expect(errors.find((e) => e.message.includes('bogus') || e.fix.includes('bogus'))).toBeDefined();
  });
});
