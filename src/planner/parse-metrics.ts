/**
 * Cell parsers for the numbers keyword tools export. Each returns `{ value }` (null = not given) or
 * `{ error }` naming what was wrong, so the importer can reject the row with that reason.
 */
export type Parsed<T> = { value: T | null; error?: undefined } | { value?: undefined; error: string };

const DIGITS = /^\d{1,10}$/;
const DECIMAL = /^\d{1,6}(\.\d{1,4})?$/;
const EMPTY = new Set(['', '-', '—', '–', 'n/a', 'na', 'none', 'null', '--']);
const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * A search volume. Accepts "1300", "1,300", "1 300", "1.300" (thousands), "2.5K", "1M", "~390",
 * "<10", and Keyword Planner ranges such as "1K – 10K" or "100-1K", which become their LOWER bound:
 * ranges are buckets, and the lower bound never overstates demand (it also sorts like the midpoint).
 * @example parseVolume('1K – 10K') // { value: 1000 }
 */
export function parseVolume(cell: string | undefined): Parsed<number> {
  if (cell !== undefined && DIGITS.test(cell)) return checkedVolume(Number(cell), cell);
  const s = (cell ?? '').trim().toLowerCase();
  if (EMPTY.has(s)) return { value: null };
  const range = /^(.+?)\s*(?:[-–—]|to)\s*(.+)$/.exec(s);
  if (range && !s.startsWith('-')) {
    const lo = amount(range[1]!);
    const hi = amount(range[2]!);
    if (lo === null || hi === null) return { error: `volume is not a number: "${clip(cell)}"` };
    return checkedVolume(Math.min(lo, hi), cell);
  }
  const v = amount(s);
  if (v === null) return { error: `volume is not a number: "${clip(cell)}"` };
  return checkedVolume(v, cell);
}

/** The column is a 32-bit integer on PostgreSQL; no real keyword comes near it. */
const MAX_VOLUME = 2_000_000_000;

function checkedVolume(v: number, cell: string | undefined): Parsed<number> {
  if (v > MAX_VOLUME)
    return { error: `volume ${clip(cell)} is larger than ${MAX_VOLUME.toLocaleString('en-US')}` };
  return { value: Math.round(v) };
}

/**
 * A keyword difficulty on the 0–100 scale ("45", "45%", "45.6" → 46). Values outside 0–100 are an
 * error: another scale would be silently misread.
 */
export function parseDifficulty(cell: string | undefined): Parsed<number> {
  if (cell !== undefined && DIGITS.test(cell) && cell.length <= 3) {
    const v = Number(cell);
    return v <= 100 ? { value: v } : { error: `difficulty ${cell} is outside 0–100` };
  }
  const s = (cell ?? '').trim().toLowerCase();
  if (EMPTY.has(s)) return { value: null };
  const n = plainNumber(s.replace(/%$/, ''));
  if (n === null) return { error: `difficulty is not a number: "${clip(cell)}"` };
  const v = Math.round(n);
  if (v < 0 || v > 100) return { error: `difficulty ${clip(cell)} is outside 0–100` };
  return { value: v };
}

/** A cost per click: "1.41", "$1.41", "1,41 €". Unreadable or negative CPCs become null (never a rejection). */
export function parseCpc(cell: string | undefined): number | null {
  if (cell !== undefined && DECIMAL.test(cell)) return Math.round(Number(cell) * 100) / 100;
  const s = (cell ?? '')
    .trim()
    .toLowerCase()
    .replace(/[$€£¥₹]|usd|eur|gbp/g, '')
    .trim();
  if (EMPTY.has(s)) return null;
  const n = plainNumber(s.includes(',') && !s.includes('.') ? s.replace(',', '.') : s.replace(/,/g, ''));
  return n === null || n < 0 ? null : Math.round(n * 100) / 100;
}

const INTENT_WORDS: Record<string, string> = {
  commercial: 'commercial',
  informational: 'informational',
  navigational: 'navigational',
  transactional: 'transactional',
  // Semrush's numeric codes (API exports) and one-letter badges.
  '0': 'commercial',
  '1': 'informational',
  '2': 'navigational',
  '3': 'transactional',
  c: 'commercial',
  i: 'informational',
  n: 'navigational',
  t: 'transactional',
};

/**
 * Semrush intents ("Informational, Commercial", "1,0", "I, C") as canonical lower-case names joined
 * by commas, in the order given; unknown words are dropped, nothing known gives null.
 * @example parseIntent('Informational, Commercial') // 'informational,commercial'
 */
export function parseIntent(cell: string | undefined): string | null {
  if (!cell) return null;
  // Exports repeat a handful of intent cells a million times over: remember their parse.
  const known = intentCache.get(cell);
  if (known !== undefined) return known;
  const names = (cell ?? '')
    .toLowerCase()
    .split(/[,;/|\s]+/)
    .map((w) => INTENT_WORDS[w])
    .filter((w): w is string => Boolean(w));
  const parsed = names.length === 0 ? null : [...new Set(names)].join(',');
  if (intentCache.size < 1000) intentCache.set(cell, parsed);
  return parsed;
}

const intentCache = new Map<string, string | null>();

/** "2.5k", "1,300", "1 300", "1.300", "~390", "<10" → a non-negative number, else null. */
function amount(raw: string): number | null {
  let s = raw.trim().replace(/^[~≈<>≤≥+]\s*/, '');
  let mult = 1;
  const suffix = /^(.*?)\s*([kmb])$/.exec(s);
  if (suffix) {
    mult = SUFFIX[suffix[2]!]!;
    s = suffix[1]!;
    // "2,5K" is a decimal comma; a suffixed number has no thousands groups.
    if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
  } else {
    // Thousands separators: comma, (narrow) no-break or plain space, apostrophe, and a dot before
    // exactly-three-digit groups ("1.300" in European exports; volumes are whole numbers).
    s = s.replace(/[,\s\u00a0\u202f']/g, '');
    if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  }
  const n = plainNumber(s);
  return n === null || n < 0 ? null : n * mult;
}

function plainNumber(s: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function clip(cell: string | undefined): string {
  const s = (cell ?? '').trim();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
