import { primaryLanguage } from '../util/language.js';

/**
 * PostgreSQL's built-in text-search configurations (snowball stemmers, PostgreSQL 14+), by primary
 * language subtag. Languages without one are indexed with `simple` (lower-cased words, no stemming).
 */
const CONFIGS: Record<string, string> = {
  ar: 'arabic',
  ca: 'catalan',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  eu: 'basque',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hi: 'hindi',
  hu: 'hungarian',
  hy: 'armenian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sr: 'serbian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
  yi: 'yiddish',
};

/**
 * The text-search configuration a passage in `language` (BCP 47) is indexed and queried with:
 * PostgreSQL's stemmer for the language, else `simple`. SQLite records it but stems every language
 * with FTS5's (English) porter tokenizer, the only stemmer FTS5 ships.
 * @example textSearchConfig('de-AT') // 'german'; textSearchConfig('ja') // 'simple'
 */
export function textSearchConfig(language: string | null | undefined): string {
  return CONFIGS[primaryLanguage(language)] ?? 'simple';
}
