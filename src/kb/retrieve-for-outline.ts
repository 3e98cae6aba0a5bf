import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { Grounding, SuppliedPassage } from './grounding.js';
import { searchPassages, siteHasSources, type KbHitRow } from './kb.repository.js';
import { searchTerms } from './search-terms.js';

export interface OutlineForRetrieval {
  focusKeyword: string;
  sections: ReadonlyArray<{ heading: string; points?: readonly string[]; keywords?: readonly string[] }>;
}

export interface RetrieveOptions {
  /** Passages per section (default 3). */
  perSection?: number;
  /** Passages per article (default 12): the prompt stays bounded. */
  maxTotal?: number;
  /** Characters of each passage handed to the writer (default 700). */
  maxChars?: number;
}

export interface Retrieved {
  passages: SuppliedPassage[];
  /** Why there are none (null when there are some). */
  reason: Grounding['reason'];
}

/** A term "occurs" in a passage when its first letters do (so the stemmed index and this check agree on "brew"/"brewing"). */
function matchedTerms(hit: KbHitRow, terms: readonly string[]): number {
  const text = `${hit.heading ?? ''} ${hit.text}`.toLowerCase();
  return terms.filter((t) => text.includes(t.length > 5 ? t.slice(0, t.length - 2) : t)).length;
}

/**
 * For each outline section, the site's best passages (full-text search over the section's heading,
 * points and keywords, plus the focus keyword), numbered [1]…[n] across the article. A passage must
 * share at least two search words with its section (one when the section has only one) to count:
 * a shared "guide" does not make a passage relevant.
 */
export async function retrieveForOutline(
  db: Db,
  scope: SiteScope,
  outline: OutlineForRetrieval,
  options: RetrieveOptions = {},
): Promise<Retrieved> {
  const perSection = options.perSection ?? 3;
  const maxTotal = options.maxTotal ?? 12;
  const maxChars = options.maxChars ?? 700;
  // Most sites have no knowledge base: one indexed look-up instead of a full-text search per section
  // (six per article, about a fifth of an offline article's database time).
  if (!(await siteHasSources(db, scope))) return { passages: [], reason: 'no-knowledge-base' };
  const focus = searchTerms(outline.focusKeyword, 6);
  const chosen = new Map<string, SuppliedPassage>();
  for (const [i, sec] of outline.sections.entries()) {
    const own = searchTerms([sec.heading, ...(sec.points ?? []), ...(sec.keywords ?? [])].join(' '), 24);
    const terms = [...new Set([...own, ...focus])];
    const hits = await searchPassages(db, scope, terms, perSection * 4);
    const need = Math.min(2, terms.length);
    let taken = 0;
    for (const hit of hits) {
      if (taken >= perSection) break;
      if (matchedTerms(hit, terms) < need) continue;
      const known = chosen.get(hit.id);
      if (known) {
        if (!known.sections.includes(i)) known.sections.push(i);
        taken++;
        continue;
      }
      if (chosen.size >= maxTotal) continue;
      chosen.set(hit.id, {
        n: chosen.size + 1,
        passageId: hit.id,
        sourceId: hit.source_id,
        title: hit.source_title,
        url: hit.source_url,
        heading: hit.heading,
        text:
          hit.text.length > maxChars ? `${hit.text.slice(0, maxChars).replace(/\s+\S*$/, '')} …` : hit.text,
        sections: [i],
      });
      taken++;
    }
  }
  const passages = [...chosen.values()];
  if (passages.length) return { passages, reason: null };
  // The site has sources (checked above), so nothing found means nothing matched.
  return { passages, reason: 'no-matching-passages' };
}
