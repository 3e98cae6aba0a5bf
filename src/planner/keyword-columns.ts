/**
 * Which keyword tool made a file, and which column holds what, from the header names alone. Header
 * names are compared case-, space- and punctuation-insensitively ("Avg. monthly searches" →
 * "avgmonthlysearches"), so small differences between export versions still match.
 */
export const KEYWORD_FORMATS = ['semrush', 'ahrefs', 'gkp', 'gsc', 'csv', 'plain'] as const;
export type KeywordFormat = (typeof KEYWORD_FORMATS)[number];

export interface ColumnMap {
  keyword: number;
  volume?: number;
  difficulty?: number;
  cpc?: number;
  /** Keyword Planner gives a bid range instead of a CPC; the importer uses its midpoint. */
  cpcLow?: number;
  cpcHigh?: number;
  intent?: number;
}

/** Aliases per field, best first: the first alias present wins (Ahrefs' "Volume" before "Global volume"). */
const ALIASES: Record<Exclude<keyof ColumnMap, 'keyword'> | 'keyword', string[]> = {
  keyword: [
    'keyword',
    'keywords',
    'topqueries',
    'query',
    'queries',
    'searchterm',
    'searchterms',
    'keyphrase',
  ],
  // Search Console has no search volume: impressions stand in for it (documented in the importer).
  volume: [
    'volume',
    'searchvolume',
    'avgmonthlysearches',
    'monthlysearches',
    'avgsearchvolume',
    'impressions',
  ],
  difficulty: ['keyworddifficulty', 'difficulty', 'kd', 'keyworddifficultyindex', 'seodifficulty'],
  cpc: ['cpc', 'cpcusd', 'cpceur', 'cpcgbp', 'costperclick', 'avgcpc'],
  cpcLow: ['topofpagebidlowrange'],
  cpcHigh: ['topofpagebidhighrange'],
  intent: ['intent', 'intents', 'searchintent'],
};

/** Columns only one vendor's export has: enough to name the tool. */
const SIGNATURES: Array<{ format: Exclude<KeywordFormat, 'csv' | 'plain'>; keys: string[] }> = [
  {
    format: 'gkp',
    keys: ['avgmonthlysearches', 'topofpagebidlowrange', 'topofpagebidhighrange', 'competitionindexedvalue'],
  },
  { format: 'gsc', keys: ['topqueries'] },
  {
    format: 'semrush',
    keys: ['keyworddifficulty', 'competitivedensity', 'numberofresults', 'cpcusd', 'serpfeatures', 'intent'],
  },
  { format: 'ahrefs', keys: ['parentkeyword', 'trafficpotential', 'globalvolume', 'cps', 'lastupdate'] },
];

/** "Avg. monthly searches" → "avgmonthlysearches"; "KD %" → "kd". */
export function headerKey(cell: string): string {
  return cell
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Where each field sits in this header row, or null when there is no keyword column. */
export function mapColumns(header: string[]): ColumnMap | null {
  const keys = header.map(headerKey);
  const find = (aliases: string[]): number | undefined => {
    for (const a of aliases) {
      const i = keys.indexOf(a);
      if (i >= 0) return i;
    }
    return undefined;
  };
  const keyword = find(ALIASES.keyword);
  if (keyword === undefined) return null;
  const map: ColumnMap = { keyword };
  for (const field of ['volume', 'difficulty', 'cpc', 'cpcLow', 'cpcHigh', 'intent'] as const) {
    const i = find(ALIASES[field]);
    if (i !== undefined) map[field] = i;
  }
  return map;
}

/**
 * Warnings for header names that repeat ("Volume" twice): only the first of them is read, which
 * should not happen silently. Column numbers are 1-based, as a spreadsheet shows them.
 * @example duplicateColumns(['Keyword', 'Volume', 'Volume'], { keyword: 0, volume: 1 })
 * // ['columns 2 and 3 are both named "Volume": column 2 is read, the others are ignored']
 */
export function duplicateColumns(header: string[], columns: ColumnMap): string[] {
  const keys = header.map(headerKey);
  const read = new Set(Object.values(columns));
  const out: string[] = [];
  keys.forEach((k, i) => {
    if (k === '' || keys.indexOf(k) !== i) return;
    const at = keys.flatMap((other, j) => (other === k ? [j + 1] : []));
    if (at.length < 2) return;
    const list = `${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}`;
    const name = JSON.stringify(header[i]!.trim());
    out.push(
      read.has(i)
        ? `columns ${list} are both named ${name}: column ${i + 1} is read, the others are ignored`
        : `columns ${list} are both named ${name} (none of them is read)`,
    );
  });
  return out;
}

/** The tool that made a header row: a vendor when its signature columns are there, else generic 'csv'. */
export function detectFormat(header: string[]): KeywordFormat {
  const keys = new Set(header.map(headerKey));
  let best: { format: KeywordFormat; hits: number } = { format: 'csv', hits: 0 };
  for (const s of SIGNATURES) {
    const hits = s.keys.filter((k) => keys.has(k)).length;
    if (hits > best.hits) best = { format: s.format, hits };
  }
  return best.format;
}

/** True when a one-cell line is a keyword-column title ("Keyword", "Keywords", "Query"). */
export function isKeywordTitle(cell: string): boolean {
  return ALIASES.keyword.includes(headerKey(cell));
}
