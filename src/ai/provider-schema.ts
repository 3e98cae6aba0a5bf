import { z } from 'zod';

const cache = new WeakMap<z.ZodType, Record<string, unknown>>();

/**
 * The JSON Schema a provider gets for structured output (OpenAI json_schema, Anthropic forced tool):
 * zod 4's own conversion, without the `$schema` line or JavaScript's integer limits, which only add tokens.
 */
export function providerJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const hit = cache.get(schema);
  if (hit) return hit;
  const json = z.toJSONSchema(schema, { io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  const clean = JSON.parse(
    JSON.stringify(json, (key, value: unknown) =>
      (key === 'maximum' && value === Number.MAX_SAFE_INTEGER) ||
      (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)
        ? undefined
        : value,
    ),
  ) as Record<string, unknown>;
  cache.set(schema, clean);
  return clean;
}
