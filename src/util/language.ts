import { z } from 'zod';

/** The language content is written in when neither the site nor the sector sets one. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * A BCP 47 language tag ("de", "es", "ja", "pt-BR"), stored in its canonical case. Intl rejects
 * tags that are not well formed, so "german" or "de_DE" fail with the field named.
 */
export const LanguageSchema = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((tag, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && /^[a-z]{2,3}(-|$)/.test(canonical)) return canonical;
    } catch {
      // fall through to the issue below
    }
    ctx.addIssue({
      code: 'custom',
      message: `"${tag}" is not a BCP 47 language tag; use e.g. en, de, es, ja or pt-BR`,
    });
    return z.NEVER;
  });

/** The primary language subtag: "pt-BR" → "pt". */
export function primaryLanguage(tag: string | null | undefined): string {
  return (tag || DEFAULT_LANGUAGE).toLowerCase().split('-')[0]!;
}

/** The language's English name for a prompt ("German"), or the tag itself when Intl has none. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Languages written without spaces between words: words are found with Intl.Segmenter. */
const SPACELESS = new Set(['ja', 'zh', 'th', 'lo', 'km', 'my', 'bo']);
export const isSpaceless = (tag: string | null | undefined): boolean => SPACELESS.has(primaryLanguage(tag));

/** Flesch reading ease is an English formula (its syllable counts and constants are English). */
export const fleschApplies = (tag: string | null | undefined): boolean => primaryLanguage(tag) === 'en';

/** The sector's language when it sets one, else the site's, else English. */
export function effectiveLanguage(site: string | null | undefined, sector?: string | null): string {
  return sector || site || DEFAULT_LANGUAGE;
}
