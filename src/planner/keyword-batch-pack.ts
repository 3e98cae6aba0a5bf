import type { ParsedKeyword } from './parse-keyword-file.js';

/**
 * A batch of parsed keywords in a form that crosses threads cheaply: string arrays and a few typed
 * arrays (transferred, not copied) instead of tens of thousands of objects, which the structured
 * clone would serialize and rebuild one property at a time on the importing thread. Not one long
 * string cut into slices: sliced strings compare and sort several times slower (V8's runtime path),
 * measured at 1 s of the importing thread's CPU per 200,000 rows.
 */
export interface PackedKeywords {
  keywords: string[];
  /** The normalized form per row; null when it is the keyword itself. */
  normalized: Array<string | null>;
  lines: Int32Array;
  /** Per row: volume, difficulty, cpc (NaN: none). */
  numbers: Float64Array;
  /** Per row: an index into intents (-1: none). */
  intentOf: Int32Array;
  intents: string[];
}

/**
 * The order an import inserts a batch in (by normalized keyword): the worker sorts each batch
 * before posting it, so the importing thread's own sort finds it sorted (one pass).
 */
export function byNormalized(a: ParsedKeyword, b: ParsedKeyword): number {
  return a.normalized < b.normalized ? -1 : a.normalized > b.normalized ? 1 : 0;
}

const orNaN = (n: number | null) => (n === null ? NaN : n);
const orNull = (n: number) => (Number.isNaN(n) ? null : n);

export function packKeywords(rows: readonly ParsedKeyword[]): PackedKeywords {
  const n = rows.length;
  const keywords = new Array<string>(n);
  const normalized = new Array<string | null>(n);
  const lines = new Int32Array(n);
  const numbers = new Float64Array(3 * n);
  const intentOf = new Int32Array(n);
  const intents: string[] = [];
  const intentIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    keywords[i] = r.keyword;
    normalized[i] = r.normalized === r.keyword ? null : r.normalized;
    lines[i] = r.line;
    numbers[3 * i] = orNaN(r.volume);
    numbers[3 * i + 1] = orNaN(r.difficulty);
    numbers[3 * i + 2] = orNaN(r.cpc);
    if (r.intent === null) intentOf[i] = -1;
    else {
      let at = intentIndex.get(r.intent);
      if (at === undefined) {
        at = intents.push(r.intent) - 1;
        intentIndex.set(r.intent, at);
      }
      intentOf[i] = at;
    }
  }
  return { keywords, normalized, lines, numbers, intentOf, intents };
}

/** The buffers packKeywords made, to transfer with the message. */
export function packedBuffers(p: PackedKeywords): ArrayBuffer[] {
  return [p.lines.buffer, p.numbers.buffer, p.intentOf.buffer] as ArrayBuffer[];
}

export function unpackKeywords(p: PackedKeywords): ParsedKeyword[] {
  const n = p.lines.length;
  const out = new Array<ParsedKeyword>(n);
  for (let i = 0; i < n; i++) {
    const keyword = p.keywords[i]!;
    const normalized = p.normalized[i] ?? keyword;
    const intent = p.intentOf[i]!;
    out[i] = {
      line: p.lines[i]!,
      keyword,
      normalized,
      volume: orNull(p.numbers[3 * i]!),
      difficulty: orNull(p.numbers[3 * i + 1]!),
      cpc: orNull(p.numbers[3 * i + 2]!),
      intent: intent < 0 ? null : p.intents[intent]!,
    };
  }
  return out;
}
