import { flesch } from 'flesch';
import { syllable } from 'syllable';
import { slugify } from '../util/ids.js';
import { fleschApplies } from '../util/language.js';
import { countWords, firstParagraph, headings, htmlToText, sentences } from './html-text.js';

export interface SeoInput {
  title: string;
  slug: string;
  html: string;
  metaTitle: string | null;
  metaDescription: string | null;
  focusKeyword: string | null;
  targetWords?: number | null;
  /** Titles of other articles of the site that target the same focus keyword (cannibalization). */
  competingTitles?: string[];
  /** BCP 47 tag the article is written in (default en): word counting and readability follow it. */
  language?: string | null;
}

export interface SeoCheck {
  id: string;
  label: string;
  passed: boolean;
  weight: number;
  detail: string;
  severity: 'ok' | 'warning' | 'error';
}

export interface SeoReport {
  score: number;
  wordCount: number;
  readingEase: number;
  checks: SeoCheck[];
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const contains = (hay: string | null | undefined, needle: string) =>
  Boolean(hay) && norm(hay!).includes(norm(needle));

/** Words already counted: an article repeats most of its words, and every article scores ~1,000. */
const syllableCache = new Map<string, number>();

/** English syllables of one word, by wooorm's `syllable` (rules plus a list of exceptions). */
function syllablesOf(word: string): number {
  // The package lowercases too, so "The" and "the" share one entry.
  const key = word.toLowerCase();
  const known = syllableCache.get(key);
  if (known !== undefined) return known;
  const n = syllable(key);
  if (syllableCache.size < 50_000) syllableCache.set(key, n);
  return n;
}

/**
 * Flesch reading ease, 206.835 − 1.015·(words/sentence) − 84.6·(syllables/word), by the `flesch`
 * package; rounded to one decimal, and 0 for a text without sentences or words.
 */
export function readingEase(text: string): number {
  const sents = sentences(text);
  const words = text.match(/[\p{L}']+/gu) ?? [];
  if (sents.length === 0 || words.length === 0) return 0;
  const syl = words.reduce((n, w) => n + syllablesOf(w), 0);
  const ease = flesch({ sentence: sents.length, word: words.length, syllable: syl });
  return Number.isFinite(ease) ? Math.round(ease * 10) / 10 : 0;
}

/**
 * The SEO checks run on every article, pure: what was checked, what passed, and a 0–100 score
 * weighted by how much each matters. The report is stored on the content and shown in review.
 */
export function checkSeo(input: SeoInput): SeoReport {
  const text = htmlToText(input.html);
  const language = input.language || 'en';
  const wordCount = countWords(text, language);
  const kw = input.focusKeyword?.trim() ?? '';
  const hs = headings(input.html);
  const h2 = hs.filter((h) => h.level === 2);
  const skipped = hs.some((h, i) => i > 0 && h.level > hs[i - 1]!.level + 1);
  const h1Count = hs.filter((h) => h.level === 1).length;
  const metaTitleLen = input.metaTitle?.length ?? 0;
  const metaDescLen = input.metaDescription?.length ?? 0;
  // Flesch reading ease is an English formula (English syllables and constants): skipped otherwise.
  const english = fleschApplies(language);
  const ease = english ? readingEase(text) : 0;
  const target = input.targetWords ?? null;
  const ratio = target ? wordCount / target : 1;
  const competing = input.competingTitles ?? [];
  const check = (
    id: string,
    label: string,
    weight: number,
    passed: boolean,
    detail: string,
    warnOnly = false,
  ): SeoCheck => ({
    id,
    label,
    weight,
    passed,
    detail,
    severity: passed ? 'ok' : warnOnly ? 'warning' : 'error',
  });
  const checks: SeoCheck[] = [
    check('focus_keyword_set', 'Focus keyword set', 5, kw.length > 0, kw ? `"${kw}"` : 'no focus keyword'),
    check(
      'keyword_in_title',
      'Focus keyword in title',
      15,
      kw !== '' && contains(input.title, kw),
      input.title,
    ),
    check(
      'keyword_in_intro',
      'Focus keyword in first paragraph',
      10,
      kw !== '' && contains(firstParagraph(input.html), kw),
      firstParagraph(input.html).slice(0, 120),
    ),
    check(
      'keyword_in_meta',
      'Focus keyword in meta title and description',
      10,
      kw !== '' && contains(input.metaTitle, kw) && contains(input.metaDescription, kw),
      `${input.metaTitle ?? '—'} / ${input.metaDescription ?? '—'}`,
    ),
    check(
      'meta_title_length',
      'Meta title 30–60 characters',
      8,
      metaTitleLen >= 30 && metaTitleLen <= 60,
      `${metaTitleLen} characters`,
    ),
    check(
      'meta_description_length',
      'Meta description 120–160 characters',
      8,
      metaDescLen >= 120 && metaDescLen <= 160,
      `${metaDescLen} characters`,
    ),
    check(
      'headings',
      'Heading structure (≥ 3 H2, no H1 in body, no skipped levels)',
      12,
      h2.length >= 3 && h1Count === 0 && !skipped,
      `${h2.length} H2, ${h1Count} H1${skipped ? ', a level is skipped' : ''}`,
    ),
    check(
      'length',
      'Length within 20% of target',
      10,
      ratio >= 0.8 && ratio <= 1.2,
      target ? `${wordCount} of ${target} words` : `${wordCount} words (no target)`,
    ),
    english
      ? check(
          'readability',
          'Readability (Flesch reading ease ≥ 50)',
          7,
          ease >= 50,
          `reading ease ${ease}`,
          true,
        )
      : check(
          'readability',
          'Readability (Flesch reading ease ≥ 50)',
          0,
          true,
          `skipped: Flesch reading ease is an English formula; the article is in ${language}`,
          true,
        ),
    check(
      'slug',
      'Short slug with the keyword',
      5,
      input.slug.length <= 75 &&
        (kw === '' ||
          (english
            ? norm(kw)
                .split(' ')
                .every((w) => input.slug.includes(w.replace(/[^a-z0-9]/g, '')))
            : slugify(kw, language)
                .split('-')
                .every((w) => input.slug.normalize('NFKC').toLowerCase().includes(w)))),
      input.slug,
    ),
    check(
      'cannibalization',
      'No other article targets the same keyword',
      10,
      competing.length === 0,
      competing.length ? `also targeted by: ${competing.slice(0, 3).join('; ')}` : 'unique',
      true,
    ),
  ];
  const total = checks.reduce((n, c) => n + c.weight, 0);
  const got = checks.reduce((n, c) => n + (c.passed ? c.weight : 0), 0);
  return { score: Math.round((got / total) * 100), wordCount, readingEase: ease, checks };
}
