import { z } from 'zod';

/** schema.org shapes with the properties search engines require for each type (shared by the tests). */
const Context = z.literal('https://schema.org');
const Iso = z.string().datetime({ offset: true });
const Org = z.object({ '@type': z.enum(['Organization', 'Person']), name: z.string().min(1) });
export const ArticleLd = z.object({
  '@context': Context,
  '@type': z.literal('Article'),
  headline: z.string().min(1).max(110),
  datePublished: Iso,
  dateModified: Iso,
  author: Org,
  publisher: Org,
  description: z.string().optional(),
});
export const FaqLd = z.object({
  '@context': Context,
  '@type': z.literal('FAQPage'),
  mainEntity: z
    .array(
      z.object({
        '@type': z.literal('Question'),
        name: z.string().min(1),
        acceptedAnswer: z.object({ '@type': z.literal('Answer'), text: z.string().min(1) }),
      }),
    )
    .min(1),
});
export const HowToLd = z.object({
  '@context': Context,
  '@type': z.literal('HowTo'),
  name: z.string().min(1),
  step: z
    .array(
      z.object({
        '@type': z.literal('HowToStep'),
        position: z.number().int().min(1),
        name: z.string().min(1),
        text: z.string().min(1),
      }),
    )
    .min(1),
});
export const LdItem = z.discriminatedUnion('@type', [ArticleLd, FaqLd, HowToLd]);

/** Every JSON-LD object in the document's <script type="application/ld+json"> blocks. */
export function ldOf(doc: string): unknown[] {
  const scripts = [...doc.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
  return scripts.flatMap((m) => {
    const v = JSON.parse(m[1]!) as unknown;
    return Array.isArray(v) ? v : [v];
  });
}
