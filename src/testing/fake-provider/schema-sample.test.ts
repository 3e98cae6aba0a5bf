import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPrng } from '../../util/prng.js';
import { sampleFromSchema } from './schema-sample.js';

const schemas: Record<string, z.ZodType> = {
  content: z.object({
    title: z.string().min(20).max(70),
    slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
    metaTitle: z.string().max(60),
    metaDescription: z.string().min(120).max(160),
    html: z.string().min(200),
    wordCount: z.int().positive(),
    score: z.number().min(0).max(100),
    url: z.url(),
    email: z.email(),
    at: z.iso.datetime(),
    id: z.uuid(),
  }),
  nested: z.object({
    clusters: z
      .array(
        z.object({
          name: z.string().min(3),
          keywords: z.array(z.string()).min(3).max(10),
          intent: z.enum(['informational', 'commercial', 'transactional', 'navigational']),
          confidence: z.number().gt(0).lt(1),
          parent: z.string().nullable(),
          note: z.string().optional(),
        }),
      )
      .min(1)
      .max(5),
    kind: z.literal('clusters'),
    pair: z.tuple([z.string(), z.int().min(1).max(3)]),
    weights: z.record(z.string(), z.number()),
    either: z.union([z.string().min(2), z.number()]),
    flag: z.boolean(),
  }),
  recursiveDefs: z.object({
    outline: z
      .array(z.lazy(() => z.object({ h2: z.string().min(5), points: z.array(z.string()).min(2).max(5) })))
      .min(6)
      .max(10),
  }),
  topLevelArray: z
    .array(z.object({ alt: z.string().max(125), role: z.enum(['featured', 'inline']) }))
    .min(1)
    .max(8),
};

describe('sampleFromSchema', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`produces values the zod schema accepts: ${name}`, () => {
      const json = z.toJSONSchema(schema) as Record<string, unknown>;
      for (let seed = 1; seed <= 40; seed++) {
        const value = sampleFromSchema(json, { rand: createPrng(seed), topic: 'winter running shoes' });
        const result = schema.safeParse(value);
        expect(result.success, `seed ${seed}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
      }
    });
  }

  it('is deterministic for a seed and varies across seeds', () => {
    const json = z.toJSONSchema(schemas.nested!) as Record<string, unknown>;
    const a = JSON.stringify(sampleFromSchema(json, { rand: createPrng(3) }));
    expect(JSON.stringify(sampleFromSchema(json, { rand: createPrng(3) }))).toBe(a);
    const others = new Set(
      Array.from({ length: 10 }, (_, i) =>
        JSON.stringify(sampleFromSchema(json, { rand: createPrng(100 + i) })),
      ),
    );
    expect(others.size).toBeGreaterThan(1);
  });

  it('resolves $ref into $defs', () => {
    const json = {
      type: 'object',
      properties: { item: { $ref: '#/$defs/Item' } },
      required: ['item'],
      $defs: {
        Item: {
          type: 'object',
          properties: { n: { type: 'integer', minimum: 5, maximum: 5 } },
          required: ['n'],
        },
      },
    };
    expect(sampleFromSchema(json)).toEqual({ item: { n: 5 } });
  });
});
