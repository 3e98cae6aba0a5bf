import { createRequire } from 'node:module';
import type CliTruncate from 'cli-truncate';
import type StringWidth from 'string-width';

const requireHere = createRequire(import.meta.url);

interface WidthLibs {
  stringWidth: typeof StringWidth;
  cliTruncate: typeof CliTruncate;
}

let libs: WidthLibs | null | undefined;

/**
 * string-width and cli-truncate, loaded on the first non-ASCII cell: importing them costs more than
 * a whole `igny8 keywords list` may take (P11). Both ship only ES modules, which `require` loads
 * from Node 20.19 on; on an older Node we keep counting UTF-16 units, as before.
 */
function widthLibs(): WidthLibs | null {
  if (libs !== undefined) return libs;
  try {
    libs = {
      stringWidth: (requireHere('string-width') as { default: typeof StringWidth }).default,
      cliTruncate: (requireHere('cli-truncate') as { default: typeof CliTruncate }).default,
    };
  } catch {
    libs = null;
  }
  return libs;
}

/**
 * Text whose every character takes exactly one column, so its length is its width: printable ASCII,
 * Latin-1 (without the soft hyphen) and the dashes, quotes and ellipsis of everyday text. Why:
 * string-width segments anything else with Intl.Segmenter, whose first use costs about 20 ms of a
 * `keywords list` that prints "—" for empty cells (P11). The test checks the set against string-width.
 */
export const ONE_COLUMN_TEXT =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*$/;
const PLAIN = ONE_COLUMN_TEXT;

/**
 * Columns a terminal gives the text: wide (CJK, emoji) characters take two, combining marks none.
 * @example displayWidth('日本') // 4
 */
export function displayWidth(text: string): number {
  if (PLAIN.test(text)) return text.length;
  return widthLibs()?.stringWidth(text) ?? text.length;
}

/**
 * The text cut to at most `columns` display columns, ending in "…" when cut.
 * @example truncateToWidth('日本語テキスト', 5) // '日本…'
 */
export function truncateToWidth(text: string, columns: number): string {
  if (displayWidth(text) <= columns) return text;
  const lib = PLAIN.test(text) ? null : widthLibs();
  return lib ? lib.cliTruncate(text, columns) : `${text.slice(0, columns - 1)}…`;
}

/**
 * The text padded with spaces to `columns` display columns (cut with "…" when wider).
 * @example padToWidth('日本', 6) // '日本  '
 */
export function padToWidth(text: string, columns: number): string {
  const w = displayWidth(text);
  return w > columns ? truncateToWidth(text, columns) : `${text}${' '.repeat(columns - w)}`;
}
