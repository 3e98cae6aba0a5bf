/** The longest keyword we store; longer cells are rejected rather than truncated into a different keyword. */
export const MAX_KEYWORD_LENGTH = 200;

/**
 * The display form of a keyword: Unicode NFKC (full-width letters, ligatures and non-breaking spaces
 * become their plain forms), trimmed, inner whitespace collapsed to one space. Case is kept.
 * @example cleanKeyword('  Ｃｏｆｆｅｅ\u00a0 Grinder ') // 'Coffee Grinder'
 */
export function cleanKeyword(raw: string): string {
  // Printable ASCII with single inner spaces is already clean: the common case, kept cheap for big imports.
  if (CLEAN_ASCII.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

const CLEAN_ASCII = /^[!-~]+(?: [!-~]+)*$/;

/**
 * The dedupe key: the display form lower-cased. Two keywords with the same key are one keyword.
 * @example normalizeKeyword('Coffee  GRINDER') // 'coffee grinder'
 */
export function normalizeKeyword(raw: string): string {
  return cleanKeyword(raw).toLowerCase();
}
