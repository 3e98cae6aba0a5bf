import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** Strings that tend to break parsers and queries, mixed into every generated string. */
const NASTY = [
  '',
  ' ',
  "'; drop table users; --",
  '%',
  '_',
  '\u0000',
  '🙂',
  'a'.repeat(300),
  '../../etc/passwd',
  '{{x}}',
];

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = (s.minLength as number | undefined) ?? 0;
  const max = Math.min((s.maxLength as number | undefined) ?? 40, min + 60);
  const format = s.format as string | undefined;
  if (format === 'email') return fc.emailAddress();
  if (format === 'uri' || format === 'url') return fc.webUrl();
  if (format === 'uuid') return fc.uuid();
  if (format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  const pattern = s.pattern as string | undefined;
  if (pattern) {
    // Regex-shaped strings: mostly lowercase words, which satisfy the name-like patterns we use.
    return fc.oneof(
      fc.stringMatching(new RegExp(pattern)).filter((v) => v.length >= min && v.length <= max),
      fc.string({ minLength: min, maxLength: max }),
    );
  }
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.constantFrom(...NASTY));
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? -1e6;
  const max = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined) ?? 1e6;
  const lo = Math.max(min, -1e9);
  const hi = Math.min(max, 1e9);
  const inRange = integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
  const edges = fc.constantFrom(lo - 1, hi + 1, 0, -1, 0.5, Number.MAX_SAFE_INTEGER);
  return fc.oneof({ weight: 4, arbitrary: inRange }, { weight: 1, arbitrary: edges });
}

/**
 * An arbitrary for values shaped like a JSON Schema (as zod's toJSONSchema writes it): mostly
 * valid, with edge values mixed in, so a fuzzer exercises both the happy path and the validators.
 */
export function arbitraryFromJsonSchema(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return fc.constant(null);
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const union = (s.anyOf ?? s.oneOf) as JsonSchema[] | undefined;
  if (union?.length) return fc.oneof(...union.map((u) => arbitraryFromJsonSchema(u, depth + 1)));
  if (Array.isArray(s.allOf) && s.allOf.length)
    return arbitraryFromJsonSchema(s.allOf[0] as JsonSchema, depth + 1);
  const type = s.type;
  if (Array.isArray(type))
    return fc.oneof(...type.map((t) => arbitraryFromJsonSchema({ ...s, type: t }, depth + 1)));
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (s.items as JsonSchema | undefined) ?? {};
      const maxLength = Math.min((s.maxItems as number | undefined) ?? 5, 5);
      const minLength = Math.min((s.minItems as number | undefined) ?? 0, maxLength);
      return fc.array(arbitraryFromJsonSchema(items, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = arbitraryFromJsonSchema(v, depth + 1);
      if (Object.keys(record).length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(record, { requiredKeys: Object.keys(record).filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Arbitrary request bodies for a zod schema (its input side). */
export function arbitraryFromZod(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return arbitraryFromJsonSchema(json);
}

/** One deterministic, schema-valid value when fast-check can find one (used to build valid requests). */
export function sampleValid(schema: z.ZodType, seed = 1): unknown {
  const samples = fc.sample(arbitraryFromZod(schema), { seed, numRuns: 300 });
  return samples.find((v) => schema.safeParse(v).success);
}
