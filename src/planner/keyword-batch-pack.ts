import type { ParsedKeyword } from './parse-keyword-file.js';

/**
 * A batch of parsed keywords in a form that crosses threads cheaply: one string and a few typed
 * arrays (transferred, not copied) instead of tens of thousands of objects, which the structured
 * clone would serialize and rebuild one property at a time on the importing thread.
 */
export interface PackedKeywords {
  /** Every keyword, then its normalized form when it differs, end to end. */
  text: string;
  /** Per row: the keyword's length, then the normalized form's (-1: the same as the keyword). */
  lengths: Int32Array;
  lines: Int32Array;
  /** Per row: volume, difficulty, cpc (NaN: none). */
  numbers: Float64Array;
  /** Per row: an index into intents (-1: none). */
  intentOf: Int32Array;
  intents: string[];
}

const orNaN = (n: number | null) => (n === null ? NaN : n);
const orNull = (n: number) => (Number.isNaN(n) ? null : n);

export function packKeywords(rows: readonly ParsedKeyword[]): PackedKeywords {
  const n = rows.length;
  const parts: string[] = [];
  const lengths = new Int32Array(2 * n);
  const lines = new Int32Array(n);
  const numbers = new Float64Array(3 * n);
  const intentOf = new Int32Array(n);
  const intents: string[] = [];
  const intentIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    parts.push(r.keyword);
    lengths[2 * i] = r.keyword.length;
    if (r.normalized === r.keyword) lengths[2 * i + 1] = -1;
    else {
      parts.push(r.normalized);
      lengths[2 * i + 1] = r.normalized.length;
    }
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
  return { text: parts.join(''), lengths, lines, numbers, intentOf, intents };
}

/** The buffers packKeywords made, to transfer with the message. */
export function packedBuffers(p: PackedKeywords): ArrayBuffer[] {
  return [p.lengths.buffer, p.lines.buffer, p.numbers.buffer, p.intentOf.buffer] as ArrayBuffer[];
}

export function unpackKeywords(p: PackedKeywords): ParsedKeyword[] {
  const n = p.lines.length;
  const out = new Array<ParsedKeyword>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const keyword = p.text.slice(at, (at += p.lengths[2 * i]!));
    const len = p.lengths[2 * i + 1]!;
    const normalized = len < 0 ? keyword : p.text.slice(at, (at += len));
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
