import type { KbFormat, KbOrigin } from '../db/schema.js';

export type { KbFormat, KbOrigin };

/** One block of extracted text, in document order. */
export type TextBlock = { kind: 'heading'; text: string } | { kind: 'para'; text: string };

/** What an extractor returns: the document's own title (when it has one) and its text blocks. */
export interface ExtractedDoc {
  title: string | null;
  blocks: TextBlock[];
}

/** A passage as the chunker makes it (before it gets an id). */
export interface PassageDraft {
  seq: number;
  heading: string | null;
  text: string;
  words: number;
}

/** A knowledge-base source as the core and the interfaces see it. */
export interface KbSource {
  id: string;
  siteId: string;
  title: string;
  url: string | null;
  origin: KbOrigin;
  fileName: string | null;
  format: KbFormat;
  sha256: string;
  bytes: number;
  chars: number;
  passageCount: number;
  createdAt: string;
}

export interface KbPassage {
  id: string;
  sourceId: string;
  seq: number;
  heading: string | null;
  text: string;
  words: number;
}

/** A passage found by a search, with its source and a relevance score (higher is better). */
export interface KbHit extends KbPassage {
  sourceTitle: string;
  sourceUrl: string | null;
  score: number;
}
