import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { Igny8Error, parseInput } from '../errors/index.js';
import { findTemplatesDir } from '../models/find-templates-dir.js';
import { STRUCTURE_KEYS, type StructureKey } from './functions/common.schema.js';

export const SECTION_ELEMENTS = ['paragraphs', 'list', 'steps', 'table', 'pros-cons', 'faq'] as const;

/** templates/structures/<key>.json: the shape an article of that structure follows. */
export const ArticleStructureSchema = z.object({
  key: z.enum(STRUCTURE_KEYS),
  name: z.string().min(1),
  description: z.string().min(1),
  contentType: z.enum(['post', 'pillar', 'page']),
  targetWords: z.object({ min: z.number().int().min(100), max: z.number().int(), default: z.number().int() }),
  /** Words in a keyword that suggest this structure ("how to" → how-to, " vs " → comparison). */
  signals: z.array(z.string()),
  /** {Keyword}, {Subject}, {Action} are filled from the idea's primary keyword. */
  titlePatterns: z.array(z.string()).min(1),
  intro: z.string(),
  sections: z
    .array(
      z.object({
        heading: z.string().min(1),
        points: z.array(z.string()).min(1),
        element: z.enum(SECTION_ELEMENTS),
        optional: z.boolean().optional(),
      }),
    )
    .min(6),
  requiredElements: z.array(z.string()),
  closing: z.string(),
  guidance: z.array(z.string()),
});
export type ArticleStructure = z.infer<typeof ArticleStructureSchema>;
export type SectionElement = (typeof SECTION_ELEMENTS)[number];

const cache = new Map<string, Map<StructureKey, ArticleStructure>>();

/** The bundled structures (or those in `dir`), validated, cached per folder. */
export function loadStructures(
  dir = path.join(findTemplatesDir(), 'structures'),
): Map<StructureKey, ArticleStructure> {
  const hit = cache.get(dir);
  if (hit) return hit;
  const out = new Map<StructureKey, ArticleStructure>();
  for (const key of STRUCTURE_KEYS) {
    const file = path.join(dir, `${key}.json`);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Igny8Error('FILE_NOT_FOUND', `Article structure "${key}" could not be read (${file})`, {
        hint: `Restore templates/structures/${key}.json: ${(err as Error).message}`,
      });
    }
    out.set(key, parseInput(ArticleStructureSchema, raw, `structure ${key}`));
  }
  cache.set(dir, out);
  return out;
}

export function getStructure(key: StructureKey): ArticleStructure {
  return loadStructures().get(key)!;
}

/** What the writer is told about a structure: shape, required elements, section pattern, tone. */
export function structureGuide(s: ArticleStructure): string {
  return [
    `${s.name}: ${s.description}`,
    `Introduction: ${s.intro}`,
    `Typical sections: ${s.sections.map((x) => x.heading.replace(/\{(\w+)\}/g, '…')).join(' · ')}`,
    `Must include: ${s.requiredElements.join('; ')}.`,
    `Closing: ${s.closing}`,
    ...s.guidance.map((g) => `- ${g}`),
  ].join('\n');
}

/**
 * Every structure's guide, headed by its name: the writer's prompt carries them all in its stable
 * prefix (the same for every article, so cached), and names the article's own in the variable part.
 */
export function allStructureGuides(keys: readonly StructureKey[] = STRUCTURE_KEYS): string {
  const all = loadStructures();
  return keys.map((k) => `### ${all.get(k)!.name}\n${structureGuide(all.get(k)!)}`).join('\n\n');
}

/** One line per structure, for the ideas prompt. */
export function structuresSummary(keys: readonly StructureKey[] = STRUCTURE_KEYS): string {
  const all = loadStructures();
  return keys
    .map((k) => {
      const s = all.get(k)!;
      return `- ${k}: ${s.description} (about ${s.targetWords.default} words; fits keywords like ${s.signals
        .slice(0, 4)
        .map((x) => `"${x.trim()}"`)
        .join(', ')})`;
    })
    .join('\n');
}
