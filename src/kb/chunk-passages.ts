import type { PassageDraft, TextBlock } from './kb.types.js';
import { wordCount } from './normalize-text.js';

export interface ChunkOptions {
  /** A passage closes once it reaches this many words (default 120)… */
  targetWords?: number;
  /** …and never grows past this (default 220): a longer paragraph is cut at sentence ends. */
  maxWords?: number;
}

/** Sentences of a paragraph (ends at . ! ? … followed by a space and a capital, digit or quote). */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?…。！？])\s+(?=[\p{Lu}\p{N}"“'(])/u).filter(Boolean);
}

/** Pieces of at most `max` words: sentences grouped; a run-on sentence cut by words. */
function pieces(text: string, max: number): string[] {
  if (wordCount(text) <= max) return [text];
  const out: string[] = [];
  let cur: string[] = [];
  let n = 0;
  for (const s of sentences(text)) {
    const w = wordCount(s);
    if (w > max) {
      if (cur.length) out.push(cur.join(' '));
      const ws = s.split(/\s+/);
      for (let i = 0; i < ws.length; i += max) out.push(ws.slice(i, i + max).join(' '));
      cur = [];
      n = 0;
      continue;
    }
    if (n + w > max && cur.length) {
      out.push(cur.join(' '));
      cur = [];
      n = 0;
    }
    cur.push(s);
    n += w;
  }
  if (cur.length) out.push(cur.join(' '));
  return out;
}

/**
 * Blocks → passages of about `targetWords` words, each under the nearest heading above it; a heading
 * always starts a new passage, so a passage never mixes two sections of its source.
 * @example chunkPassages([{ kind: 'heading', text: 'Brewing' }, { kind: 'para', text: 'Grind coarse.' }])
 * // [{ seq: 1, heading: 'Brewing', text: 'Grind coarse.', words: 2 }]
 */
export function chunkPassages(blocks: readonly TextBlock[], options: ChunkOptions = {}): PassageDraft[] {
  const target = options.targetWords ?? 120;
  const max = options.maxWords ?? 220;
  const out: PassageDraft[] = [];
  let heading: string | null = null;
  let cur: string[] = [];
  let n = 0;
  const close = () => {
    if (cur.length) out.push({ seq: out.length + 1, heading, text: cur.join('\n\n'), words: n });
    cur = [];
    n = 0;
  };
  for (const b of blocks) {
    if (b.kind === 'heading') {
      close();
      heading = b.text.slice(0, 300);
      continue;
    }
    for (const piece of pieces(b.text, max)) {
      const w = wordCount(piece);
      if (w === 0) continue;
      if (n + w > max) close();
      cur.push(piece);
      n += w;
      if (n >= target) close();
    }
  }
  close();
  return out;
}
