import type { z } from 'zod';
import { normalizeKeyword, type StructureKey } from '../../ai/functions/common.schema.js';
import type {
  GenerateIdeasInputSchema,
  GenerateIdeasOutput,
  Idea,
} from '../../ai/functions/generate-ideas.schema.js';
import { getStructure } from '../../ai/structures.js';
import { localizeIdeas } from './gen-localized.js';
import { sandboxLocale } from './sandbox-locales.js';
import type { SandboxRandom } from './sandbox-random.js';
import {
  clip,
  contentTokens,
  fillPattern,
  keywordParts,
  titleCase,
  type KeywordParts,
} from './sandbox-words.js';

type Input = z.output<typeof GenerateIdeasInputSchema>;

/** Structures a plain topic keyword can take (a comparison needs two sides in the keyword). */
const ROTATION: StructureKey[] = ['how-to', 'listicle', 'review', 'guide'];

const VARIANTS = ['tips', 'guide', 'mistakes to avoid', 'for beginners', 'explained', 'checklist', 'ideas'];

/** Distinct primary keywords for `count` ideas: the cluster's by volume, then natural variants of its topic. */
function primaries(input: Input): string[] {
  const kws = [...input.cluster.keywords]
    .sort((a, b) => (b.volume ?? 0) - (a.volume ?? 0) || a.keyword.localeCompare(b.keyword))
    .map((k) => normalizeKeyword(k.keyword));
  const out = [...new Set(kws)].slice(0, input.count);
  const topic = keywordParts(input.cluster.primaryKeyword ?? kws[0] ?? input.cluster.name).subject;
  for (const v of VARIANTS) {
    if (out.length >= input.count) break;
    const k = `${topic} ${v}`;
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

/** 2–3 related keywords for an idea: cluster keywords no other idea targets, closest in words and intent first. */
function secondaries(
  input: Input,
  primary: string,
  taken: Set<string>,
  parts: KeywordParts,
  uses: Map<string, number>,
): string[] {
  const mine = new Set(contentTokens(primary));
  // Shared words and intent pull a keyword in; each earlier idea that used it pushes it out, to spread coverage.
  const score = (k: string) =>
    contentTokens(k).filter((t) => mine.has(t)).length +
    (keywordParts(k).structure === parts.structure ? 1 : 0) -
    (uses.get(k) ?? 0) * 1.5;
  const others = [...new Set(input.cluster.keywords.map((k) => normalizeKeyword(k.keyword)))]
    .filter((k) => k !== primary && !taken.has(k))
    .map((k) => ({ k, shared: score(k) }))
    .sort((a, b) => b.shared - a.shared || a.k.localeCompare(b.k))
    .map((x) => x.k);
  const picked = others.slice(0, 3);
  for (const v of ['tips', 'guide', 'basics']) {
    if (picked.length >= 2) break;
    const k = `${parts.subject} ${v}`;
    if (k !== primary && !picked.includes(k)) picked.push(k);
  }
  return picked;
}

function titleFor(pattern: string, parts: KeywordParts, primary: string, fallbackName: string): string {
  let title = fillPattern(pattern, parts);
  if (!title.toLowerCase().includes(primary)) title = `${titleCase(primary)}: ${fallbackName}`;
  return clip(title, 120);
}

function idea(
  input: Input,
  primary: string,
  structureKey: StructureKey,
  secondary: string[],
  random: SandboxRandom,
): Idea {
  const parts = keywordParts(primary);
  const s = getStructure(structureKey);
  const required = s.sections.filter((x) => !x.optional);
  const optional = s.sections.filter((x) => x.optional);
  const extra = Math.min(optional.length, Math.max(0, random.int(6, 10) - required.length));
  const keep = new Set([...required, ...random.shuffle(optional).slice(0, extra)]);
  const chosen = s.sections.filter((x) => keep.has(x)).slice(0, 10);
  const sections = chosen.map((sec, i) => ({
    heading: clip(fillPattern(sec.heading, parts), 140),
    points: sec.points.map((p) => fillPattern(p, parts)),
    keywords:
      i === 0
        ? [primary]
        : secondary[i - 1]
          ? [secondary[i - 1]!]
          : sec.element === 'faq'
            ? secondary.slice(0, 2)
            : [],
  }));
  const step = 100;
  const targetWords = Math.min(
    s.targetWords.max,
    Math.max(s.targetWords.min, s.targetWords.default + random.int(-2, 3) * step),
  );
  return {
    title: titleFor(random.pick(s.titlePatterns), parts, primary, s.name),
    brief: clip(
      `(igny8 sandbox sample) A ${s.name.toLowerCase()} for readers searching "${primary}" in the ${input.cluster.name} topic. ` +
        `${s.description} It also covers ${secondary.map((k) => `"${k}"`).join(', ')}.`,
      800,
    ),
    contentType: s.contentType,
    structure: s.key,
    primaryKeywords: [primary],
    secondaryKeywords: secondary.slice(0, 3),
    targetWords,
    outline: { sections },
  };
}

/**
 * Ideas for a cluster: one per distinct primary keyword (by volume), each in the structure its
 * keyword calls for ("how to …" → how-to, "… vs …" → comparison, "best …" → listicle), with the
 * structure's sections turned into a 6–10 section outline and the cluster's other keywords as secondaries.
 */
export function sandboxIdeas(input: Input, random: SandboxRandom): GenerateIdeasOutput {
  const used = new Set<StructureKey>();
  const existing = new Set((input.existingTitles ?? []).map(normalizeKeyword));
  const titles = new Set<string>();
  const all = primaries(input);
  const uses = new Map<string, number>();
  const ideas = all.map((primary, i) => {
    const parts = keywordParts(primary);
    // Variants of the topic keyword rotate through structures so the plan is not five guides.
    const structure: StructureKey =
      i > 0 && parts.structure === 'guide' && used.has('guide')
        ? (ROTATION.find((k) => !used.has(k)) ?? 'guide')
        : parts.structure;
    used.add(structure);
    // Another idea's primary keyword is never a secondary here: the two would compete.
    const sec = secondaries(input, primary, new Set(all), parts, uses);
    for (const k of sec) uses.set(k, (uses.get(k) ?? 0) + 1);
    let made = idea(input, primary, structure, sec, random);
    for (
      let n = 2;
      titles.has(normalizeKeyword(made.title)) || existing.has(normalizeKeyword(made.title));
      n++
    ) {
      made = { ...made, title: clip(`${made.title} (Part ${n})`, 120) };
    }
    titles.add(normalizeKeyword(made.title));
    return made;
  });
  const locale = sandboxLocale(input.site?.language);
  return locale ? localizeIdeas({ ideas }, locale) : { ideas };
}
