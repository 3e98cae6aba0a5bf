export {
  createKbService,
  toKbSource,
  KB_MAX_BYTES,
  type KbService,
  type KbAddInput,
  type KbAddResult,
  type KbServiceOptions,
} from './kb.service.js';
export {
  retrieveForOutline,
  type OutlineForRetrieval,
  type RetrieveOptions,
  type Retrieved,
} from './retrieve-for-outline.js';
export {
  applyCitations,
  citationNumbers,
  citationProblems,
  citedSentences,
  type CitedSentence,
  type CitedSource,
  type Grounding,
  type SuppliedPassage,
} from './grounding.js';
export { chunkPassages } from './chunk-passages.js';
export { searchTerms } from './search-terms.js';
export { KB_FORMATS, sniffFormat } from './detect-format.js';
export type { KbFormat, KbHit, KbOrigin, KbPassage, KbSource } from './kb.types.js';
export { groundIdea } from './ground-idea.js';
