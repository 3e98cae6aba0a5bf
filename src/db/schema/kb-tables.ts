/** The knowledge base of a site (0014): sources and the passages they were split into. */
export type KbOrigin = 'file' | 'url' | 'stdin';
export type KbFormat = 'markdown' | 'text' | 'html' | 'pdf' | 'docx';

export interface KbSourcesTable {
  id: string;
  account_id: string;
  site_id: string;
  title: string;
  /** The page it was fetched from (origin url), or a URL given with a file; cited in Sources lists. */
  url: string | null;
  origin: KbOrigin;
  file_name: string | null;
  format: KbFormat;
  /** Of the bytes read: adding the same bytes to a site again returns the existing source. */
  sha256: string;
  bytes: number;
  /** Characters of extracted text. */
  chars: number;
  passage_count: number;
  created_at: string;
  /** The text-search configuration its passages were indexed with (0029): 'english', 'german', 'simple'… */
  ts_config: string;
}

export interface KbPassagesTable {
  id: string;
  account_id: string;
  site_id: string;
  source_id: string;
  /** 1-based order within the source. */
  seq: number;
  /** The nearest heading above the passage in its source. */
  heading: string | null;
  text: string;
  words: number;
  /** The text-search configuration it is indexed and queried with (0029; its site's language). */
  ts_config: string;
  /** Heading and text split into words for the full-text index (scripts without spaces), else null. */
  fts_heading: string | null;
  fts_text: string | null;
}
